// The Chatwork token by reference: CHATWORK_API_TOKEN wins; else the SSM SecureString CHATWORK_TOKEN_PARAMETER names,
// read through the same bounded read as Slack's (a hung SSM gives up within its bound, saying so), never when unwanted.
import { beforeAll, describe, expect, it } from 'vitest';
import { chatworkToken } from '../../src/lambda/chatwork-token.ts';
import { startHangingServer } from '../fixtures/hanging-server.ts';
import { startFakeSsm } from '../fixtures/fake-ssm.ts';

describe('chatworkToken', () => {
  beforeAll(() => {
    Object.assign(process.env, { AWS_REGION: 'us-east-1', AWS_ACCESS_KEY_ID: 'test', AWS_SECRET_ACCESS_KEY: 'test' });
  });
  const PARAMETER = '/mimamori/chatwork-api-token';

  it('prefers CHATWORK_API_TOKEN, and is off without a parameter name', async () => {
    expect(await chatworkToken({ CHATWORK_API_TOKEN: 'cw-1', CHATWORK_TOKEN_PARAMETER: '/x' })).toBe('cw-1');
    expect(await chatworkToken({})).toBeUndefined();
  });

  it('reads the SecureString decrypted, once for a warm container, and names what SSM answered when it fails', async () => {
    const ssm = await startFakeSsm({ [PARAMETER]: 'cw-from-ssm' });
    try {
      const env = { CHATWORK_TOKEN_PARAMETER: PARAMETER, AWS_ENDPOINT_URL_SSM: ssm.url };
      expect(await chatworkToken(env)).toBe('cw-from-ssm');
      expect(await chatworkToken(env)).toBe('cw-from-ssm');
      expect(ssm.requests).toEqual([{ target: 'AmazonSSM.GetParameter', input: { Name: PARAMETER, WithDecryption: true } }]);
      await expect(chatworkToken({ ...env, CHATWORK_TOKEN_PARAMETER: '/mimamori/missing' })).rejects.toThrow(
        /^Could not read the Chatwork token from SSM parameter \/mimamori\/missing: ParameterNotFound/);
    } finally {
      await ssm.close();
    }
  });

  it('gives up on an SSM that never answers within its bound, and calls none when Chatwork is not wanted', async () => {
    const hanging = await startHangingServer();
    try {
      const env = { CHATWORK_TOKEN_PARAMETER: PARAMETER, AWS_ENDPOINT_URL_SSM: hanging.url };
      expect(await chatworkToken(env, { wanted: false, timeoutMs: 300 })).toBeUndefined();
      expect(hanging.connections).toBe(0);
      await expect(chatworkToken(env, { timeoutMs: 300 })).rejects.toThrow(`Could not read the Chatwork token from SSM parameter ${PARAMETER}: SSM did not answer within 0.3 s`);
    } finally {
      await hanging.close();
    }
  });
});
