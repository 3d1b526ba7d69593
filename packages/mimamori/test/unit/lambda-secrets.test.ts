// A check's declared secrets on Lambda (readSecrets): SecureStrings under the prefix, read decrypted through the real
// SSM client against SSM on loopback; missing parameters named with their paths; the cache of a warm container; a hung
// endpoint bounded.
import { beforeAll, describe, expect, it, vi } from 'vitest';
import { DEFAULT_SECRETS_PREFIX, readSecrets, SecretsError, SECRETS_MAX_AGE_S } from '../../src/lambda/secrets.ts';
import { toErrorInfo } from '../../src/runner/errors.ts';
import { startHangingServer } from '../fixtures/hanging-server.ts';
import { startDenyingSsm, startFakeSsm } from '../fixtures/fake-ssm.ts';

beforeAll(() => {
  Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
});

describe('readSecrets', () => {
  it('reads each declared secret from <prefix><NAME>, decrypted, in one GetParameters call', async () => {
    const ssm = await startFakeSsm({ '/team/prod/SHOP_PASSWORD': 'pw-from-ssm-1', '/team/prod/API_KEY': 'key-from-ssm-2', '/team/prod/OTHER': 'x' });
    try {
      const env = { AWS_ENDPOINT_URL_SSM: ssm.url, MIMAMORI_SECRETS_PREFIX: '/team/prod/' };
      expect(await readSecrets(['SHOP_PASSWORD', 'API_KEY', 'SHOP_PASSWORD'], env)).toEqual({ SHOP_PASSWORD: 'pw-from-ssm-1', API_KEY: 'key-from-ssm-2' });
      expect(ssm.requests).toEqual([
        { target: 'AmazonSSM.GetParameters', input: { Names: ['/team/prod/SHOP_PASSWORD', '/team/prod/API_KEY'], WithDecryption: true } },
      ]);
    } finally {
      await ssm.close();
    }
  });

  it('uses the template\'s default prefix when none is set, and calls nothing for a check with no secrets', async () => {
    expect(DEFAULT_SECRETS_PREFIX).toBe('/mimamori/secrets/');
    const ssm = await startFakeSsm({ '/mimamori/secrets/LOGIN_PASSWORD': 'sencha-from-ssm' });
    try {
      expect(await readSecrets([], { AWS_ENDPOINT_URL_SSM: ssm.url })).toEqual({});
      expect(ssm.requests).toEqual([]);
      expect(await readSecrets(['LOGIN_PASSWORD'], { AWS_ENDPOINT_URL_SSM: ssm.url })).toEqual({ LOGIN_PASSWORD: 'sencha-from-ssm' });
      expect(ssm.requests.map((r) => r.input.Names)).toEqual([['/mimamori/secrets/LOGIN_PASSWORD']]);
    } finally {
      await ssm.close();
    }
  });

  it('names every missing secret with its parameter path, as a runner failure (the monitor, not the site)', async () => {
    const ssm = await startFakeSsm({ '/p1/HERE': 'present-value' });
    try {
      const env = { AWS_ENDPOINT_URL_SSM: ssm.url, MIMAMORI_SECRETS_PREFIX: '/p1/' };
      const error = await readSecrets(['HERE', 'GONE_A', 'GONE_B'], env).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SecretsError);
      const e = error as SecretsError;
      expect(e.name).toBe('MissingSecretError');
      expect(e.secrets).toEqual([{ name: 'GONE_A', parameter: '/p1/GONE_A' }, { name: 'GONE_B', parameter: '/p1/GONE_B' }]);
      expect(e.message).toMatch(/^Secrets GONE_A, GONE_B declared by the check are not in SSM Parameter Store: no parameters \/p1\/GONE_A, \/p1\/GONE_B /);
      expect(e.message).not.toContain('present-value');
      // As the run's result carries it: class runner, no host stack.
      expect(toErrorInfo(e)).toEqual({ name: 'MissingSecretError', message: e.message, class: 'runner' });
      const one = await readSecrets(['GONE_A'], env).catch((x: Error) => x);
      expect(one.message).toBe("Secret GONE_A declared by the check is not in SSM Parameter Store: no parameter /p1/GONE_A (put it there as a SecureString: aws ssm put-parameter --type SecureString --name /p1/GONE_A --value '…')");
    } finally {
      await ssm.close();
    }
  });

  it('refuses a value too short to be redacted safely, as locally (it would be used but never hidden)', async () => {
    const ssm = await startFakeSsm({ '/p2/PIN': '123' });
    try {
      const error = await readSecrets(['PIN'], { AWS_ENDPOINT_URL_SSM: ssm.url, MIMAMORI_SECRETS_PREFIX: '/p2/' }).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(SecretsError);
      expect((error as Error).message).toBe('Secret PIN in SSM (/p2/PIN) is shorter than 4 characters: too short to be redacted safely');
    } finally {
      await ssm.close();
    }
  });

  it('caches values for a warm container (two reads, one request) and re-asks for what was missing', async () => {
    expect(SECRETS_MAX_AGE_S).toBe(300);
    const ssm = await startFakeSsm({ '/cache/A_SECRET': 'first-value' });
    try {
      const env = { AWS_ENDPOINT_URL_SSM: ssm.url, MIMAMORI_SECRETS_PREFIX: '/cache/' };
      expect(await readSecrets(['A_SECRET'], env)).toEqual({ A_SECRET: 'first-value' });
      ssm.parameters['/cache/A_SECRET'] = 'rotated-value'; // picked up once the cached value is SECRETS_MAX_AGE_S old
      expect(await readSecrets(['A_SECRET'], env)).toEqual({ A_SECRET: 'first-value' });
      expect(ssm.requests).toHaveLength(1);
      // A failure is never cached: the parameter put there since is read on the next run.
      await expect(readSecrets(['LATER'], env)).rejects.toThrow(/no parameter \/cache\/LATER/);
      ssm.parameters['/cache/LATER'] = 'now-there';
      expect(await readSecrets(['A_SECRET', 'LATER'], env)).toEqual({ A_SECRET: 'first-value', LATER: 'now-there' });
      expect(ssm.requests.map((r) => r.input.Names)).toEqual([['/cache/A_SECRET'], ['/cache/LATER'], ['/cache/LATER']]);
    } finally {
      await ssm.close();
    }
  });

  it('gives up on an SSM endpoint that never answers, within its bound, naming the parameters', async () => {
    const hanging = await startHangingServer();
    try {
      const env = { AWS_ENDPOINT_URL_SSM: hanging.url, MIMAMORI_SECRETS_PREFIX: '/hung/' };
      const error = await readSecrets(['SHOP_PASSWORD'], env, { timeoutMs: 300 }).catch((e: SecretsError) => e);
      expect(error).toBeInstanceOf(SecretsError);
      expect(error.name).toBe('SecretsReadError');
      expect(error.message).toBe('Could not read secret SHOP_PASSWORD from SSM parameter /hung/SHOP_PASSWORD: SSM did not answer within 0.3 s');
      // The read goes on after the bound gave up on it: on a busy machine its request may reach the server only now.
      await vi.waitFor(() => expect(hanging.requests).toBeGreaterThan(0), { timeout: 10_000 });
    } finally {
      await hanging.close();
    }
  });

  it('says what SSM answered when it refuses (no IAM grant on the prefix)', async () => {
    const denying = await startDenyingSsm();
    try {
      const env = { AWS_ENDPOINT_URL_SSM: denying.url, MIMAMORI_SECRETS_PREFIX: '/denied/' };
      await expect(readSecrets(['A', 'B'], env)).rejects.toThrow(
        /^Could not read secrets A, B from SSM parameters \/denied\/A, \/denied\/B: AccessDeniedException: User: .* is not authorized to perform: ssm:GetParameters$/);
    } finally {
      await denying.close();
    }
  });
});
