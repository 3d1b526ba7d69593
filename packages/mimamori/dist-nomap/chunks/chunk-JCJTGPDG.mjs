import {
  checksDirPath,
  discover
} from "./chunk-UJ7GGTYF.mjs";
import {
  bundleFunction,
  problemsReport
} from "./chunk-Z6GCPU25.mjs";
import {
  resolveLimitWatches,
  resolveLogWatches
} from "./chunk-TCTICCER.mjs";
import {
  fontFiles
} from "./chunk-3HTYQUIR.mjs";
import {
  loadChecks,
  loadConfig
} from "./chunk-Q5KG2DBG.mjs";
import {
  LAYER_PACKAGES,
  PACKAGE_ROOT,
  PACKAGE_TEMPLATE,
  stopCompiler
} from "./chunk-7MRTGN4J.mjs";
import {
  displayPath
} from "./chunk-PGIEQVW4.mjs";

// src/build/main.ts
import { rm } from "node:fs/promises";
import { join as join3, resolve } from "node:path";
import { parseArgs } from "node:util";

// src/build/layer.ts
import { cp, mkdir, readFile, realpath, stat } from "node:fs/promises";
import { basename, dirname, join } from "node:path";
async function packageDir(name, from) {
  for (let dir = from; ; dir = dirname(dir)) {
    const candidate = join(dir, "node_modules", name);
    if (await stat(join(candidate, "package.json")).then(() => true, () => false)) return candidate;
    if (dirname(dir) === dir) throw new Error(`${name} is not installed (looked up from ${from}): run npm ci`);
  }
}
async function closure(names, from, seen = /* @__PURE__ */ new Map()) {
  for (const name of names) {
    if (seen.has(name)) continue;
    const dir = await realpath(await packageDir(name, from));
    seen.set(name, dir);
    const manifest = JSON.parse(await readFile(join(dir, "package.json"), "utf8"));
    await closure(Object.keys(manifest.dependencies ?? {}), dir, seen);
  }
  return seen;
}
async function buildLayer(outDir, fontFiles2) {
  const packages = await closure(LAYER_PACKAGES, await realpath(PACKAGE_ROOT));
  await Promise.all([...packages].map(([name, dir]) => cp(dir, join(outDir, "nodejs/node_modules", name), { recursive: true, dereference: true })));
  await mkdir(join(outDir, "fonts"), { recursive: true });
  await Promise.all(fontFiles2.map((f) => cp(f, join(outDir, "fonts", basename(f)))));
  return { packages: [...packages.keys()].sort(), fonts: fontFiles2.map((f) => basename(f)) };
}

// src/build/stack-files.ts
import { copyFile, mkdir as mkdir2, writeFile } from "node:fs/promises";
import { join as join2 } from "node:path";

// src/build/watch-stack.ts
import { createHash } from "node:crypto";
var hash = (...parts) => createHash("sha256").update(parts.join("\0")).digest("hex").slice(0, 8);
var alnum = (s) => s.replace(/[^A-Za-z0-9]/g, "").slice(0, 60);
var ref = (name) => ({ Ref: name });
var sub = (text) => ({ "Fn::Sub": text });
function logWatchResources(watches) {
  const resources = {};
  const permissionFor = /* @__PURE__ */ new Map();
  for (const group of [...new Set(watches.flatMap((w) => w.logGroups))]) {
    const id = `LogsInvoke${hash("permission", group)}`;
    permissionFor.set(group, id);
    resources[id] = {
      Type: "AWS::Lambda::Permission",
      Properties: {
        Action: "lambda:InvokeFunction",
        FunctionName: ref("LogWatchFunctionArn"),
        Principal: "logs.amazonaws.com",
        // This log group only, in this account: no other group or account can invoke the handler through it.
        SourceArn: sub(`arn:\${AWS::Partition}:logs:\${AWS::Region}:\${AWS::AccountId}:log-group:${group}:*`),
        SourceAccount: ref("AWS::AccountId")
      }
    };
  }
  for (const w of watches) {
    for (const group of w.logGroups) {
      resources[`LogWatch${alnum(w.name)}${hash("filter", w.name, group)}`] = {
        Type: "AWS::Logs::SubscriptionFilter",
        DependsOn: permissionFor.get(group),
        Properties: {
          // The handler finds the watch by this name: <stack>-<watch>.
          FilterName: sub(`\${ParentStackName}-${w.name}`),
          LogGroupName: group,
          FilterPattern: w.filterPattern,
          DestinationArn: ref("LogWatchFunctionArn")
        }
      };
    }
  }
  return resources;
}
var actions = () => ({
  "Fn::If": ["HasExtraAlarmTopic", [ref("AlarmTopicArn"), ref("ExtraAlarmTopicArn")], [ref("AlarmTopicArn")]]
});
var percent = (threshold) => `${Math.round(threshold * 1e3) / 10} %`;
function alarm(name, description, body) {
  return {
    Type: "AWS::CloudWatch::Alarm",
    Properties: {
      AlarmName: sub(`\${ParentStackName}-limit-${name}`),
      AlarmDescription: description,
      ...body,
      TreatMissingData: "notBreaching",
      AlarmActions: actions(),
      OKActions: actions()
    }
  };
}
var metric = (id, namespace, metricName, dimension, stat2) => ({
  Id: id,
  MetricStat: { Metric: { Namespace: namespace, MetricName: metricName, Dimensions: [{ Name: dimension[0], Value: dimension[1] }] }, Period: 300, Stat: stat2 },
  ReturnData: false
});
var inAlarmName = (name) => name.length <= 90 ? name : `${name.slice(0, 80)}-${hash("name", name)}`;
function limitResources(l) {
  const resources = {};
  const share = percent(l.threshold);
  const sustained = { Period: 300, EvaluationPeriods: 3, DatapointsToAlarm: 2, ComparisonOperator: "GreaterThanOrEqualToThreshold" };
  for (const f of l.functions) {
    const id = `Limit${alnum(f.name)}${hash("function", f.name)}`;
    const lineMs = Math.round(l.threshold * f.timeoutSeconds * 1e3);
    resources[`${id}Duration`] = alarm(
      `${f.name}-duration`,
      `Lambda ${f.name}: p99 duration reached ${share} of its ${f.timeoutSeconds} s timeout (${lineMs} ms) - invocations are close to timing out. Make it faster or raise its timeout (and timeoutSeconds in limitWatches).`,
      { Namespace: "AWS/Lambda", MetricName: "Duration", Dimensions: [{ Name: "FunctionName", Value: f.name }], ExtendedStatistic: "p99", Threshold: lineMs, ...sustained }
    );
    resources[`${id}Throttles`] = alarm(
      `${f.name}-throttles`,
      `Lambda ${f.name} was throttled: invocations were refused at its concurrency limit (reserved, or the account's).`,
      { Namespace: "AWS/Lambda", MetricName: "Throttles", Dimensions: [{ Name: "FunctionName", Value: f.name }], Statistic: "Sum", Period: 300, EvaluationPeriods: 1, Threshold: 1, ComparisonOperator: "GreaterThanOrEqualToThreshold" }
    );
  }
  for (const table of l.tables) {
    const id = `Limit${alnum(table)}${hash("table", table)}`;
    for (const [kind, Kind] of [["read", "Read"], ["write", "Write"]]) {
      resources[`${id}${Kind}Capacity`] = alarm(
        `${inAlarmName(table)}-${kind}-capacity`,
        `DynamoDB ${table}: consumed ${kind} capacity reached ${share} of what is provisioned - requests will be throttled at 100 %.`,
        {
          Metrics: [
            metric("consumed", "AWS/DynamoDB", `Consumed${Kind}CapacityUnits`, ["TableName", table], "Sum"),
            metric("provisioned", "AWS/DynamoDB", `Provisioned${Kind}CapacityUnits`, ["TableName", table], "Average"),
            { Id: "used", Expression: "consumed / PERIOD(consumed) / provisioned", Label: `${table} consumed / provisioned ${kind} capacity`, ReturnData: true }
          ],
          Threshold: l.threshold,
          EvaluationPeriods: 3,
          DatapointsToAlarm: 2,
          ComparisonOperator: "GreaterThanOrEqualToThreshold"
        }
      );
    }
    resources[`${id}Throttles`] = alarm(
      `${inAlarmName(table)}-throttles`,
      `DynamoDB ${table} throttled read or write requests: it is at its capacity.`,
      {
        Metrics: [
          metric("reads", "AWS/DynamoDB", "ReadThrottleEvents", ["TableName", table], "Sum"),
          metric("writes", "AWS/DynamoDB", "WriteThrottleEvents", ["TableName", table], "Sum"),
          { Id: "throttled", Expression: "FILL(reads, 0) + FILL(writes, 0)", Label: `${table} throttled reads and writes`, ReturnData: true }
        ],
        Threshold: 1,
        EvaluationPeriods: 1,
        ComparisonOperator: "GreaterThanOrEqualToThreshold"
      }
    );
  }
  return resources;
}
function watchStackTemplate(config) {
  const logs = resolveLogWatches(config);
  const limits = resolveLimitWatches(config);
  const resources = { ...logWatchResources(logs), ...limitResources(limits) };
  const empty = Object.keys(resources).length === 0;
  const alarms = limits.functions.length + limits.tables.length > 0;
  return {
    AWSTemplateFormatVersion: "2010-09-09",
    Description: `mimamori watches: ${logs.length} log watch(es), limit alarms for ${limits.functions.length} function(s) and ${limits.tables.length} table(s). Generated by mimamori build (and deploy) from the config's logWatches and limitWatches - do not edit.`,
    // The parent passes every parameter; a stack without log watches or limit alarms leaves some unused.
    ...(!logs.length || !alarms) && { Metadata: { "cfn-lint": { config: { ignore_checks: ["W2001"] } } } },
    Parameters: {
      ParentStackName: { Type: "String", Description: "The mimamori stack: names the subscription filters and alarms" },
      LogWatchFunctionArn: { Type: "String", Description: "The log-watch handler the subscription filters deliver to" },
      AlarmTopicArn: { Type: "String", Description: "The stack's AlarmTopic (alarms to Slack)" },
      ExtraAlarmTopicArn: { Type: "String", Default: "", Description: "AlarmTopicArn of the parent: another topic the alarms notify, or empty" }
    },
    ...alarms && { Conditions: { HasExtraAlarmTopic: { "Fn::Not": [{ "Fn::Equals": [ref("ExtraAlarmTopicArn"), ""] }] } } },
    Resources: empty ? { NoWatches: { Type: "AWS::CloudFormation::WaitConditionHandle" } } : resources
  };
}
function watchStackText(config) {
  return `${JSON.stringify(watchStackTemplate(config), null, 2)}
`;
}

// src/build/stack-files.ts
var WATCH_STACK_FILE = "watches.json";
var TEMPLATE_FILE = "template.yaml";
async function writeWatchStack(outDir, config) {
  await mkdir2(outDir, { recursive: true });
  const file = join2(outDir, WATCH_STACK_FILE);
  await writeFile(file, watchStackText(config));
  return file;
}
async function writeTemplate(outDir) {
  await mkdir2(outDir, { recursive: true });
  const file = join2(outDir, TEMPLATE_FILE);
  await copyFile(PACKAGE_TEMPLATE, file);
  return file;
}

// src/build/main.ts
var DEFAULT_BUILD_DIR = ".mimamori/build";
var BUILD_USAGE = `Usage: mimamori build [--out dir] [--config file] [--only runner|dispatcher|alarms|log-watch|layer|watches]

Validates the config and every check, then writes what a deploy needs (default ${DEFAULT_BUILD_DIR}/):
  runner/runner.js          the runner function (stores and alerts; never runs check code)
  runner/worker.js          the worker process it forks, checks compiled in
  dispatcher/dispatcher.js  the one-minute dispatcher, with the checks' schedules
  alarms/alarms.js          the alarm handler: CloudWatch alarms (the stack's AlarmTopic) to Slack threads
  log-watch/log-watch.js    the log-watch handler: lines of the watched log groups matching a watch, to Slack
  layer/                    nodejs/node_modules (playwright-core, playwright, @sparticuz/chromium) and fonts/
  watches.json              the nested stack of log watches and limit alarms, from the config
  template.yaml             the SAM template (mimamori's own), pointing at the folders above
\`mimamori deploy\` builds this and runs \`sam deploy\` on it. With --only, that part alone goes straight into --out.`;
var PARTS = ["runner", "dispatcher", "alarms", "log-watch", "layer", "watches"];
var notBuiltReport = (problems) => problemsReport("Not built", problems);
async function runBuild(options) {
  const { cwd, out, only, stdout, stderr } = options;
  const { config, file: configFile, problems: configProblems } = await loadConfig(cwd, options.configPath);
  const selection = await discover([], cwd, checksDirPath(config.checksDir, configFile, cwd));
  const loaded = await loadChecks(selection.files, config, cwd);
  await stopCompiler();
  const problems = [...configProblems, ...loaded.problems];
  if (problems.length) {
    stderr.write(`${notBuiltReport(problems)}
`);
    return 2;
  }
  const input = { config, configFile, checks: loaded.checks, checkFiles: loaded.checks.map((c) => resolve(cwd, c.file)) };
  const parts = only ? [only] : [...PARTS];
  const dir = (part) => only ? out : join3(out, part);
  if (!only) await rm(out, { recursive: true, force: true });
  try {
    for (const part of parts) {
      if (part === "watches") {
        stdout.write(`watches: ${displayPath(await writeWatchStack(out, config), cwd)} (from the config's logWatches and limitWatches)
`);
      } else if (part === "layer") {
        const layer = await buildLayer(dir(part), fontFiles());
        stdout.write(`layer: ${layer.packages.length} packages, fonts ${layer.fonts.join(", ")} \u2192 ${displayPath(dir(part), cwd)}
`);
      } else if (part === "runner") {
        const files = [await bundleFunction("runner", dir(part), input), await bundleFunction("worker", dir(part), input)];
        stdout.write(`${part}: ${files.join(", ")}
`);
      } else {
        stdout.write(`${part}: ${await bundleFunction(part, dir(part), input)}
`);
      }
    }
  } catch (error) {
    if (error.name !== "BuildRefusedError") throw error;
    stderr.write(`${error.message}
`);
    return 2;
  }
  if (!only) stdout.write(`template: ${displayPath(await writeTemplate(out), cwd)}
`);
  const scheduled = loaded.checks.filter((c) => c.schedule);
  stdout.write(`${loaded.checks.length} checks compiled in; ${scheduled.length} scheduled: ${scheduled.map((c) => `${c.name} ${c.schedule}`).join(", ") || "none"}
`);
  return 0;
}
async function buildMain(argv) {
  let values;
  try {
    ({ values } = parseArgs({ args: argv, strict: true, options: { out: { type: "string" }, only: { type: "string" }, config: { type: "string" }, help: { type: "boolean", short: "h" } } }));
  } catch (error) {
    process.stderr.write(`${error.message}

${BUILD_USAGE}
`);
    return 2;
  }
  if (values.help) return process.stdout.write(`${BUILD_USAGE}
`), 0;
  if (values.only && !PARTS.includes(values.only)) {
    process.stderr.write(`--only must be one of ${PARTS.join(", ")}
`);
    return 2;
  }
  return runBuild({
    cwd: process.cwd(),
    out: resolve(values.out ?? DEFAULT_BUILD_DIR),
    only: values.only,
    configPath: values.config,
    stdout: process.stdout,
    stderr: process.stderr
  });
}

export {
  TEMPLATE_FILE,
  DEFAULT_BUILD_DIR,
  BUILD_USAGE,
  notBuiltReport,
  runBuild,
  buildMain
};
