// src/check/display-path.ts
import { isAbsolute, relative } from "node:path";
function displayPath(file, from = process.cwd()) {
  const rel = relative(from, file);
  return rel && !rel.startsWith("..") && !isAbsolute(rel) ? rel : file;
}

// src/check/import-timeout.ts
import { performance } from "node:perf_hooks";
var IMPORT_TIMEOUT_ENV = "MIMAMORI_IMPORT_TIMEOUT";
var DEFAULT_IMPORT_TIMEOUT_MS = 2e4;
function importTimeoutMs(env = process.env) {
  const value = env[IMPORT_TIMEOUT_ENV];
  if (value === void 0 || value === "") return DEFAULT_IMPORT_TIMEOUT_MS;
  const s = Number(value);
  if (!Number.isFinite(s) || s <= 0 || s > 600) throw new RangeError(`${IMPORT_TIMEOUT_ENV} must be a number of seconds above 0 and at most 600, got '${value}'`);
  return Math.round(s * 1e3);
}
var seconds = (ms) => `${Math.round(ms / 100) / 10} s`;
function waitedSince() {
  const start = performance.eventLoopUtilization();
  return () => performance.eventLoopUtilization(start).idle;
}
var TIMED_OUT = /* @__PURE__ */ Symbol("timed out");
async function withinWaiting(promise, ms, waited = waitedSince()) {
  let timer;
  const late = new Promise((resolve) => {
    timer = setInterval(() => waited() >= ms && resolve(TIMED_OUT), Math.min(250, ms / 4));
  });
  return Promise.race([promise, late]).finally(() => clearInterval(timer));
}

// src/schedule/parse.ts
var MONTHS = ["JAN", "FEB", "MAR", "APR", "MAY", "JUN", "JUL", "AUG", "SEP", "OCT", "NOV", "DEC"];
var DAYS = ["SUN", "MON", "TUE", "WED", "THU", "FRI", "SAT"];
var UNIT_MINUTES = { minute: 1, minutes: 1, hour: 60, hours: 60, day: 1440, days: 1440 };
var EXAMPLES = "rate(1 minute), rate(5 minutes), rate(1 hour), cron(0/10 * * * ? *), cron(0 9 ? * MON-FRI *)";
var fail = (text, problem2) => ({ error: `"${text}" is not a valid schedule: ${problem2}. Valid examples: ${EXAMPLES}` });
function parseSchedule(text) {
  if (typeof text !== "string") return fail(String(text), "expected a string");
  const m = /^(rate|cron)\((.*)\)$/s.exec(text);
  if (!m) {
    return fail(text, /^\s*(rate|cron)\s*\(.*\)\s*$/s.test(text) ? "remove the spaces around it and before the parenthesis" : "expected rate(value unit) or cron(minutes hours day-of-month month day-of-week year)");
  }
  const parsed2 = m[1] === "rate" ? parseRate(m[2], text) : parseCron(m[2], text);
  return typeof parsed2 === "string" ? fail(text, parsed2) : { schedule: parsed2 };
}
function parseRate(body, text) {
  const parts = body.trim().split(/\s+/);
  if (parts.length !== 2 || parts[0] === "") return "rate() takes a value and a unit, like rate(5 minutes)";
  const [value, unit] = parts;
  if (!/^\d+$/.test(value) || Number(value) < 1) return `the rate value must be a positive whole number, got "${value}"`;
  if (!(unit in UNIT_MINUTES)) return `the rate unit must be minute(s), hour(s) or day(s), got "${unit}"`;
  const singular = unit.replace(/s$/, "");
  if (Number(value) === 1 && unit !== singular) return `use the singular unit when the value is 1: rate(1 ${singular})`;
  if (Number(value) !== 1 && unit === singular) return `use the plural unit when the value is not 1: rate(${value} ${singular}s)`;
  return { kind: "rate", text, value: Number(value), unit: singular, periodMinutes: Number(value) * UNIT_MINUTES[unit] };
}
var MINUTES = { name: "minutes", min: 0, max: 59, cyclic: true };
var HOURS = { name: "hours", min: 0, max: 23, cyclic: true };
var DOM = { name: "day-of-month", min: 1, max: 31, cyclic: true };
var MONTH = { name: "month", min: 1, max: 12, names: MONTHS, cyclic: true };
var DOW = { name: "day-of-week", min: 1, max: 7, names: DAYS, cyclic: true };
var YEAR = { name: "year", min: 1970, max: 2199, cyclic: false };
function parseCron(body, text) {
  const fields = body.trim().split(/\s+/).filter((f) => f !== "");
  if (fields.length !== 6) {
    return `cron() needs exactly 6 fields (minutes hours day-of-month month day-of-week year), got ${fields.length}` + (fields.length === 5 ? " \u2014 EventBridge also needs a year field, usually *" : "");
  }
  const [minuteText, hourText, domText, monthText, dowText, yearText] = fields;
  const minutes = parseSet(minuteText, MINUTES);
  if (typeof minutes === "string") return minutes;
  const hours = parseSet(hourText, HOURS);
  if (typeof hours === "string") return hours;
  const dayOfMonth = parseDayOfMonth(domText);
  if (typeof dayOfMonth === "string") return dayOfMonth;
  const months = parseSet(monthText, MONTH);
  if (typeof months === "string") return months;
  const dayOfWeek = parseDayOfWeek(dowText);
  if (typeof dayOfWeek === "string") return dayOfWeek;
  const years = parseSet(yearText, YEAR);
  if (typeof years === "string") return years;
  const domAny = domText === "?";
  const dowAny = dowText === "?";
  if (!domAny && !dowAny) {
    return "day-of-month and day-of-week cannot both be set; put ? in one of them, e.g. cron(0 9 ? * MON *) or cron(0 9 1 * ? *)";
  }
  if (domAny && dowAny) return "only one of day-of-month and day-of-week may be ?; use * in the other";
  return { kind: "cron", text, minutes, hours, dayOfMonth, months, dayOfWeek, years };
}
function parseValue(token, field) {
  if (/^\d+$/.test(token)) {
    const n = Number(token);
    return n >= field.min && n <= field.max ? n : void 0;
  }
  const index = field.names?.indexOf(token.toUpperCase()) ?? -1;
  return index >= 0 ? index + 1 : void 0;
}
var allowedValues = (field) => field.names ? `${field.min}-${field.max} or ${field.names[0]}-${field.names[field.names.length - 1]}` : `${field.min}-${field.max}`;
var problem = (field, value, why) => `the ${field.name} field "${value}" ${why}`;
function parseDayOfMonth(value) {
  const bad = (why) => problem(DOM, value, why);
  if (value === "?" || value === "*") return { kind: "any" };
  if (value.includes("?")) return bad("must be ? alone");
  if (value === "L") return { kind: "last" };
  if (value === "LW") return { kind: "last-weekday" };
  if (/^\d+W$/.test(value)) {
    const day = parseValue(value.slice(0, -1), DOM);
    return day === void 0 ? bad(`needs a day ${allowedValues(DOM)} before W, like 15W`) : { kind: "nearest-weekday", day };
  }
  const days = parseSet(value, DOM);
  return typeof days === "string" ? days : { kind: "days", days };
}
function parseDayOfWeek(value) {
  const bad = (why) => problem(DOW, value, why);
  if (value === "?" || value === "*") return { kind: "any" };
  if (value.includes("?")) return bad("must be ? alone");
  if (value === "L") return { kind: "days", days: /* @__PURE__ */ new Set([7]) };
  if (/^\w+L$/i.test(value)) {
    const day = parseValue(value.slice(0, -1), DOW);
    if (day !== void 0) return { kind: "last-in-month", day };
  }
  if (value.includes("#")) {
    const [dayText = "", nth = "", extra] = value.split("#");
    if (extra !== void 0 || value.includes(",")) return bad("may hold only one day#week expression, like MON#2");
    const day = parseValue(dayText, DOW);
    if (day === void 0) return bad(`needs a day ${allowedValues(DOW)} before #, like MON#2`);
    return /^[1-5]$/.test(nth) ? { kind: "nth", day, nth: Number(nth) } : bad("needs a week number 1-5 after #, like MON#2");
  }
  if (value.includes("/")) return bad("cannot use / (increments are not allowed in day-of-week)");
  const days = parseSet(value, DOW);
  return typeof days === "string" ? days : { kind: "days", days };
}
function parseSet(value, field) {
  const bad = (why) => problem(field, value, why);
  if (value === "?") return bad("cannot be ?; ? is only allowed in day-of-month or day-of-week");
  if (value.includes("?")) return bad("must be ? alone");
  const out = /* @__PURE__ */ new Set();
  for (const item of value.split(",")) {
    if (item === "") return bad("has an empty list item");
    const [base = "", stepText, extra] = item.split("/");
    if (extra !== void 0) return bad("has more than one /");
    if (stepText !== void 0 && (!/^\d+$/.test(stepText) || Number(stepText) < 1)) return bad(`has an increment "/${stepText}" that is not a positive whole number`);
    const step = stepText === void 0 ? 1 : Number(stepText);
    const ends = base === "*" ? [String(field.min), String(field.max)] : base.split("-");
    const values = ends.map((e) => parseValue(e, field));
    if (ends.length > 2 || values.some((v) => v === void 0)) {
      if (/[LW]$|^L/i.test(base)) {
        if (field === DOM) return bad("uses L or W in an unsupported way; they stand alone, like L, LW or 15W");
        if (field === DOW) return bad("uses L or # in an unsupported way; they stand alone, like L, 6L or MON#2");
      }
      const token = ends.find((e) => parseValue(e, field) === void 0) ?? base;
      const what = /^\d+$/.test(token) ? `${token} is out of range` : `"${token}" is not a value`;
      return bad(`is invalid: ${what} (allowed: ${allowedValues(field)}, *, lists a,b, ranges a-b${field === DOW ? "" : ", increments a/n"})`);
    }
    const from = values[0];
    const to = values.length === 2 ? values[1] : stepText === void 0 ? from : field.max;
    if (to < from) return wrapAround(field, value, ends, from, to, step, stepText);
    for (let v = from; v <= to; v += step) out.add(v);
  }
  return out;
}
function wrapAround(field, value, [first, last], from, to, step, stepText) {
  const bad = (why) => problem(field, value, why);
  if (!field.cyclic) return bad(`runs backwards (${from} is after ${to}); write it from low to high: ${to}-${from}`);
  const named = !/^\d+$/.test(first) || !/^\d+$/.test(last);
  const name = (v) => named && field.names ? field.names[v - 1] : String(v);
  const ranges = `${first}-${name(field.max)},${name(field.min)}-${last}`;
  const head = `wraps around (EventBridge ranges run from low to high and do not wrap past ${name(field.max)})`;
  if (stepText === void 0) return bad(`${head}; write it as two ranges: ${ranges}`);
  const size = field.max - field.min + 1;
  const values = [];
  for (let i = 0; i <= (to - from + size) % size; i += step) values.push(field.min + (from - field.min + i) % size);
  const wrapped = values.find((v) => v < from);
  const split = wrapped === void 0 ? `${first}-${name(field.max)}/${step}` : `${first}-${name(field.max)}/${step},${name(wrapped)}-${last}/${step}`;
  return bad(`${head}; write the values it stands for, ${values.map(name).join(",")}, or ${split}`);
}

// src/schedule/due.ts
var MINUTE = 6e4;
var HOUR = 60 * MINUTE;
var formatters = /* @__PURE__ */ new Map();
var hourOffsets = /* @__PURE__ */ new Map();
function formatter(timeZone) {
  let f = formatters.get(timeZone);
  if (!f) {
    f = new Intl.DateTimeFormat("en-US", { timeZone, hourCycle: "h23", year: "numeric", month: "numeric", day: "numeric", hour: "numeric", minute: "numeric" });
    formatters.set(timeZone, f);
  }
  return f;
}
function exactOffset(at, timeZone) {
  const p = {};
  for (const part of formatter(timeZone).formatToParts(new Date(at))) if (part.type !== "literal") p[part.type] = Number(part.value);
  return (Date.UTC(p.year, p.month - 1, p.day, p.hour, p.minute) - at) / MINUTE;
}
function offsetAtHour(hourStart, timeZone) {
  const key = `${timeZone} ${hourStart}`;
  let offset = hourOffsets.get(key);
  if (offset === void 0) {
    if (hourOffsets.size >= 5e4) hourOffsets.clear();
    offset = exactOffset(hourStart, timeZone);
    hourOffsets.set(key, offset);
  }
  return offset;
}
function utcOffsetMinutes(at, timeZone) {
  const minute = Math.floor(at / MINUTE) * MINUTE;
  const hour = Math.floor(at / HOUR) * HOUR;
  const before = offsetAtHour(hour, timeZone);
  return before === offsetAtHour(hour + HOUR, timeZone) ? before : exactOffset(minute, timeZone);
}
function wallClock(at, timeZone) {
  const minute = Math.floor(at / MINUTE) * MINUTE;
  const d = new Date(minute + utcOffsetMinutes(minute, timeZone) * MINUTE);
  const year = d.getUTCFullYear();
  const month = d.getUTCMonth() + 1;
  return {
    minute: d.getUTCMinutes(),
    hour: d.getUTCHours(),
    day: d.getUTCDate(),
    month,
    year,
    weekday: d.getUTCDay() + 1,
    daysInMonth: new Date(Date.UTC(year, month, 0)).getUTCDate(),
    local: d.getTime()
  };
}
function repeatsAnEarlierTime(at, wall, timeZone) {
  const before = utcOffsetMinutes(at - 6 * HOUR, timeZone);
  const now = (wall.local - at) / MINUTE;
  if (before <= now) return false;
  const first = at - (before - now) * MINUTE;
  return wallClock(first, timeZone).local === wall.local;
}
function nearestWeekday(day, w) {
  const dow = new Date(Date.UTC(w.year, w.month - 1, day)).getUTCDay();
  if (dow === 6) return day === 1 ? 3 : day - 1;
  if (dow === 0) return day === w.daysInMonth ? day - 2 : day + 1;
  return day;
}
function dayOfMonthMatches(field, w) {
  switch (field.kind) {
    case "any":
      return true;
    case "days":
      return field.days.has(w.day);
    case "last":
      return w.day === w.daysInMonth;
    case "last-weekday":
      return w.day === nearestWeekday(w.daysInMonth, w);
    case "nearest-weekday":
      return w.day === nearestWeekday(Math.min(field.day, w.daysInMonth), w);
  }
}
function dayOfWeekMatches(field, w) {
  switch (field.kind) {
    case "any":
      return true;
    case "days":
      return field.days.has(w.weekday);
    case "last-in-month":
      return w.weekday === field.day && w.day + 7 > w.daysInMonth;
    case "nth":
      return w.weekday === field.day && Math.ceil(w.day / 7) === field.nth;
  }
}
function cronMatches(cron, w) {
  return cron.minutes.has(w.minute) && cron.hours.has(w.hour) && cron.months.has(w.month) && cron.years.has(w.year) && dayOfMonthMatches(cron.dayOfMonth, w) && dayOfWeekMatches(cron.dayOfWeek, w);
}
function spreadMinutes(name, intervalMinutes) {
  let hash = 2166136261;
  for (const ch of name) hash = Math.imul(hash ^ ch.codePointAt(0), 16777619) >>> 0;
  return hash % intervalMinutes;
}
var parsedCache = /* @__PURE__ */ new Map();
function parsed(schedule) {
  if (typeof schedule !== "string") return schedule;
  if (!parsedCache.has(schedule)) parsedCache.set(schedule, parseSchedule(schedule).schedule);
  return parsedCache.get(schedule);
}
function dueMinutes(checks, from, to, timeZone = "UTC") {
  const schedules = checks.flatMap((c) => {
    const s = parsed(c.schedule);
    return s ? [{ s, spread: s.kind === "rate" ? spreadMinutes(c.name, s.periodMinutes) : 0 }] : [];
  });
  const out = [];
  for (let t = Math.ceil(from / MINUTE) * MINUTE; t < to; t += MINUTE) {
    let wall;
    for (const { s, spread } of schedules) {
      if (s.kind === "rate") {
        if ((t / MINUTE - spread) % s.periodMinutes !== 0) continue;
      } else {
        wall ??= wallClock(t, timeZone);
        if (!cronMatches(s, wall) || repeatsAnEarlierTime(t, wall, timeZone)) continue;
      }
      out.push(t);
      break;
    }
  }
  return out;
}

export {
  displayPath,
  IMPORT_TIMEOUT_ENV,
  DEFAULT_IMPORT_TIMEOUT_MS,
  importTimeoutMs,
  seconds,
  TIMED_OUT,
  withinWaiting,
  parseSchedule,
  utcOffsetMinutes,
  wallClock,
  dueMinutes
};
