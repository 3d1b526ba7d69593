// src/runner/within.ts
async function within(promise, ms) {
  let timer;
  try {
    return await Promise.race([promise.catch(() => void 0), new Promise((r) => {
      timer = setTimeout(() => r(void 0), ms);
    })]);
  } finally {
    clearTimeout(timer);
  }
}

// src/runner/browser-candidates.ts
import { posix, win32 } from "node:path";
var LAMBDA_SOURCE = "@sparticuz/chromium";
function isWsl(host) {
  return host.platform === "linux" && Boolean(host.env.WSL_DISTRO_NAME || host.env.WSL_INTEROP || /microsoft/i.test(host.osRelease ?? ""));
}
var MAC_APPS = [
  ["Google Chrome", "Google Chrome.app/Contents/MacOS/Google Chrome"],
  ["Chromium", "Chromium.app/Contents/MacOS/Chromium"],
  ["Microsoft Edge", "Microsoft Edge.app/Contents/MacOS/Microsoft Edge"],
  ["Google Chrome Beta", "Google Chrome Beta.app/Contents/MacOS/Google Chrome Beta"],
  ["Microsoft Edge Beta", "Microsoft Edge Beta.app/Contents/MacOS/Microsoft Edge Beta"]
];
var WINDOWS_APPS = [
  ["Google Chrome", "Google\\Chrome\\Application\\chrome.exe"],
  ["Chromium", "Chromium\\Application\\chrome.exe"],
  ["Microsoft Edge", "Microsoft\\Edge\\Application\\msedge.exe"],
  ["Google Chrome Beta", "Google\\Chrome Beta\\Application\\chrome.exe"],
  ["Microsoft Edge Beta", "Microsoft\\Edge Beta\\Application\\msedge.exe"]
];
var LINUX_APPS = [
  ["Google Chrome", "/opt/google/chrome/chrome"],
  ["Google Chrome", "/usr/bin/google-chrome-stable"],
  ["Google Chrome", "/usr/bin/google-chrome"],
  ["Chromium", "/usr/bin/chromium"],
  ["Chromium", "/usr/bin/chromium-browser"],
  ["Microsoft Edge", "/opt/microsoft/msedge/msedge"],
  ["Microsoft Edge", "/usr/bin/microsoft-edge-stable"],
  ["Google Chrome Beta", "/opt/google/chrome-beta/chrome"],
  ["Microsoft Edge Beta", "/opt/microsoft/msedge-beta/msedge"]
];
var SNAP_CHROMIUM = "/snap/bin/chromium";
function browserCandidates(host) {
  const system = (name, path) => ({ name, path, source: "system" });
  let list;
  if (host.platform === "darwin") {
    const dirs = ["/Applications", ...host.env.HOME ? [posix.join(host.env.HOME, "Applications")] : []];
    list = MAC_APPS.flatMap(([name, app]) => dirs.map((d) => system(name, posix.join(d, app))));
  } else if (host.platform === "win32") {
    const e = (name) => Object.entries(host.env).find(([k]) => k.toUpperCase() === name)?.[1];
    const drive = e("HOMEDRIVE");
    const prefixes = [...new Set([
      e("LOCALAPPDATA"),
      e("PROGRAMFILES"),
      e("PROGRAMFILES(X86)"),
      ...drive ? [`${drive}\\Program Files`, `${drive}\\Program Files (x86)`] : []
    ].filter((p) => Boolean(p)))];
    list = WINDOWS_APPS.flatMap(([name, app]) => prefixes.map((p) => system(name, win32.join(p, app))));
  } else if (host.platform === "linux") {
    list = LINUX_APPS.map(([name, path]) => system(name, path));
  } else {
    list = [];
  }
  if (host.playwrightChromium) list.push({ name: "Chromium", path: host.playwrightChromium, source: "playwright" });
  if (host.platform === "linux") list.push(system("Chromium", SNAP_CHROMIUM));
  return list;
}
function installedBrowser(host) {
  return browserCandidates(host).find((c) => host.exists(c.path));
}
var WINDOWS_FROM_WSL = [
  ["Google Chrome", "/mnt/c/Program Files/Google/Chrome/Application/chrome.exe"],
  ["Microsoft Edge", "/mnt/c/Program Files (x86)/Microsoft/Edge/Application/msedge.exe"]
];
function platformLabel(host) {
  if (isWsl(host)) return `Linux ${host.arch} in WSL`;
  const os = { darwin: "macOS", win32: "Windows", linux: "Linux" }[host.platform] ?? host.platform;
  return `${os} ${host.arch}`;
}
function whatToInstall(host) {
  const pw = "run `npx playwright install chromium`";
  if (host.platform === "darwin" || host.platform === "win32") return `Install Google Chrome (https://www.google.com/chrome/) or Microsoft Edge, or ${pw}`;
  if (isWsl(host)) return `Install a Linux browser inside WSL \u2014 Google Chrome's .deb (https://www.google.com/chrome/) or \`sudo apt install chromium\` \u2014 or ${pw}`;
  if (host.platform === "linux") return `Install Google Chrome (https://www.google.com/chrome/) or Chromium from your distribution (\`sudo apt install chromium\`, \`sudo dnf install chromium\`), or ${pw}`;
  return `Install Google Chrome or Chromium, or ${pw}`;
}
function noBrowserMessage(host, tried = []) {
  const lines = [`No Chrome, Chromium or Edge found on this ${platformLabel(host)} machine. ${whatToInstall(host)}; or set MIMAMORI_CHROMIUM to a Chrome or Chromium binary.`];
  if (isWsl(host)) {
    const windows = WINDOWS_FROM_WSL.filter(([, p]) => host.exists(p));
    if (windows.length) lines.push(`${windows.map(([n, p]) => `${n} at ${p}`).join(" and ")} is a Windows program: mimamori runs inside WSL and cannot drive it.`);
  }
  lines.push(...tried, `Looked in: ${browserCandidates(host).map((c) => c.path).join(", ") || "nowhere (no known places on this OS)"}.`);
  return lines.join("\n");
}
function browserLabel(b, version) {
  const named = version ? `${b.name} ${version}` : b.name;
  if (b.source === LAMBDA_SOURCE) return `${named}, the Lambda build from ${LAMBDA_SOURCE}`;
  if (b.source === "MIMAMORI_CHROMIUM") return `${named} from MIMAMORI_CHROMIUM=${b.path}`;
  if (b.source === "playwright") return `${named}, Playwright's download at ${b.path}`;
  return `${named} at ${b.path}${b.wsl ? ", inside WSL" : ""}`;
}

export {
  within,
  LAMBDA_SOURCE,
  isWsl,
  installedBrowser,
  noBrowserMessage,
  browserLabel
};
