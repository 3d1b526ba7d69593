// src/pending-assertions.ts
var PENDING = /* @__PURE__ */ Symbol.for("mimamori.pending-assertions");
function pendingAssertions() {
  const holder = globalThis;
  return holder[PENDING] ??= /* @__PURE__ */ new Set();
}

export {
  pendingAssertions
};
