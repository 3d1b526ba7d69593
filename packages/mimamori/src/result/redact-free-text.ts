// Credentials in free text (log lines, console output, error messages, printed settings): logfmt `password=…`,
// YAML-like `password: …`, Ruby's `"password"=>…`, and tokens that announce themselves by their prefix.
import { MASK } from './mask.ts';

/**
 * Credentials that announce themselves by their prefix, whoever they belong to (another app's token in a log line):
 * AWS access key ids, Slack tokens and webhook URLs, GitHub tokens, Stripe secret keys, npm tokens. The prefix stays
 * (it says what leaked), the rest goes.
 */
export const KNOWN_TOKEN = new RegExp([
  /\b(AKIA|ASIA)[A-Z0-9]{16}\b/.source,
  /\b(xox[abeoprs]-)[A-Za-z0-9-]{8,}/.source,
  /\b(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]+/.source,
  /\b(gh[opsur]_)[A-Za-z0-9]{20,}/.source,
  /\b(github_pat_)\w{20,}/.source,
  /\b((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{10,}/.source,
  /\b(npm_)[A-Za-z0-9]{36}\b/.source,
].join('|'), 'g');

export const maskKnownTokens = (s: string): string =>
  s.replace(KNOWN_TOKEN, (...m: string[]) => `${m.slice(1, 8).find((p) => p !== undefined)}${MASK}`);

// A name and its separator only — never a value: a name that is not sensitive must not carry its value past the scan,
// or a credential inside that value (`msg="login failed password=…"`) would never be looked at. The name starts a word
// (`?token=` is the URL rule's; `passwordless` and `tokens` are other words), possibly quoted.
const NAME = /(?<=^|[\s,;:{(\[="'])(["']?)([A-Za-z_][\w.-]{0,100})\1([ \t]*(?:=>?|:)[ \t]*)/gm;

// Where a value ends. Quoted: at its closing quote (a `\"` inside is part of it); a JSON-escaped `\"…\"` inside a JSON
// string likewise. An opening quote with no closing one on the line: the rest of the line.
const QUOTED = /"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|\\"(?:(?!\\")[^\r\n])*\\"/y;
const REST_OF_LINE = /[^\r\n]*/y;
const WORD = /\S*/y;
// Delimiters right after an unquoted `=` value (`k=v, next`, `msg="… k=v"`) are the line's, not the value's.
const TRAILING_DELIMITERS = /[,;)}\]"']+$/;

const at = (re: RegExp, s: string, i: number): string => {
  re.lastIndex = i;
  return re.exec(s)?.[0] ?? '';
};

/**
 * The masked form of the value at `i` and where it ends, or undefined when there is none. A `:` value runs to the end
 * of the line (`password: two words, and a comma`); an unquoted `=` value to the next space (logfmt), whatever it holds
 * (`password=Tr0ub4dor&3x`).
 */
function value(s: string, i: number, colon: boolean): { masked: string; end: number } | undefined {
  const quoted = at(QUOTED, s, i);
  if (quoted) {
    const q = quoted.startsWith('\\') ? '\\"' : quoted[0]!;
    return { masked: `${q}${MASK}${q}`, end: i + quoted.length };
  }
  const quote = s[i] === '"' || s[i] === "'" ? s[i]! : '';
  if (colon || quote) {
    const rest = at(REST_OF_LINE, s, i);
    const kept = /\s*$/.exec(rest)![0];
    if (rest.length === kept.length) return undefined;
    return { masked: `${quote}${MASK}${kept}`, end: i + rest.length };
  }
  const word = at(WORD, s, i);
  const body = word.replace(TRAILING_DELIMITERS, '');
  if (!body) return undefined;
  return { masked: MASK, end: i + body.length };
}

/**
 * Masks the value after every sensitive `name=` / `name: ` / `name => ` in `s`. `sensitive(name, colon)` decides (the
 * redactor's one rule for names; `colon` tells `Session: 3 active` prose from `session=…`).
 */
export function maskFreeText(s: string, sensitive: (name: string, colon: boolean) => boolean): string {
  let out = '';
  let pos = 0;
  NAME.lastIndex = 0;
  for (let m = NAME.exec(s); m; m = NAME.exec(s)) {
    const [head, , name, sep] = m;
    const colon = sep!.includes(':');
    if (!sensitive(name!, colon)) continue; // the scan goes on right after the separator: the value is looked into
    const start = m.index + head.length;
    const found = value(s, start, colon);
    if (!found) continue;
    out += s.slice(pos, start) + found.masked;
    pos = found.end;
    NAME.lastIndex = found.end;
  }
  return out + s.slice(pos);
}
