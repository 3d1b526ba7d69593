// src/result/types.ts
var isFatal = (d) => d.severity === "fatal";
var isNote = (d) => d.severity === "note";

// src/check/watches.ts
var DEFAULT_LOG_WINDOW_MINUTES = 5;
var DEFAULT_LIMIT_THRESHOLD = 0.8;
function derivedFilterPattern(pattern) {
  if (pattern.flags.replace(/[gu]/g, "") !== "") return "";
  const words = pattern.source.split("|");
  if (!words.every((w) => /^[A-Za-z0-9_:#=@;,-]+$/.test(w))) return "";
  const filter = `%${pattern.source}%`;
  return filter.length <= 1024 ? filter : "";
}
function resolveLogWatches(config) {
  return (config.logWatches ?? []).map((w) => ({
    name: w.name,
    logGroups: [...w.logGroups],
    pattern: w.pattern,
    filterPattern: w.filterPattern ?? derivedFilterPattern(w.pattern),
    windowMinutes: w.windowMinutes ?? DEFAULT_LOG_WINDOW_MINUTES
  }));
}
function resolveLimitWatches(config) {
  const l = config.limitWatches ?? {};
  return { functions: (l.functions ?? []).map((f) => ({ ...f })), tables: [...l.tables ?? []], threshold: l.threshold ?? DEFAULT_LIMIT_THRESHOLD };
}

export {
  isFatal,
  isNote,
  resolveLogWatches,
  resolveLimitWatches
};
