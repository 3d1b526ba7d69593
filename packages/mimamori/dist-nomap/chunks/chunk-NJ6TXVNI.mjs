// src/result/strip-ansi.ts
var ANSI = /\u001b\[[0-9;?]*[ -/]*[@-~]|\u001b\][^\u0007\u001b]*(?:\u0007|\u001b\\)/g;
function stripAnsi(text) {
  return text.replace(ANSI, "");
}

export {
  stripAnsi
};
