// src/result/printable.ts
var UNPRINTABLE = new RegExp("[\\u0000-\\u001f\\u007f-\\u009f\\u061c\\u200e\\u200f\\u2028-\\u202e\\u2066-\\u2069\\ufffe\\uffff]|\\p{Cs}", "gu");
var LINES = /* @__PURE__ */ new Set(["	", "\n", "\r"]);
var NAMED = { "	": "\\t", "\n": "\\n", "\r": "\\r" };
var escape = (ch) => {
  const code = ch.charCodeAt(0);
  return NAMED[ch] ?? (code < 256 ? `\\x${code.toString(16).padStart(2, "0")}` : `\\u${code.toString(16).padStart(4, "0")}`);
};
function printable(text, options = {}) {
  return String(text).replace(UNPRINTABLE, (ch) => options.lines && LINES.has(ch) ? ch : escape(ch));
}

// src/check/name.ts
function checkName(name) {
  return name.normalize("NFC");
}

// src/result/mask.ts
var MASK = "***";

// src/result/redact-free-text.ts
var KNOWN_TOKEN = new RegExp([
  /\b(AKIA|ASIA)[A-Z0-9]{16}\b/.source,
  /\b(xox[abeoprs]-)[A-Za-z0-9-]{8,}/.source,
  /\b(hooks\.slack\.com\/(?:services|workflows|triggers)\/)[A-Za-z0-9_/-]+/.source,
  /\b(gh[opsur]_)[A-Za-z0-9]{20,}/.source,
  /\b(github_pat_)\w{20,}/.source,
  /\b((?:sk|rk)_(?:live|test)_)[A-Za-z0-9]{10,}/.source,
  /\b(npm_)[A-Za-z0-9]{36}\b/.source
].join("|"), "g");
var maskKnownTokens = (s) => s.replace(KNOWN_TOKEN, (...m) => `${m.slice(1, 8).find((p) => p !== void 0)}${MASK}`);
var NAME = /(?<=^|[\s,;:{(\[="'])(["']?)([A-Za-z_][\w.-]{0,100})\1([ \t]*(?:=>?|:)[ \t]*)/gm;
var QUOTED = /"(?:[^"\\\r\n]|\\.)*"|'(?:[^'\\\r\n]|\\.)*'|\\"(?:(?!\\")[^\r\n])*\\"/y;
var REST_OF_LINE = /[^\r\n]*/y;
var WORD = /\S*/y;
var TRAILING_DELIMITERS = /[,;)}\]"']+$/;
var at = (re, s, i) => {
  re.lastIndex = i;
  return re.exec(s)?.[0] ?? "";
};
function value(s, i, colon) {
  const quoted = at(QUOTED, s, i);
  if (quoted) {
    const q = quoted.startsWith("\\") ? '\\"' : quoted[0];
    return { masked: `${q}${MASK}${q}`, end: i + quoted.length };
  }
  const quote = s[i] === '"' || s[i] === "'" ? s[i] : "";
  if (colon || quote) {
    const rest = at(REST_OF_LINE, s, i);
    const kept = /\s*$/.exec(rest)[0];
    if (rest.length === kept.length) return void 0;
    return { masked: `${quote}${MASK}${kept}`, end: i + rest.length };
  }
  const word = at(WORD, s, i);
  const body = word.replace(TRAILING_DELIMITERS, "");
  if (!body) return void 0;
  return { masked: MASK, end: i + body.length };
}
function maskFreeText(s, sensitive) {
  let out = "";
  let pos = 0;
  NAME.lastIndex = 0;
  for (let m = NAME.exec(s); m; m = NAME.exec(s)) {
    const [head, , name, sep] = m;
    const colon = sep.includes(":");
    if (!sensitive(name, colon)) continue;
    const start = m.index + head.length;
    const found = value(s, start, colon);
    if (!found) continue;
    out += s.slice(pos, start) + found.masked;
    pos = found.end;
    NAME.lastIndex = found.end;
  }
  return out + s.slice(pos);
}

// src/result/url-credentials.ts
var USERINFO = /\/\/([^\s/?#@"'<>\\]+)@/g;
var QUERY = /([?&#;])([^=&#\s"'<>\\?;]{1,100})=([^&#\s"'<>\\]*)/g;
var QUERY_ENCODED = /(%3[Ff]|%26|%23)([A-Za-z0-9._~-]{1,100})(%3[Dd])((?:(?!%26|%23)[^&#\s"'<>\\])*)/g;
var USERINFO_URL = /\b(?:https?|wss?|ftps?):\/\/[^\s/?#@"'<>\\]+@/i;
var URL_LIKE = /\/[\w.~%!$+,:@/-]*[?#;][^\s"'<>\\`]*/g;
function urlCredentials(input, sensitive) {
  const params = /* @__PURE__ */ new Set();
  for (const [url] of input.matchAll(URL_LIKE)) {
    for (const [, , name, value2] of url.matchAll(QUERY)) if (value2 && value2 !== MASK && sensitive(name)) params.add(name);
  }
  for (const [, , name, , value2] of input.matchAll(QUERY_ENCODED)) if (value2 && value2 !== MASK && sensitive(name)) params.add(name);
  return { userinfo: USERINFO_URL.test(input), params };
}

// src/result/redact.ts
var MIN_SECRET_LENGTH = 4;
var HOST_CREDENTIALS = ["AWS_ACCESS_KEY_ID", "AWS_SECRET_ACCESS_KEY", "AWS_SESSION_TOKEN", "AWS_SECURITY_TOKEN", "SLACK_BOT_TOKEN"];
var DEFAULT_SENSITIVE_PARAMS = [
  "token",
  "access_token",
  "refresh_token",
  "id_token",
  "key",
  "api_key",
  "apikey",
  "secret",
  "client_secret",
  "password",
  "passwd",
  "pwd",
  "sig",
  "signature",
  "x-amz-signature",
  "x-amz-credential",
  "x-amz-security-token",
  "x-goog-signature",
  "x-goog-credential",
  "code",
  "auth",
  "session",
  "sessionid",
  "sid",
  "jsessionid",
  "phpsessid",
  "jwt",
  "access_key",
  "private_key",
  "client_assertion",
  "oauth_verifier",
  "otp",
  "ticket",
  "samlresponse"
];
var SENSITIVE_SUFFIXES = ["token", "secret", "password", "passwd", "signature", "credential", "credentials", "sessionid", "accesskey", "secretkey", "privatekey"];
var SENSITIVE_HEADERS = [
  "authorization",
  "proxy-authorization",
  "cookie",
  "set-cookie",
  "x-api-key",
  "api-key",
  "x-auth-token",
  "x-access-token",
  "private-token",
  "x-amz-security-token",
  "x-csrf-token",
  "x-xsrf-token",
  "ocp-apim-subscription-key"
];
var normalize = (name) => name.toLowerCase().replace(/[-_.\s]/g, "");
function safeDecode(s) {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
function variants(value2) {
  const forms = /* @__PURE__ */ new Set();
  const cased = /* @__PURE__ */ new Set([value2, value2.toUpperCase(), value2.toLowerCase(), value2.charAt(0).toUpperCase() + value2.slice(1)]);
  for (const v of cased) {
    forms.add(v);
    const percent = encodeURIComponent(v);
    forms.add(percent);
    forms.add(percent.replace(/%[0-9A-F]{2}/g, (h) => h.toLowerCase()));
    forms.add(new URLSearchParams({ v }).toString().slice(2));
    forms.add(encodeURI(v));
    forms.add(JSON.stringify(v).slice(1, -1));
    forms.add(v.replace(/[&<>"']/g, (c) => ({ "&": "&amp;", "<": "&lt;", ">": "&gt;", '"': "&quot;", "'": "&#39;" })[c]));
    forms.add(v.replace(/[&<>"']/g, (c) => `&#${c.charCodeAt(0)};`));
  }
  const bytes = Buffer.from(value2, "utf8");
  for (let k = 0; k < 3; k++) {
    const encoded = Buffer.concat([Buffer.alloc(k), bytes]).toString("base64");
    const core = encoded.slice(Math.ceil(8 * k / 6), Math.floor(8 * (k + bytes.length) / 6));
    if (core.length >= 6) {
      forms.add(core);
      forms.add(core.replace(/\+/g, "-").replace(/\//g, "_"));
    }
  }
  return [...forms].filter((f) => f.length >= MIN_SECRET_LENGTH);
}
function maskValues(s, forms) {
  if (forms.length === 0) return s;
  const spans = [];
  for (const form of forms) {
    for (let at2 = s.indexOf(form); at2 >= 0; at2 = s.indexOf(form, at2 + 1)) spans.push([at2, at2 + form.length]);
  }
  if (spans.length === 0) return s;
  spans.sort((a, b) => a[0] - b[0] || b[1] - a[1]);
  let out = "";
  let pos = 0;
  let i = 0;
  while (i < spans.length) {
    const start = spans[i][0];
    let end = spans[i][1];
    while (++i < spans.length && spans[i][0] <= end) end = Math.max(end, spans[i][1]);
    out += s.slice(pos, start) + MASK;
    pos = end;
  }
  return out + s.slice(pos);
}
var HEADER_LINE = new RegExp(`\\b(${SENSITIVE_HEADERS.map((h) => h.replace(/-/g, "\\-")).join("|")})([ \\t]*:[ \\t]*)(?![ \\t'"])([^\\r\\n]+)`, "gi");
var KEY_VALUE = /(["']?)([A-Za-z_$][\w$.-]{0,100})\1([ \t]*:[ \t]*)(["'])((?:(?!\4)[^\\\r\n]|\\.)*)\4/g;
var KEY_VALUE_ESCAPED = /\\"([A-Za-z_$][\w$.-]{0,100})\\"([ \t]*:[ \t]*)\\"((?:(?!\\").)*)\\"/g;
var BEARER = /\b(Bearer)([ \t]+)[A-Za-z0-9._~+/-]{8,}=*/g;
var BASIC = /\b(Basic)([ \t]+)([A-Za-z0-9+/]{6,}={0,2})/g;
var JWT = /\beyJ[A-Za-z0-9_-]{4,}\.eyJ[A-Za-z0-9_-]{4,}\.[A-Za-z0-9_-]*/g;
var AMBIGUOUS_KEYS = /* @__PURE__ */ new Set(["code", "key"]);
var PROSE_KEYS = /* @__PURE__ */ new Set(["auth", "session", "sid", "ticket", "otp", "sig", "signature"]);
function isUserPassword(token) {
  const decoded = Buffer.from(token, "base64").toString("utf8");
  return decoded.includes(":") && !/[\u0000-\u001f\u007f\ufffd]/.test(decoded);
}
var PRIVATE_KEY = /-----BEGIN [A-Z ]*PRIVATE KEY-----[\s\S]*?(?:-----END [A-Z ]*PRIVATE KEY-----|$)/g;
function makeRedactor(o) {
  const forms = [...new Set(o.values.filter((v) => typeof v === "string" && v.length >= MIN_SECRET_LENGTH).flatMap(variants))];
  const names = new Set([...DEFAULT_SENSITIVE_PARAMS, ...o.queryParams ?? []].map(normalize));
  const headers = new Set(SENSITIVE_HEADERS.map(normalize));
  const sensitive = (name) => {
    const n = normalize(safeDecode(name));
    return names.has(n) || headers.has(n) || SENSITIVE_SUFFIXES.some((s) => n.endsWith(s));
  };
  const sensitiveKey = (name) => !AMBIGUOUS_KEYS.has(normalize(name)) && sensitive(name);
  const freeName = (name, colon) => (!colon || !PROSE_KEYS.has(normalize(name))) && sensitiveKey(name);
  const text = (input) => {
    if (typeof input !== "string" || input === "") return input;
    let s = maskValues(input, forms);
    s = s.replace(PRIVATE_KEY, MASK);
    s = s.replace(JWT, MASK);
    s = maskKnownTokens(s);
    s = s.replace(USERINFO, (_, info) => info.includes(":") ? `//${MASK}:${MASK}@` : `//${MASK}@`);
    s = s.replace(QUERY, (all, sep, name, value2) => value2 && sensitive(name) ? `${sep}${name}=${MASK}` : all);
    s = s.replace(QUERY_ENCODED, (all, sep, name, eq, value2) => value2 && sensitive(name) ? `${sep}${name}${eq}${MASK}` : all);
    s = s.replace(KEY_VALUE, (all, q, name, colon, vq, value2) => value2 && sensitiveKey(name) ? `${q}${name}${q}${colon}${vq}${MASK}${vq}` : all);
    s = s.replace(KEY_VALUE_ESCAPED, (all, name, colon, value2) => value2 && sensitiveKey(name) ? `\\"${name}\\"${colon}\\"${MASK}\\"` : all);
    s = s.replace(HEADER_LINE, (_, name, colon) => `${name}${colon}${MASK}`);
    s = s.replace(BEARER, (_, word, space) => `${word}${space}${MASK}`);
    s = s.replace(BASIC, (all, word, space, token) => isUserPassword(token) ? `${word}${space}${MASK}` : all);
    s = maskFreeText(s, freeName);
    return s;
  };
  const find = (input) => {
    const found = [];
    if (forms.some((form) => input.includes(form))) found.push("a declared secret's value");
    const { userinfo, params } = urlCredentials(input, sensitive);
    if (userinfo) found.push("URL userinfo");
    const named = [...params].slice(0, 5).map((name) => safeDecode(name).slice(0, 40));
    if (named.length) found.push(`sensitive URL parameters (${named.join(", ")}${params.size > named.length ? ", \u2026" : ""})`);
    if (new RegExp(KNOWN_TOKEN.source).test(input)) found.push("a well-known token (AWS key id, Slack, GitHub, Stripe, npm)");
    return found;
  };
  return { text, url: text, find };
}
var CREDENTIAL_HEADER = /auth|cookie|token|secret|key|session|password|signature|credential/i;
function redactorFor(checks, config, env) {
  const values = HOST_CREDENTIALS.map((name) => env[name]).filter((v) => Boolean(v));
  for (const check of checks) {
    for (const name of check.secrets ?? []) {
      const value2 = env[name];
      if (value2) values.push(value2);
    }
    const credentials = check.httpCredentials;
    if (credentials?.password) {
      values.push(credentials.password, Buffer.from(`${credentials.username}:${credentials.password}`).toString("base64"));
    }
    for (const [header, value2] of Object.entries(check.extraHTTPHeaders ?? {})) {
      if (typeof value2 !== "string" || !CREDENTIAL_HEADER.test(header)) continue;
      values.push(value2);
      const credential = /^[A-Za-z-]+\s+(\S.*)$/.exec(value2)?.[1];
      if (credential) values.push(credential);
    }
  }
  return makeRedactor({ values, queryParams: config?.redact?.queryParams });
}
var structuralRedactor = () => makeRedactor({ values: [] });
function redactError(error, r) {
  if (!error) return;
  error.name = r.text(error.name);
  error.message = r.text(error.message);
  if (error.stack !== void 0) error.stack = r.text(error.stack);
  if (error.step !== void 0) error.step = r.text(error.step);
}
function redactSteps(steps, r) {
  for (const step of steps) {
    step.name = r.text(step.name);
    redactError(step.error, r);
  }
}
function redactNavigations(navigations, r) {
  for (const navigation of navigations) {
    navigation.url = r.url(navigation.url);
    if (navigation.step !== void 0) navigation.step = r.text(navigation.step);
  }
}
function redactScreenshots(screenshots, r) {
  for (const shot of screenshots) {
    if (shot.step === void 0) continue;
    const step = r.text(shot.step);
    if (step === shot.step) continue;
    shot.step = step;
    shot.file = shot.file.replace(/^((?:attempt\d+-)?\d+-).*?((?:-failure)?\.png)$/, "$1redacted$2");
  }
}
function redactPageErrors(pageErrors, r) {
  if (pageErrors) pageErrors.samples = pageErrors.samples.map((s) => r.text(s));
}
function redactAttempt(attempt, r) {
  redactSteps(attempt.steps, r);
  redactNavigations(attempt.navigations, r);
  redactScreenshots(attempt.screenshots, r);
  redactPageErrors(attempt.pageErrors, r);
  redactError(attempt.error, r);
}
function redactResult(result, r) {
  if (result.description !== void 0) result.description = r.text(result.description);
  result.baseURL = r.url(result.baseURL);
  redactAttempt(result, r);
  for (const attempt of result.attemptHistory) redactError(attempt.error, r);
  if (result.warnings) result.warnings = result.warnings.map((w) => r.text(w));
  const usual = result.usual;
  if (usual) {
    usual.sentence = r.text(usual.sentence);
    if (usual.state !== "learning") {
      usual.rule = r.text(usual.rule);
      if (usual.step) usual.step.name = r.text(usual.step.name);
    }
  }
}

// src/check/defaults.ts
var BUILT_IN_DEFAULTS = {
  tags: [],
  timeoutMs: 6e4,
  // Two retries with a short backoff: a request that fails one time in ten fails three attempts in a row one time in
  // a thousand (README: Alerts you can trust).
  retries: 2,
  screenshot: "final",
  fullPage: false,
  mask: [],
  viewport: { width: 1280, height: 720 },
  locale: "en-US",
  timezoneId: "UTC"
};
var DEFAULT_ALERTS = { notify: "problems", alertAfter: 2, remindEvery: 5 };
var DEFAULT_SLOWER_THAN_USUAL = { factor: 1.5, minDeltaMs: 50, window: 9, learnRuns: 20 };
function resolveSlowerThanUsual(...layers) {
  let rule = { ...DEFAULT_SLOWER_THAN_USUAL };
  for (const layer of layers) {
    if (layer === void 0) continue;
    if (layer === false) rule = false;
    else if (layer === true) rule = rule || { ...DEFAULT_SLOWER_THAN_USUAL };
    else rule = { ...rule || DEFAULT_SLOWER_THAN_USUAL, ...Object.fromEntries(Object.entries(layer).filter(([, v]) => v !== void 0)) };
  }
  return rule;
}
function resolveBaseURL(config, env = process.env) {
  return env.BASE_URL || config.baseURL || "";
}

export {
  checkName,
  MIN_SECRET_LENGTH,
  HOST_CREDENTIALS,
  CREDENTIAL_HEADER,
  redactorFor,
  structuralRedactor,
  redactAttempt,
  redactResult,
  printable,
  BUILT_IN_DEFAULTS,
  DEFAULT_ALERTS,
  DEFAULT_SLOWER_THAN_USUAL,
  resolveSlowerThanUsual,
  resolveBaseURL
};
