// The words of EventBridge schedule expressions, shared by their validation (check/) and evaluation (schedule/).
export const MONTHS = ['JAN', 'FEB', 'MAR', 'APR', 'MAY', 'JUN', 'JUL', 'AUG', 'SEP', 'OCT', 'NOV', 'DEC'];
/** EventBridge numbers the days 1 = SUN … 7 = SAT. */
export const DAYS = ['SUN', 'MON', 'TUE', 'WED', 'THU', 'FRI', 'SAT'];
export const UNIT_MINUTES: Record<string, number> = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };
/** `rate(5 minutes)` → value and unit. */
export const RATE = /^rate\(\s*(\d+)\s+(\w+)\s*\)$/;
