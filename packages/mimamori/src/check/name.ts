// Check names as mimamori compares them, apart from resolve.ts so the host process can use it without Playwright.

/**
 * A check name as mimamori knows it: NFC, so `café` typed composed or decomposed is one name — one set of keys, one
 * state, and two files claiming it are duplicates. Applied when a check is resolved and wherever a name is looked up.
 */
export function checkName(name: string): string {
  return name.normalize('NFC');
}
