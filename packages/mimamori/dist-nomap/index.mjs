import {
  pendingAssertions
} from "./chunks/chunk-3FLOOLOF.mjs";

// src/expect.ts
import { expect as playwrightExpect } from "playwright/test";
function track(value) {
  if (!value || typeof value.then !== "function") return value;
  const promise = Promise.resolve(value);
  const entry = { promise, observed: false };
  const pending = pendingAssertions();
  pending.add(entry);
  promise.then(() => pending.delete(entry), (error) => {
    pending.delete(entry);
    if (!entry.observed) void Promise.reject(error);
  });
  const observe = () => entry.observed = true;
  return {
    then: (onFulfilled, onRejected) => (observe(), promise.then(onFulfilled, onRejected)),
    catch: (onRejected) => (observe(), promise.catch(onRejected)),
    finally: (onFinally) => (observe(), promise.finally(onFinally)),
    [Symbol.toStringTag]: "Promise"
  };
}
var MODIFIERS = /* @__PURE__ */ new Set(["not", "resolves", "rejects"]);
function matchers(target) {
  return new Proxy(target, {
    get(object, prop) {
      const value = Reflect.get(object, prop);
      if (typeof value === "function") return (...args) => track(Reflect.apply(value, object, args));
      if (MODIFIERS.has(prop) && typeof value === "object" && value !== null) return matchers(value);
      return value;
    }
  });
}
function tracked(base) {
  return new Proxy(base, {
    apply: (fn, self, args) => matchers(Reflect.apply(fn, self, args)),
    get(fn, prop) {
      const value = Reflect.get(fn, prop);
      if (typeof value !== "function") return value;
      if (prop === "poll" || prop === "soft") return (...args) => matchers(Reflect.apply(value, fn, args));
      if (prop === "configure" || prop === "extend") return (...args) => tracked(Reflect.apply(value, fn, args));
      return value;
    }
  });
}
var expect = tracked(playwrightExpect);

// src/index.ts
function defineCheck(check) {
  return check;
}
function defineConfig(config) {
  return config;
}
export {
  defineCheck,
  defineConfig,
  expect
};
