// Benchmark of the built Lambda runner on this machine: a cold invocation (inflate + launch + run) and warm ones,
// against the check's own journey time, storing to S3 (s3rver on loopback). `npm run bench:lambda`.
// The runner takes runs from the run queue only: each invocation is an SQS event of one record (as the event source
// mapping delivers a RunQueue message), and the run's status and journey time are read from the runner's structured
// "check <status>" log line (logRun), as CloudWatch shows it; its answer only lists the records that failed.
import { spawn, spawnSync } from 'node:child_process';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import S3rver from 's3rver';

const ROOT = fileURLToPath(new URL('..', import.meta.url));
const BUILD = join(ROOT, 'bench/results/lambda-build');
const WARM = Number(process.env.BENCH_WARM ?? 8);
const PORT = 3298;
const CHECK = 'homepage';

/** An SQS event of one record: the body is a run request, as the dispatcher enqueues a scheduled run. */
const sqsEvent = (i) => ({
  Records: [{
    messageId: `bench-${i}`, eventSource: 'aws:sqs', attributes: { MessageGroupId: 'bench' },
    body: JSON.stringify({ check: CHECK, scheduledAt: new Date(Math.floor(Date.now() / 60_000) * 60_000).toISOString() }),
  }],
});

/** One invocation's outcome from its logs: the wall time, and the status and journey time of its one run line. */
function outcome(invocation, i) {
  const what = i === 0 ? 'the cold invocation' : `warm invocation ${i}`;
  if (invocation.error) throw new Error(`${what} was refused: ${invocation.error.errorType}: ${invocation.error.errorMessage}`);
  const lines = invocation.logs.filter((l) => l.startsWith('{')).flatMap((l) => { try { return [JSON.parse(l)]; } catch { return []; } });
  const failed = invocation.answer?.batchItemFailures ?? [];
  if (failed.length) throw new Error(`${what} failed its record (the runner crashed):\n${lines.filter((l) => l.message === 'runner crashed').map((l) => JSON.stringify(l.error)).join('\n')}`);
  const runs = lines.filter((l) => typeof l.message === 'string' && /^check (passed|failed|degraded)$/.test(l.message) && l.check === CHECK);
  if (runs.length !== 1) throw new Error(`${what}: expected one "check <status>" log line for ${CHECK}, found ${runs.length}:\n${invocation.logs.join('\n').slice(-3000)}`);
  return { ms: invocation.ms, status: runs[0].status, durationMs: runs[0].durationMs };
}

const built = spawnSync(process.execPath, [join(ROOT, 'bin/mimamori.js'), 'build', '--out', BUILD], { cwd: join(ROOT, '../../examples/shop'), encoding: 'utf8' });
if (built.status !== 0) throw new Error(built.stderr || built.stdout);

const demo = spawn(process.execPath, ['demo/server.mjs'], { cwd: join(ROOT, '../../examples/shop'), env: { ...process.env, PORT: String(PORT) }, stdio: 'ignore' });
const s3 = new S3rver({ port: 0, address: '127.0.0.1', silent: true, directory: mkdtempSync(join(tmpdir(), 'bench-s3-')), configureBuckets: [{ name: 'bench' }] });
const { port: s3Port } = await s3.run();
try {
  for (let i = 0; i < 100 && !(await fetch(`http://127.0.0.1:${PORT}/api/health`).then((r) => r.ok, () => false)); i++) await new Promise((r) => setTimeout(r, 50));
  const invocations = Array.from({ length: WARM + 1 }, (_, i) => ({ event: sqsEvent(i), timeoutMs: 120_000 }));
  const child = spawn(process.execPath, [join(ROOT, 'test/helpers/lambda-invoke.cjs'), join(BUILD, 'runner/runner.js'), JSON.stringify(invocations)], {
    env: {
      ...process.env,
      NODE_PATH: join(BUILD, 'layer/nodejs/node_modules'), MIMAMORI_LAYER_FONTS: join(BUILD, 'layer/fonts'),
      TMPDIR: mkdtempSync(join(tmpdir(), 'bench-lambda-tmp-')), // fresh: the first invocation inflates Chromium
      AWS_LAMBDA_FUNCTION_NAME: 'bench-runner', BASE_URL: `http://127.0.0.1:${PORT}`,
      // No Slack (whatever this shell has): the bench measures the run, not whether an alert goes out.
      SLACK_BOT_TOKEN: '', SLACK_TOKEN_PARAMETER: '',
      // The run lines are info level, one JSON object a line: whatever this shell asks of Powertools.
      POWERTOOLS_LOG_LEVEL: 'INFO', AWS_LAMBDA_LOG_LEVEL: '', POWERTOOLS_DEV: '',
      MIMAMORI_S3_BUCKET: 'bench', AWS_ENDPOINT_URL_S3: `http://127.0.0.1:${s3Port}`, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1',
    },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  let stdout = '';
  let stderr = '';
  child.stdout.on('data', (d) => (stdout += d));
  child.stderr.on('data', (d) => (stderr += d));
  const code = await new Promise((r) => child.on('close', r));
  if (code !== 0 || !stdout.includes('@@RESULT@@')) throw new Error(`the invocations failed (exit ${code}):\n${stderr.slice(-3000)}`);
  if (process.env.BENCH_TRACE) console.log(stderr.split('\n').filter((l) => /^[TA] /.test(l)).join(' | '));
  const runs = JSON.parse(stdout.slice(stdout.lastIndexOf('@@RESULT@@') + 10)).map(outcome);
  const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
  const [cold, ...warm] = runs;
  const overhead = warm.map((r) => r.ms - r.durationMs);
  console.log(`Built runner, check "${CHECK}" against the demo site, S3 on loopback (${WARM} warm invocations):`);
  console.log(`  cold invocation (inflate + launch + run + store)  ${cold.ms} ms   (journey ${cold.durationMs} ms)`);
  console.log(`  warm invocation, median                          ${median(warm.map((r) => r.ms))} ms   (journey ${median(warm.map((r) => r.durationMs))} ms)`);
  console.log(`  warm overhead over the journey, median           ${median(overhead)} ms   (target ≤ 100 ms, issue 22) ${median(overhead) <= 100 ? 'met' : 'MISSED'}`);
  console.log(`  statuses: ${runs.map((r) => r.status).join(', ')}`);
} finally {
  demo.kill();
  await s3.close();
}
