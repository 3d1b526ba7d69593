import {
  CONFIG_FILES
} from "./chunk-Q5KG2DBG.mjs";
import "./chunk-XH4PHW73.mjs";
import "./chunk-7MRTGN4J.mjs";
import "./chunk-PGIEQVW4.mjs";

// src/cli/init.ts
import { existsSync as existsSync2 } from "node:fs";
import { mkdir, readFile, writeFile } from "node:fs/promises";
import { basename, dirname as dirname2, join as join2, relative, sep } from "node:path";
import { createInterface } from "node:readline";
import { parseArgs } from "node:util";

// src/cli/package-manager.ts
import { existsSync, readFileSync } from "node:fs";
import { dirname, join } from "node:path";
function findRepoRoot(dir) {
  for (let d = dir; ; d = dirname(d)) {
    if (existsSync(join(d, ".git"))) return d;
    if (dirname(d) === d) return void 0;
  }
}
function upToRoot(dir) {
  const root = findRepoRoot(dir);
  const dirs = [dir];
  if (root === void 0) return dirs;
  for (let d = dir; d !== root && dirname(d) !== d; ) dirs.push(d = dirname(d));
  return dirs;
}
var manifestAt = (dir) => {
  try {
    return JSON.parse(readFileSync(join(dir, "package.json"), "utf8"));
  } catch {
    return {};
  }
};
var LOCKFILES = [
  ["pnpm-lock.yaml", "pnpm"],
  ["yarn.lock", "yarn"],
  ["bun.lock", "bun"],
  ["bun.lockb", "bun"],
  ["package-lock.json", "npm"]
];
var NAMES = ["npm", "pnpm", "yarn", "bun"];
function detectPackageManager(dir, pkg) {
  for (const d of upToRoot(dir)) {
    const found = detectIn(d, d === dir ? pkg : manifestAt(d));
    if (found) return { ...found, dir: d };
  }
  return { name: "npm", source: "default: no lockfile, no packageManager field" };
}
function detectIn(dir, pkg) {
  const lockfile = LOCKFILES.find(([file]) => existsSync(join(dir, file)));
  const field = typeof pkg.packageManager === "string" ? /^(npm|pnpm|yarn|bun)@([^+\s]+)/.exec(pkg.packageManager) : null;
  if (field && NAMES.includes(field[1])) {
    const name = field[1];
    const own = LOCKFILES.find(([file, n]) => n === name && existsSync(join(dir, file)));
    return { name, source: "packageManager in package.json", version: field[2], lockfile: own?.[0] };
  }
  if (lockfile) return { name: lockfile[1], source: lockfile[0], lockfile: lockfile[0] };
  return void 0;
}
function detectTypeScript(dir, pkg) {
  if (existsSync(join(dir, "tsconfig.json"))) return "tsconfig.json";
  for (const field of ["devDependencies", "dependencies", "peerDependencies"]) {
    const deps = pkg[field];
    if (deps && typeof deps === "object" && "typescript" in deps) return `typescript in ${field}`;
  }
  return void 0;
}
function execCommand(pm, command) {
  const prefix = { npm: "npx", pnpm: "pnpm exec", yarn: "yarn", bun: "bunx" }[pm];
  return `${prefix} ${command}`;
}
function addDevCommand(pm, name) {
  return `${{ npm: "npm i -D", pnpm: "pnpm add -D", yarn: "yarn add -D", bun: "bun add -d" }[pm]} ${name}`;
}
function installCommand(pm) {
  const frozen = pm.lockfile !== void 0;
  switch (pm.name) {
    case "npm":
      return frozen ? "npm ci" : "npm install";
    case "pnpm":
      return frozen ? "pnpm install --frozen-lockfile" : "pnpm install";
    // Yarn 1 and Yarn 2+ spell "frozen" differently (--frozen-lockfile, --immutable): plain install works on both, and
    // Yarn 2+ installs immutably on CI by itself.
    case "yarn":
      return "yarn install";
    case "bun":
      return frozen ? "bun install --frozen-lockfile" : "bun install";
  }
}

// src/cli/init-files.ts
var quote = (s) => `'${s.replace(/\\/g, "\\\\").replace(/'/g, "\\'")}'`;
function configText({ url, stackName, region }) {
  const baseURL = url ? `  // The site the checks visit. BASE_URL (the environment, or .env) wins: point the same checks at a preview.
  baseURL: ${quote(url)},` : `  // The site the checks visit: set BASE_URL (the environment, or .env beside this file), or write it here \u2014 the
  // deployed monitor has no BASE_URL of its own, so it needs it written here.
  // baseURL: 'https://www.example.com',`;
  const regionLine = region ? `    region: ${quote(region)},` : `    // region: 'ap-northeast-1', // default: AWS_REGION, else your AWS profile's region`;
  return `// mimamori's project config: the site the checks visit, the defaults every check inherits, and the stack
// \`mimamori deploy\` creates. Typed: your editor lists every option.
import { defineConfig } from 'mimamori';

export default defineConfig({
${baseURL}
  // Where *.check.ts files are found, relative to this file.
  checksDir: 'checks',
  // Every check inherits these; a check may set its own.
  defaults: {
    screenshot: 'final', // the last view, or the view at the point of failure
    retries: 2, // a failed attempt is retried before the run counts as failed
    timeoutMs: 60_000,
    viewport: { width: 1280, height: 720 },
    locale: 'en-US',
    timezoneId: 'UTC',
  },
  // \`mimamori deploy\`: the CloudFormation stack that runs the checks on their schedules in AWS Lambda. Also:
  // profile (an AWS CLI profile), s3Bucket (where SAM uploads the build), parameters, tags.
  deploy: {
    stackName: ${quote(stackName)},
${regionLine}
  },
});
`;
}
var EXAMPLE_CHECK = `// An example check: the home page answers and shows a page. Copy it for each journey worth watching (log in, search,
// check out) \u2014 each step is timed and named in the report, and a failing step's screenshot shows what a user saw.
import { defineCheck, expect } from 'mimamori';

export default defineCheck({
  name: 'example',
  description: 'The home page answers and shows a page',
  tags: ['smoke'],
  // When deployed (\`mimamori deploy\`): how often it runs.
  schedule: 'rate(5 minutes)',

  async run({ page, step }) {
    await step('Open the home page', async () => {
      const response = await page.goto('/'); // relative to baseURL in mimamori.config.ts (or BASE_URL)
      expect(response?.ok(), \`GET / answered \${response?.status()}\`).toBe(true);
    });

    await step('See the page', async () => {
      await expect(page.locator('body')).toBeVisible();
      // Make it yours: what must a visitor see? For example
      // await expect(page).toHaveTitle(/My shop/);
      // await expect(page.getByRole('heading', { level: 1 })).toBeVisible();
    });
  },
});
`;
function envExampleText(url) {
  return `# Copy to .env (kept out of git) for local runs: mimamori reads .env beside mimamori.config.ts before a run, and
# a variable already set in the environment wins. In CI, set these as the job's environment instead.

# The site the checks visit (wins over baseURL in mimamori.config.ts), e.g. a preview deployment.
${url ? `BASE_URL=${url}` : "# BASE_URL=https://shop.example.com"}

# Alerts in Slack with the screenshot: a bot token (scopes chat:write, files:write) and a channel the bot is in.
# Without a token, nothing is sent.
# SLACK_BOT_TOKEN=xoxb-...
# SLACK_CHANNEL=#alerts
`;
}
function managerSetup(pm) {
  switch (pm.name) {
    case "pnpm":
      return `      - uses: pnpm/action-setup@v4${pm.version ? "" : `
        with:
          version: 10`}
`;
    case "bun":
      return "      - uses: oven-sh/setup-bun@v2\n";
    case "yarn":
      return "      - run: corepack enable\n";
    default:
      return "";
  }
}
function nodeCache(pm, installDir) {
  if (!pm.lockfile || pm.name !== "npm" && pm.name !== "pnpm") return "";
  return `
          cache: ${pm.name}${installDir ? `
          cache-dependency-path: ${installDir}/${pm.lockfile}` : ""}`;
}
var inDir = (dir) => dir ? `
        working-directory: ${dir}` : "";
function workflowText(pm, dirs = { app: "", install: "" }) {
  const check = execCommand(pm.name, "mimamori check --junit mimamori-results/junit.xml");
  const results = `${dirs.app ? `${dirs.app}/` : ""}mimamori-results/`;
  return `# mimamori: runs the checks on every pull request (and by hand) and keeps the HTML report as an artifact.
# The site they visit, BASE_URL, is the \`base_url\` input of a manual run (Actions \u2192 mimamori \u2192 Run workflow), else
# the repository variable MIMAMORI_BASE_URL (Settings \u2192 Secrets and variables \u2192 Actions \u2192 Variables), else baseURL in
# mimamori.config.ts. For a preview per pull request, set BASE_URL from your preview deploy's output instead.
name: mimamori

on:
  pull_request:
  workflow_dispatch:
    inputs:
      base_url:
        description: The URL the checks visit (default the MIMAMORI_BASE_URL variable, else the config's baseURL)
        required: false
        type: string

permissions:
  contents: read

jobs:
  checks:
    runs-on: ubuntu-latest
    timeout-minutes: 20
    steps:
      - uses: actions/checkout@v4
${managerSetup(pm)}      - uses: actions/setup-node@v4
        with:
          node-version: 22${nodeCache(pm, dirs.install)}
      - run: ${installCommand(pm)}${inDir(dirs.install)}
      - name: Run the checks
        run: ${check}${inDir(dirs.app)}
        env:
          BASE_URL: \${{ inputs.base_url || vars.MIMAMORI_BASE_URL }}
      # The report (report.html), screenshots, results.json and JUnit, also when a check failed.
      - uses: actions/upload-artifact@v4
        if: always()
        with:
          name: mimamori-results
          path: ${results}
          if-no-files-found: ignore
`;
}

// src/cli/init-edits.ts
var indentOf = (text) => /^[{[][ \t]*\r?\n([ \t]+)\S/.exec(text)?.[1] ?? /\n([ \t]+)"/.exec(text)?.[1] ?? "  ";
function addScripts(text, scripts) {
  const bom = text.startsWith("\uFEFF") ? "\uFEFF" : "";
  const pkg = JSON.parse(text.slice(bom.length));
  const existing = pkg.scripts && typeof pkg.scripts === "object" ? pkg.scripts : {};
  const result = { added: [], present: [], kept: [] };
  const additions = {};
  for (const [name, command] of Object.entries(scripts)) {
    if (!Object.hasOwn(existing, name)) additions[name] = command, result.added.push(name);
    else if (existing[name] === command) result.present.push(name);
    else result.kept.push({ name, command: String(existing[name]) });
  }
  if (!result.added.length) return result;
  pkg.scripts = { ...existing, ...additions };
  const eol = text.includes("\r\n") ? "\r\n" : "\n";
  const indent = text.trim().includes("\n") ? indentOf(text) : "";
  const body = JSON.stringify(pkg, null, indent).replace(/\n/g, eol);
  result.text = `${bom}${body}${/\n$/.test(text) ? eol : ""}`;
  return result;
}
var normalise = (line) => line.trim().replace(/^\//, "").replace(/\/$/, "");
function appendIgnores(current, lines) {
  const have = new Set((current ?? "").split(/\r?\n/).map(normalise));
  const added = lines.filter((line) => !have.has(normalise(line)));
  if (!added.length) return { added };
  const eol = current?.includes("\r\n") ? "\r\n" : "\n";
  const start = !current ? "" : current.endsWith("\n") ? `${current}${eol}` : `${current}${eol}${eol}`;
  return { text: `${start}# mimamori: run results, local secrets, the deploy build${eol}${added.join(eol)}${eol}`, added };
}

// src/cli/init.ts
var INIT_USAGE = `Usage: mimamori init [--url <url>] [--github-actions] [--yes]

Sets mimamori up in this repo (run it where package.json is): mimamori.config.ts (with the deploy settings),
checks/example.check.ts (passes against the site: opens /, checks the answer and the page), .env.example, the lines
.gitignore lacks (mimamori-results/, .env, .mimamori/), and the package.json scripts mimamori:check,
mimamori:validate and mimamori:deploy. Never overwrites: a file or script that exists is skipped and named, so
running it again changes nothing. Ends with the commands to run next, in your package manager's form.

Options:
  --url <url>        the site the checks visit (default: BASE_URL; else, in a terminal, init asks)
  --github-actions   also write .github/workflows/mimamori.yml: the checks on every pull request, the report kept
  -y, --yes          ask nothing (also when CI is set)
  -h, --help         show this help

Exit code: 0 done (also when everything was already there), 1 a file could not be written, 2 usage error or no
package.json.`;
var EXIT = { ok: 0, write: 1, usage: 2 };
var SCRIPTS = { "mimamori:check": "mimamori check", "mimamori:validate": "mimamori validate", "mimamori:deploy": "mimamori deploy" };
var IGNORES = ["mimamori-results/", ".env", ".mimamori/"];
function urlProblem(url) {
  try {
    return /^https?:$/.test(new URL(url).protocol) ? void 0 : "is not an http(s) URL";
  } catch {
    return "is not an absolute URL like 'https://example.com'";
  }
}
function stackNameFor(name) {
  const slug = name.toLowerCase().replace(/[^a-z0-9]+/g, "-").replace(/^-+|-+$/g, "");
  return `mimamori-${slug || "app"}`.slice(0, 128).replace(/-+$/, "");
}
var inCi = (env) => Boolean(env.CI) && !/^(false|0)$/i.test(env.CI);
function terminalPrompt() {
  if (!process.stdin.isTTY) return void 0;
  return (question) => new Promise((resolve) => {
    const rl = createInterface({ input: process.stdin, output: process.stdout });
    let answered = false;
    rl.on("SIGINT", () => (rl.close(), process.stdout.write("\n"), process.exit(130)));
    rl.on("close", () => answered || resolve(""));
    rl.question(question, (answer) => (answered = true, rl.close(), resolve(answer)));
  });
}
var processIo = () => ({
  cwd: process.cwd(),
  env: process.env,
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  prompt: terminalPrompt()
});
async function siteUrl(given, io, interactive) {
  if (given !== void 0) return { url: given, from: "--url" };
  const env = io.env.BASE_URL;
  if (env && !urlProblem(env)) return { url: env, from: "BASE_URL" };
  if (env) io.stderr(`BASE_URL ${urlProblem(env)}: ${env} \u2014 not used
`);
  if (interactive && io.prompt) {
    for (let tries = 0; tries < 3; tries++) {
      const answer = (await io.prompt("The URL of the site to check (empty: set BASE_URL later): ")).trim();
      if (!answer) break;
      const problem = urlProblem(answer);
      if (!problem) return { url: answer, from: "your answer" };
      io.stderr(`${answer} ${problem}
`);
    }
  }
  return { from: "none" };
}
async function initMain(argv, io = processIo()) {
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: { url: { type: "string" }, "github-actions": { type: "boolean" }, yes: { type: "boolean", short: "y" }, help: { type: "boolean", short: "h" } }
    }));
    if (values.url !== void 0 && urlProblem(values.url)) throw new Error(`--url ${values.url}: ${urlProblem(values.url)}`);
  } catch (error) {
    io.stderr(`${error.message}

${INIT_USAGE}
`);
    return EXIT.usage;
  }
  if (values.help) return io.stdout(`${INIT_USAGE}
`), EXIT.ok;
  const { cwd } = io;
  const pkgPath = join2(cwd, "package.json");
  let pkgText;
  let pkg;
  try {
    pkgText = await readFile(pkgPath, "utf8");
    pkg = JSON.parse(pkgText.replace(/^\uFEFF/, ""));
    if (!pkg || typeof pkg !== "object" || Array.isArray(pkg)) throw new Error("is not a JSON object");
  } catch (error) {
    const missing = error.code === "ENOENT";
    io.stderr(missing ? `No package.json in ${cwd}: run mimamori init in your project's folder, or make one first (npm init -y).
` : `package.json cannot be read: ${error.message}. Nothing was written.
`);
    return EXIT.usage;
  }
  const pm = detectPackageManager(cwd, pkg);
  const typescript = detectTypeScript(cwd, pkg);
  const say = (line) => io.stdout(`${line}
`);
  say(`Package manager: ${pm.name} (${pm.source}${pm.dir && pm.dir !== cwd ? ` in ${relative(cwd, pm.dir)}` : ""})`);
  say(typescript ? `TypeScript: found (${typescript})` : "TypeScript: not found \u2014 check files are .ts all the same: mimamori compiles them itself (esbuild), no TypeScript install needed");
  const existingConfig = CONFIG_FILES.find((f) => existsSync2(join2(cwd, f)));
  const interactive = !values.yes && !inCi(io.env) && !existingConfig;
  const site = await siteUrl(values.url, io, interactive);
  if (site.url) say(`Site: ${site.url} (${site.from})`);
  else say(existingConfig ? `Site: as ${existingConfig} says` : "Site: not known yet (no --url, no BASE_URL): the config reads BASE_URL");
  let changed = false;
  try {
    const write = async (rel, text, existing = rel) => {
      if (existsSync2(join2(cwd, existing))) return say(`  skipped ${rel} (${existing === rel ? "exists" : `${existing} exists`})`);
      const path = join2(cwd, rel);
      await mkdir(dirname2(path), { recursive: true });
      await writeFile(path, text, { flag: "wx" });
      changed = true;
      say(`  created ${rel}`);
    };
    const region = io.env.AWS_REGION || io.env.AWS_DEFAULT_REGION || void 0;
    const stackName = stackNameFor(typeof pkg.name === "string" ? pkg.name : basename(cwd));
    await write("mimamori.config.ts", configText({ url: site.url, stackName, region }), existingConfig);
    if (existingConfig) say(`  skipped checks/example.check.ts (${existingConfig} exists: the checks are yours)`);
    else await write("checks/example.check.ts", EXAMPLE_CHECK);
    await write(".env.example", envExampleText(site.url));
    if (values["github-actions"]) {
      const root = findRepoRoot(cwd) ?? cwd;
      const posix = (dir) => relative(root, dir).split(sep).join("/");
      const dirs = { app: posix(cwd), install: posix(pm.dir ?? cwd) };
      await write(relative(cwd, join2(root, ".github/workflows/mimamori.yml")), workflowText(pm, dirs));
    }
    const ignorePath = join2(cwd, ".gitignore");
    const ignores = appendIgnores(existsSync2(ignorePath) ? await readFile(ignorePath, "utf8") : void 0, IGNORES);
    if (ignores.text !== void 0) await writeFile(ignorePath, ignores.text), changed = true;
    say(ignores.added.length ? `  .gitignore: added ${ignores.added.join(", ")}` : `  .gitignore: already has ${IGNORES.join(", ")}`);
    const scripts = addScripts(pkgText, SCRIPTS);
    if (scripts.text !== void 0) await writeFile(pkgPath, scripts.text), changed = true;
    if (scripts.added.length) say(`  package.json: added the scripts ${scripts.added.join(", ")}`);
    if (scripts.present.length) say(`  package.json: already has the scripts ${scripts.present.join(", ")}`);
    for (const kept of scripts.kept) say(`  package.json: kept your script ${kept.name} (${JSON.stringify(kept.command)})`);
  } catch (error) {
    io.stderr(`mimamori init: ${error.message}. Running init again completes the rest.
`);
    return EXIT.write;
  }
  if (!changed) say("Nothing changed: everything was already there.");
  nextSteps(say, pm, pkg, site.url, !existingConfig);
  return EXIT.ok;
}
function nextSteps(say, pm, pkg, url, wrote) {
  const deps = { ...pkg.dependencies, ...pkg.devDependencies };
  say("\nNext:");
  if (!Object.hasOwn(deps, "mimamori")) say(`  ${addDevCommand(pm.name, "mimamori")}   (mimamori is not in package.json yet)`);
  if (!url && wrote) say("  set BASE_URL (in .env \u2014 see .env.example \u2014 or the environment), or write baseURL in mimamori.config.ts");
  const run = (command, what) => say(`  ${execCommand(pm.name, command).padEnd(30)} ${what}`);
  run("mimamori check", `run the example check${url ? ` against ${url}` : ""}; the report is in mimamori-results/`);
  run("mimamori validate", "the config and every check, as a deploy sees them");
  run("mimamori deploy", "the monitor in your AWS account (needs the SAM CLI and AWS credentials)");
}
export {
  INIT_USAGE,
  initMain,
  processIo,
  stackNameFor,
  terminalPrompt,
  urlProblem
};
