// The key layout, storage settings precedence, and S3 error explanations.
import { describe, expect, it } from 'vitest';
import { checkFromSegment, keySegment, MAX_SEGMENT_BYTES, runFolder, stateKey } from '../../src/store/layout.ts';
import { screenshotFile } from '../../src/runner/screenshots.ts';
import { normalisePrefix, s3Settings } from '../../src/store/settings.ts';
import { explainS3Error } from '../../src/store/s3-errors.ts';

describe('keySegment', () => {
  it('keeps letters and digits of any script readable', () => {
    expect(keySegment('checkout')).toBe('checkout');
    expect(keySegment('ログイン_v2.1')).toBe('ログイン_v2.1');
  });

  it('encodes slashes, spaces, percent signs and control characters', () => {
    expect(keySegment('checkout flow/mobile')).toBe('checkout%20flow%2Fmobile');
    expect(keySegment('100%')).toBe('100%25');
    expect(keySegment('a\nb')).toBe('a%0Ab');
    expect(keySegment('..')).toBe('%2E%2E');
  });

  it('never maps two names to one segment, and decodes back', () => {
    const names = ['a b', 'a-b', 'a_b', 'a%20b', 'a/b', 'a%2Fb', 'A b', '決済 / pay', '.', '..', '...'];
    const segments = names.map(keySegment);
    expect(new Set(segments).size).toBe(names.length);
    expect(segments.every((s) => !s.includes('/'))).toBe(true);
    expect(segments.map(checkFromSegment)).toEqual(names);
  });
});

describe('keySegment for long names', () => {
  const bytes = (text: string) => Buffer.byteLength(text);
  // A file name must fit in 255 bytes with the local store's `.<pid>.tmp` beside it (state/<segment>.json.<pid>.tmp).
  const fitsAFileName = (segment: string) => bytes(`${segment}.json.4194304.tmp`) <= 255;

  it.each([
    ['300 ASCII characters', 'a'.repeat(300)],
    ['90 Japanese characters (270 bytes)', '決済'.repeat(45)],
    ['300 percent-encoded characters (900 bytes)', '/'.repeat(300)],
    ['emoji and combining marks', '👩‍👩‍👧 cafe\u0301 '.repeat(30)],
  ])('shortens %s to a file-name-safe segment with a hash of the whole name', (_, name) => {
    const segment = keySegment(name);
    expect(bytes(segment)).toBeLessThanOrEqual(MAX_SEGMENT_BYTES);
    expect(fitsAFileName(segment)).toBe(true);
    expect(segment).toMatch(/~[0-9a-f]{8}$/);
    expect(segment).not.toContain('/');
    // Cut between encoded characters, never inside one: what is kept still decodes to the name's beginning.
    const kept = segment.slice(0, -9);
    expect(name.normalize('NFC').startsWith(decodeURIComponent(kept))).toBe(true);
    expect(keySegment(name)).toBe(segment);
  });

  it('keeps a name that fits exactly as it is, and shortens the next longer one', () => {
    const fits = 'x'.repeat(MAX_SEGMENT_BYTES);
    expect(keySegment(fits)).toBe(fits);
    expect(keySegment(`${fits}y`)).toMatch(/^x+~[0-9a-f]{8}$/);
  });

  it('never gives two long names that share a beginning one segment', () => {
    const prefix = 'checkout journey for the spring campaign '.repeat(8);
    const names = [`${prefix} on mobile`, `${prefix} on desktop`, `${prefix}`, `${prefix} `];
    expect(new Set(names.map(keySegment)).size).toBe(names.length);
  });

  it('never lets a short name take the segment of a shortened one', () => {
    const long = 'a'.repeat(300);
    const lookalike = keySegment(long);
    expect(keySegment(lookalike)).not.toBe(lookalike);
    expect(keySegment('release~1')).toBe('release~1');
  });

  it('gives one segment to a name written composed (NFC) or decomposed (NFD)', () => {
    expect(keySegment('cafe\u0301')).toBe(keySegment('caf\u00e9'));
    expect(keySegment('ガ'.normalize('NFD').repeat(100))).toBe(keySegment('ガ'.repeat(100)));
  });

  it('reads a shortened segment back as the beginning of the name, marked as cut', () => {
    expect(checkFromSegment(keySegment('決済'.repeat(45)))).toMatch(/^決済[決済]{60,}…$/);
  });

  it('keeps run folders and state keys well inside 1024 bytes, leaving room for a prefix', () => {
    const name = '/'.repeat(1000);
    const folder = runFolder(name, '20261231T235959Z-abcdef', Date.UTC(2026, 11, 31));
    const shot = screenshotFile({ kind: 'failure', attempt: 6, index: 123, step: '𠀀'.repeat(300) });
    expect(bytes(folder + shot)).toBeLessThanOrEqual(512);
    expect(bytes(stateKey(name))).toBeLessThanOrEqual(MAX_SEGMENT_BYTES + 'state/.json'.length);
  });
});

describe('screenshotFile', () => {
  it('fits any step name in a file name, without splitting a character', () => {
    for (const step of ['a' + '𠀀'.repeat(300), 'x'.repeat(1000), 'ログイン'.repeat(100), '\uD800'.repeat(50) + 'z']) {
      const file = screenshotFile({ kind: 'failure', attempt: 2, index: 7, step });
      expect(Buffer.byteLength(`${file}.4194304.tmp`)).toBeLessThanOrEqual(255);
      expect(file).toMatch(/^attempt2-07-.+-failure\.png$/);
      expect(file).not.toMatch(/\p{Cs}/u);
    }
  });
});

describe('runFolder', () => {
  it('files a run under its check and UTC day', () => {
    expect(runFolder('login', '20261231T235959Z-abcdef', Date.UTC(2026, 11, 31, 23, 59, 59))).toBe('runs/login/2026/12/31/20261231T235959Z-abcdef/');
    expect(stateKey('決済 flow')).toBe('state/決済%20flow.json');
  });
});

describe('s3Settings', () => {
  it('is off without a bucket', () => {
    expect(s3Settings({}, {})).toBeUndefined();
  });

  it('prefers the environment to the config file', () => {
    const config = { s3: { bucket: 'from-config', prefix: 'cfg', linkExpirySeconds: 60 } };
    expect(s3Settings(config, {})).toMatchObject({ bucket: 'from-config', prefix: 'cfg/', linkExpirySeconds: 60 });
    expect(s3Settings(config, { MIMAMORI_S3_BUCKET: 'env', MIMAMORI_S3_PREFIX: '/prod', MIMAMORI_LINK_EXPIRY: '120', AWS_ENDPOINT_URL_S3: 'http://minio:9000', AWS_REGION: 'ap-northeast-1' }))
      .toEqual({ bucket: 'env', prefix: 'prod/', linkExpirySeconds: 120, endpoint: 'http://minio:9000', region: 'ap-northeast-1' });
  });

  it('defaults links to 7 days and rejects longer', () => {
    expect(s3Settings({}, { MIMAMORI_S3_BUCKET: 'b' })!.linkExpirySeconds).toBe(604_800);
    expect(() => s3Settings({}, { MIMAMORI_S3_BUCKET: 'b', MIMAMORI_LINK_EXPIRY: '604801' })).toThrow(/whole seconds from 1 to 604800 \(7 days\)/);
  });

  it('normalises prefixes', () => {
    expect(['', 'prod', 'prod/', '/prod/x'].map(normalisePrefix)).toEqual(['', 'prod/', 'prod/', 'prod/x/']);
  });
});

describe('explainS3Error', () => {
  const where = { action: 'upload of x', bucket: 'evidence', key: 'prod/x', region: 'eu-west-1' };
  it.each([
    [{ name: 'NoSuchBucket' }, /bucket "evidence" does not exist in eu-west-1: create it, or fix MIMAMORI_S3_BUCKET/],
    [{ name: 'AccessDenied', $metadata: { httpStatusCode: 403 } }, /access denied to s3:\/\/evidence\/prod\/x: .*s3:PutObject/],
    [{ name: 'CredentialsProviderError', message: 'Could not load credentials from any providers' }, /no AWS credentials found/],
    [{ name: 'PermanentRedirect', $metadata: { httpStatusCode: 301 } }, /in another region than eu-west-1: set AWS_REGION/],
    [{ name: 'Error', code: 'ECONNREFUSED', message: 'connect ECONNREFUSED' }, /is unreachable \(ECONNREFUSED\): check AWS_ENDPOINT_URL_S3/],
  ])('explains %j', (error, message) => {
    const explained = explainS3Error(error, where);
    expect(explained.name).toBe('StorageError');
    expect(explained.message).toMatch(/^S3 upload of x failed: /);
    expect(explained.message).toMatch(message);
    expect(explained.cause).toBe(error);
  });
});
