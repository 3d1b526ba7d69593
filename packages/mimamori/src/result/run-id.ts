// Run ids sort by time and stay unique across parallel runners: `20261129T073512Z-3fa9c1`.
import { randomBytes } from 'node:crypto';

export function newRunId(at = Date.now()): string {
  const stamp = new Date(at).toISOString().replace(/[-:]/g, '').replace(/\.\d+Z$/, 'Z');
  return `${stamp}-${randomBytes(3).toString('hex')}`;
}
