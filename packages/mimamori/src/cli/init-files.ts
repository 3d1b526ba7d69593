// The text of each file `mimamori init` writes into a user's repo: the config, the example check, .env.example and
// the GitHub Actions workflow. Pure: what is written where, and whether, is init.ts's business.
import { execCommand, installCommand, type PackageManager } from './package-manager.ts';

export interface ConfigInput {
  /** The site's URL, when known (--url, BASE_URL, or the answer to the prompt). */
  url?: string;
  stackName: string;
  /** AWS_REGION or AWS_DEFAULT_REGION at init; without one, sam deploy takes the profile's region. */
  region?: string;
}

const quote = (s: string) => `'${s.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;

export function configText({ url, stackName, region }: ConfigInput): string {
  // A literal, not process.env: BASE_URL wins over it anyway (an empty one does not), and a config that names
  // `process` would not typecheck in a project whose tsconfig has no Node types.
  const baseURL = url
    ? `  // The site the checks visit. BASE_URL (the environment, or .env) wins: point the same checks at a preview.
  baseURL: ${quote(url)},`
    : `  // The site the checks visit: set BASE_URL (the environment, or .env beside this file), or write it here — the
  // deployed monitor has no BASE_URL of its own, so it needs it written here.
  // baseURL: 'https://www.example.com',`;
  const regionLine = region
    ? `    region: ${quote(region)},`
    : `    // region: 'ap-northeast-1', // default: AWS_REGION, else your AWS profile's region`;
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

/** Passes against any site that answers `/` with a page: a start to copy for each journey worth watching. */
export const EXAMPLE_CHECK = `// An example check: the home page answers and shows a page. Copy it for each journey worth watching (log in, search,
// check out) — each step is timed and named in the report, and a failing step's screenshot shows what a user saw.
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

export function envExampleText(url?: string): string {
  return `# Copy to .env (kept out of git) for local runs: mimamori reads .env beside mimamori.config.ts before a run, and
# a variable already set in the environment wins. In CI, set these as the job's environment instead.

# The site the checks visit (wins over baseURL in mimamori.config.ts), e.g. a preview deployment.
${url ? `BASE_URL=${url}` : '# BASE_URL=https://shop.example.com'}

# Alerts in Slack with the screenshot: a bot token (scopes chat:write, files:write) and a channel the bot is in.
# Without a token, nothing is sent.
# SLACK_BOT_TOKEN=xoxb-...
# SLACK_CHANNEL=#alerts
`;
}

/** The steps that make the package manager itself available, before setup-node (whose cache needs it). */
function managerSetup(pm: PackageManager): string {
  switch (pm.name) {
    case 'pnpm':
      // pnpm/action-setup reads the version from packageManager in package.json; without the field it needs one.
      return `      - uses: pnpm/action-setup@v4${pm.version ? '' : `\n        with:\n          version: 10`}\n`;
    case 'bun':
      return '      - uses: oven-sh/setup-bun@v2\n';
    case 'yarn':
      return '      - run: corepack enable\n';
    default:
      return '';
  }
}

/** setup-node's dependency cache: npm's needs a lockfile (it fails without one), pnpm's its store. */
function nodeCache(pm: PackageManager, installDir: string): string {
  if (!pm.lockfile || (pm.name !== 'npm' && pm.name !== 'pnpm')) return '';
  return `\n          cache: ${pm.name}${installDir ? `\n          cache-dependency-path: ${installDir}/${pm.lockfile}` : ''}`;
}

/** Where the workflow's steps run, from the repository's root ('' is the root itself: GitHub reads workflows there). */
export interface WorkflowDirs {
  /** The folder with mimamori.config.ts and package.json (a monorepo's app). */
  app: string;
  /** The folder the install runs in: where the lockfile is (a monorepo's workspace root), else the app's. */
  install: string;
}

const inDir = (dir: string) => (dir ? `\n        working-directory: ${dir}` : '');

export function workflowText(pm: PackageManager, dirs: WorkflowDirs = { app: '', install: '' }): string {
  const check = execCommand(pm.name, 'mimamori check --junit mimamori-results/junit.xml');
  const results = `${dirs.app ? `${dirs.app}/` : ''}mimamori-results/`;
  return `# mimamori: runs the checks on every pull request (and by hand) and keeps the HTML report as an artifact.
# The site they visit, BASE_URL, is the \`base_url\` input of a manual run (Actions → mimamori → Run workflow), else
# the repository variable MIMAMORI_BASE_URL (Settings → Secrets and variables → Actions → Variables), else baseURL in
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
