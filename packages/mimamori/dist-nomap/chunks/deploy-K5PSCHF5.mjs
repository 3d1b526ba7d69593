import {
  DEFAULT_BUILD_DIR,
  TEMPLATE_FILE,
  runBuild
} from "./chunk-JCJTGPDG.mjs";
import "./chunk-UJ7GGTYF.mjs";
import {
  problemsReport
} from "./chunk-Z6GCPU25.mjs";
import "./chunk-TCTICCER.mjs";
import "./chunk-3HTYQUIR.mjs";
import "./chunk-2I6LHTXW.mjs";
import "./chunk-NJ6TXVNI.mjs";
import {
  loadConfig
} from "./chunk-Q5KG2DBG.mjs";
import "./chunk-XH4PHW73.mjs";
import {
  REGION,
  STACK_NAME,
  stopCompiler
} from "./chunk-7MRTGN4J.mjs";
import "./chunk-PGIEQVW4.mjs";

// src/cli/deploy.ts
import { spawn as spawnChild } from "node:child_process";
import { existsSync as existsSync2 } from "node:fs";
import { homedir } from "node:os";
import { isAbsolute, join as join2, relative } from "node:path";
import { parseArgs } from "node:util";

// src/cli/deploy-prerequisites.ts
import { accessSync, constants, existsSync, readFileSync, statSync } from "node:fs";
import { delimiter, join } from "node:path";
var SAM_INSTALL_URL = "https://docs.aws.amazon.com/serverless-application-model/latest/developerguide/install-sam-cli.html";
function findOnPath(name, env = process.env, platform = process.platform) {
  const endings = platform === "win32" ? ["", ...(env.PATHEXT ?? ".EXE;.CMD;.BAT").split(";").filter(Boolean)] : [""];
  for (const dir of (env.PATH ?? env.Path ?? "").split(platform === "win32" ? ";" : delimiter).filter(Boolean)) {
    for (const ending of endings) {
      const file = join(dir, name + ending);
      try {
        if (!statSync(file).isFile()) continue;
        if (platform !== "win32") accessSync(file, constants.X_OK);
        return file;
      } catch {
      }
    }
  }
  return void 0;
}
function sections(file) {
  if (!existsSync(file)) return [];
  try {
    return [...readFileSync(file, "utf8").matchAll(/^\s*\[([^\]\r\n]+)\]/gm)].map((m) => m[1].trim());
  } catch {
    return [];
  }
}
function findAwsCredentials(profile, env, home) {
  const credentialsFile = env.AWS_SHARED_CREDENTIALS_FILE || join(home, ".aws", "credentials");
  const configFile = env.AWS_CONFIG_FILE || join(home, ".aws", "config");
  const inFiles = (name) => {
    if (sections(credentialsFile).includes(name)) return credentialsFile;
    const inConfig = sections(configFile);
    return inConfig.includes(`profile ${name}`) || name === "default" && inConfig.includes("default") ? configFile : void 0;
  };
  if (profile) {
    const file2 = inFiles(profile);
    return file2 ? { found: `profile ${profile} (${file2})` } : { missing: `the profile '${profile}' is in neither ${credentialsFile} nor ${configFile} (aws configure --profile ${profile}, or aws configure sso)` };
  }
  if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) return { found: "AWS_ACCESS_KEY_ID in the environment" };
  if (env.AWS_WEB_IDENTITY_TOKEN_FILE && env.AWS_ROLE_ARN) return { found: `the web identity token for ${env.AWS_ROLE_ARN}` };
  if (env.AWS_CONTAINER_CREDENTIALS_RELATIVE_URI || env.AWS_CONTAINER_CREDENTIALS_FULL_URI) return { found: "the container credentials" };
  const file = inFiles("default");
  if (file) return { found: `the default profile (${file})` };
  return {
    missing: "none found: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY, or configure a profile (aws configure, or aws configure sso) and name it with deploy.profile in the config, --profile or AWS_PROFILE (on an EC2 instance or a runner with an instance role: a profile in ~/.aws/config with credential_source = Ec2InstanceMetadata)"
  };
}

// src/cli/sam-deploy-command.ts
var CAPABILITIES = ["CAPABILITY_IAM", "CAPABILITY_AUTO_EXPAND"];
function deploySettings(flags, config = {}, env = {}) {
  if (flags.stackName !== void 0 && !STACK_NAME.test(flags.stackName)) {
    return { error: `--stack-name must be a CloudFormation stack name (a letter, then letters, digits and -, at most 128 characters), got ${JSON.stringify(flags.stackName)}` };
  }
  if (flags.region !== void 0 && !REGION.test(flags.region)) return { error: `--region must be an AWS region like 'ap-northeast-1', got ${JSON.stringify(flags.region)}` };
  if (flags.profile === "") return { error: "--profile needs a profile name" };
  const stackName = flags.stackName ?? config.stackName;
  if (!stackName) {
    return { error: "No stack name: set deploy.stackName in the config (e.g. deploy: { stackName: 'mimamori-prod' }) or pass --stack-name <name>." };
  }
  return {
    stackName,
    region: flags.region ?? config.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || void 0),
    profile: flags.profile ?? config.profile ?? (env.AWS_PROFILE || void 0),
    s3Bucket: config.s3Bucket,
    parameters: Object.fromEntries(Object.entries(config.parameters ?? {}).map(([k, v]) => [k, String(v)])),
    tags: { ...config.tags },
    guided: flags.guided ?? false
  };
}
var pair = ([key, value]) => `${key}=${/[\s"'\\]/.test(value) || value === "" ? `"${value.replace(/["\\]/g, "\\$&")}"` : value}`;
function samDeployArgs(settings, templateFile, samconfigFile) {
  const params = Object.entries(settings.parameters);
  const tags = Object.entries(settings.tags);
  return [
    "deploy",
    "--template-file",
    templateFile,
    "--stack-name",
    settings.stackName,
    ...settings.region ? ["--region", settings.region] : [],
    ...settings.profile ? ["--profile", settings.profile] : [],
    "--capabilities",
    ...CAPABILITIES,
    ...settings.s3Bucket ? ["--s3-bucket", settings.s3Bucket] : ["--resolve-s3"],
    ...params.length ? ["--parameter-overrides", ...params.map(pair)] : [],
    ...tags.length ? ["--tags", ...tags.map(pair)] : [],
    "--no-fail-on-empty-changeset",
    ...samconfigFile ? ["--config-file", samconfigFile] : [],
    ...settings.guided ? ["--guided"] : []
  ];
}
var shellQuote = (arg) => /^[A-Za-z0-9_@%+=:,./-]+$/.test(arg) ? arg : `'${arg.replace(/'/g, `'\\''`)}'`;
var commandLine = (argv) => argv.map(shellQuote).join(" ");

// src/cli/deploy.ts
var DEPLOY_USAGE = `Usage: mimamori deploy [--dry-run] [--guided] [--stack-name name] [--region region] [--profile profile] [--config file]

Validates and builds the project into ${DEFAULT_BUILD_DIR}/ (the Lambda bundles, the Chromium layer, mimamori's SAM
template and the watch stack from the config), then runs \`sam deploy\` on it. The stack name, region, profile, S3
bucket, template parameters and tags come from the config's deploy section; the flags win over it, and it wins over
AWS_REGION and AWS_PROFILE.

Needs the AWS SAM CLI (\`sam\` on PATH: ${SAM_INSTALL_URL})
and AWS credentials (AWS_ACCESS_KEY_ID/AWS_SECRET_ACCESS_KEY, a profile, SSO, a web identity or container credentials).
On Windows, run it in WSL (the SAM CLI's sam.cmd is not started from here).

Options:
  --dry-run            build and print the exact \`sam deploy\` command; talk to no AWS service (needs neither)
  --guided             let sam ask for every setting (the first deploy); its answers go to .mimamori/samconfig.toml,
                       which later deploys read (the flags and the config still win)
  --stack-name <name>  the CloudFormation stack (default: deploy.stackName)
  --region <region>    e.g. ap-northeast-1 (default: deploy.region, else AWS_REGION)
  --profile <profile>  an AWS profile (default: deploy.profile, else AWS_PROFILE)
  --config <file>      config file (default: mimamori.config.ts)
  -h, --help           show this help

Exit code: sam deploy's own; 2 a usage, config or build problem, or no SAM CLI or credentials (nothing sent).`;
var spawnInherited = (command, args, options) => new Promise((resolve) => {
  const child = spawnChild(command, args, { ...options, stdio: "inherit" });
  child.on("error", (error) => {
    process.stderr.write(`mimamori: could not run ${command}: ${error.message}
`);
    resolve(2);
  });
  child.on("exit", (code, signal) => resolve(code ?? (signal === "SIGINT" ? 130 : 1)));
});
var SAMCONFIG_FILE = ".mimamori/samconfig.toml";
async function deployMain(argv, io = {}) {
  const { cwd = process.cwd(), env = process.env, home = homedir(), stdout = process.stdout, stderr = process.stderr } = io;
  const which = io.which ?? ((name) => findOnPath(name, env));
  let values;
  try {
    ({ values } = parseArgs({
      args: argv,
      strict: true,
      options: {
        "dry-run": { type: "boolean" },
        guided: { type: "boolean" },
        "stack-name": { type: "string" },
        region: { type: "string" },
        profile: { type: "string" },
        config: { type: "string" },
        help: { type: "boolean", short: "h" }
      }
    }));
    if (values.config === "") throw new Error("--config needs a path");
  } catch (error) {
    stderr.write(`${error.message}

${DEPLOY_USAGE}
`);
    return 2;
  }
  if (values.help) return stdout.write(`${DEPLOY_USAGE}
`), 0;
  const dryRun = values["dry-run"] ?? false;
  const { config, problems } = await loadConfig(cwd, values.config).finally(stopCompiler);
  if (problems.length) {
    stderr.write(`${problemsReport("Not deployed", problems)}
`);
    return 2;
  }
  const settings = deploySettings({ stackName: values["stack-name"], region: values.region, profile: values.profile, guided: values.guided }, config.deploy, env);
  if ("error" in settings) {
    stderr.write(`Not deployed: ${settings.error}
`);
    return 2;
  }
  let sam = "sam";
  if (!dryRun) {
    const found = which("sam");
    const credentials = findAwsCredentials(settings.profile, env, home);
    const missing = [
      ...found ? [] : [`the AWS SAM CLI: \`sam\` is not on PATH. Install it (${SAM_INSTALL_URL}) and run this again.`],
      ..."missing" in credentials ? [`AWS credentials: ${credentials.missing}.`] : []
    ];
    if (missing.length) {
      stderr.write(`Not deployed: mimamori deploy needs ${missing.length === 1 ? missing[0] : `
${missing.map((m) => `  - ${m}`).join("\n")}`}
Nothing was built or sent. \`mimamori deploy --dry-run\` builds and prints the sam deploy command without either.
`);
      return 2;
    }
    sam = found;
    if ("found" in credentials) stdout.write(`AWS credentials: ${credentials.found}
`);
  }
  const out = join2(cwd, DEFAULT_BUILD_DIR);
  const built = await runBuild({ cwd, out, configPath: values.config, stdout, stderr });
  if (built !== 0) return built;
  const path = (file) => relative(cwd, file).startsWith("..") || isAbsolute(relative(cwd, file)) ? file : relative(cwd, file);
  const samconfig = join2(cwd, SAMCONFIG_FILE);
  const args = samDeployArgs(settings, path(join2(out, TEMPLATE_FILE)), settings.guided || existsSync2(samconfig) ? samconfig : void 0);
  if (dryRun) {
    stdout.write(`Dry run: built ${DEFAULT_BUILD_DIR}/ (template.yaml, watches.json, the bundles and the layer); nothing was sent to AWS. To deploy, run:
`);
    stdout.write(`${commandLine(["sam", ...args])}
`);
    return 0;
  }
  stdout.write(`Running: ${commandLine(["sam", ...args])}
`);
  return (io.spawn ?? spawnInherited)(sam, args, { cwd, env });
}
export {
  DEPLOY_USAGE,
  SAMCONFIG_FILE,
  deployMain
};
