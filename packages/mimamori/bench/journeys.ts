// Server time per page in the bench journeys (ms); bench/bare.mjs reads the same number from journeys.json.
import journeys from './journeys.json' with { type: 'json' };

export const delay: number = journeys.delay;
export const slowDelay: number = journeys.slowDelay;
