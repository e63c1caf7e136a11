#!/usr/bin/env node
// The end-to-end tests' runner. Builds nothing: it starts `jobgen serve --port 0` from
// JOBGEN_BIN, or else the newer of target/release/jobgen and target/debug/jobgen, reads the
// address the server prints, runs the test files (node:test, one file at a time) against it,
// and always stops the server with SIGTERM, which must end it with status 0.
//
// Usage: node tests/e2e/run.mjs [TEST FILE...]      (default: every *.test.mjs here)
// Environment: JOBGEN_BIN the binary; CHROMIUM the browser (default /usr/bin/chromium).
// Exit: 0 when every test passed and the server stopped cleanly, 1 otherwise.
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import readline from 'node:readline';
import { fileURLToPath } from 'node:url';
import { NODE_MODULES, moduleProblems } from './modules.mjs';

const here = path.dirname(fileURLToPath(import.meta.url));
const root = path.resolve(here, '../..');
const STARTUP_TIMEOUT_MS = 30_000;
// The server lets requests in flight finish for up to 30 s; the browser is closed by then.
const STOP_TIMEOUT_MS = 40_000;

function fail(message) {
  process.stderr.write(`e2e: ${message}\n`);
  process.exit(1);
}

/** The binary to run: JOBGEN_BIN, or the most recently built of release and debug. */
function binary() {
  if (process.env.JOBGEN_BIN) {
    if (!fs.existsSync(process.env.JOBGEN_BIN)) fail(`JOBGEN_BIN=${process.env.JOBGEN_BIN} does not exist`);
    return path.resolve(process.env.JOBGEN_BIN);
  }
  const built = ['release', 'debug']
    .map((p) => path.join(root, 'target', p, 'jobgen'))
    .filter((p) => fs.existsSync(p))
    .sort((a, b) => fs.statSync(b).mtimeMs - fs.statSync(a).mtimeMs);
  if (!built.length) fail('no jobgen binary: run `cargo build` (or set JOBGEN_BIN)');
  return built[0];
}

/** Starts the server; resolves with the process and the address it printed. */
function start(bin) {
  const server = spawn(bin, ['serve', '--port', '0'], { stdio: ['ignore', 'pipe', 'inherit'] });
  return new Promise((resolve, reject) => {
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      reject(new Error(`the server printed no address within ${STARTUP_TIMEOUT_MS} ms`));
    }, STARTUP_TIMEOUT_MS);
    server.on('error', (e) => { clearTimeout(timer); reject(e); });
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`the server stopped before printing its address (status ${code}, signal ${signal})`));
    });
    const lines = readline.createInterface({ input: server.stdout });
    lines.on('line', (line) => {
      process.stdout.write(`server: ${line}\n`);
      const m = /^jobgen serves (http:\/\/\S+) /.exec(line);
      if (m) {
        clearTimeout(timer);
        server.removeAllListeners('exit');
        resolve({ server, url: m[1] });
      }
    });
  });
}

/** Sends SIGTERM; resolves with a problem (a string) or null when it stopped with status 0. */
function stop(server) {
  if (server.exitCode !== null || server.signalCode !== null) {
    return Promise.resolve(`the server had already stopped (status ${server.exitCode}, signal ${server.signalCode})`);
  }
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      server.kill('SIGKILL');
      resolve(`the server did not stop within ${STOP_TIMEOUT_MS} ms of SIGTERM`);
    }, STOP_TIMEOUT_MS);
    server.on('exit', (code, signal) => {
      clearTimeout(timer);
      resolve(code === 0 ? null : `the server stopped with status ${code}, signal ${signal}`);
    });
    server.kill('SIGTERM');
  });
}

/** Runs the test files in a child node, one file at a time; resolves with its status. */
function runTests(files, env) {
  const args = ['--test', '--test-concurrency=1', '--test-reporter=spec', ...files];
  return new Promise((resolve) => {
    const child = spawn(process.execPath, args, { cwd: here, stdio: 'inherit', env });
    child.on('exit', (code, signal) => resolve(code === null ? `signal ${signal}` : code));
    for (const sig of ['SIGINT', 'SIGTERM']) process.on(sig, () => child.kill(sig));
  });
}

const started = Date.now();
const problems = moduleProblems();
if (problems.length) fail(problems.join('\n'));
const chromiumPath = process.env.CHROMIUM || '/usr/bin/chromium';
if (!fs.existsSync(chromiumPath)) fail(`no Chromium at ${chromiumPath}: apt-get install chromium (or set CHROMIUM)`);
const bin = binary();
const files = process.argv.slice(2).length
  ? process.argv.slice(2).map((f) => path.resolve(f))
  : fs.readdirSync(here).filter((f) => f.endsWith('.test.mjs')).sort().map((f) => path.join(here, f));
process.stdout.write(`e2e: ${bin} in ${chromiumPath}, modules from ${NODE_MODULES}\n`);
let server, url;
try {
  ({ server, url } = await start(bin));
} catch (e) {
  fail(String(e.message || e));
}
let status;
try {
  status = await runTests(files, { ...process.env, JOBGEN_URL: url, JOBGEN_BIN: bin });
} finally {
  const problem = await stop(server);
  if (problem) {
    process.stderr.write(`e2e: ${problem}\n`);
    status = status || 1;
  } else {
    process.stdout.write('e2e: the server stopped on SIGTERM with status 0\n');
  }
}
process.stdout.write(`e2e: ${status === 0 ? 'passed' : 'FAILED'} in ${((Date.now() - started) / 1000).toFixed(1)} s\n`);
process.exit(status === 0 ? 0 : 1);
