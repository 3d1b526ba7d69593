// The key layout, storage settings precedence, and S3 error explanations.
import { describe, expect, it } from 'vitest';
import { checkFromSegment, keySegment, runFolder, stateKey } from '../../src/store/layout.ts';
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
