#!/usr/bin/env node
// The CLI as installed: runs the built dist/cli.mjs (npm run build wrote it before packing). Says plainly when the Node
// is older than the package supports, before anything fails in a stranger way.
const [major, minor] = process.versions.node.split('.').map(Number);
if (major < 22 || (major === 22 && minor < 17)) {
  process.stderr.write(`mimamori needs Node 22.17 or newer (this is Node ${process.versions.node}): install a current Node LTS, e.g. from https://nodejs.org\n`);
  process.exit(2);
}
// A check run's first worker starts now, while the CLI bundle loads (dist/early.mjs; the run adopts it).
const { startEarly } = await import('../dist/early.mjs');
startEarly(process.argv.slice(2));
await import('../dist/cli.mjs');
