// How a webhook request is signed, Stripe's way (https://docs.stripe.com/webhooks#verify-manually): an HMAC-SHA256,
// keyed with the signing key, of `<unix seconds>.<body>`, sent as `X-Mimamori-Signature: t=<unix>,v1=<hex>`. The time
// is inside what is signed, so a receiver that refuses an old `t` refuses a replayed request; `v1` names the scheme,
// so a second one can be added beside it later without breaking receivers.
import { createHmac } from 'node:crypto';

export const SIGNATURE_HEADER = 'X-Mimamori-Signature';

/** The header's value for `body` sent at `nowMs`. Each attempt signs with its own time. */
export function signatureHeader(body: string, key: string, nowMs: number): string {
  const t = Math.floor(nowMs / 1000);
  const v1 = createHmac('sha256', key).update(`${t}.${body}`).digest('hex');
  return `t=${t},v1=${v1}`;
}
