// The all-in-one as the benchmarks run it: the built dist/apps/meridian in a process of its own,
// CWMP on `port` and the NBI on `port + 1` (loopback), its data in a temporary directory, an
// admin API key and connection request credentials the simulators share.
import { spawn } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import net from 'node:net';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '..');

export const BENCH_KEY = 'bench-admin-key-0123456789';
export const BENCH_CR = { username: 'cr', password: 'cr-secret' };

const sleep = (ms) => new Promise((r) => setTimeout(r, ms));

async function waitForPort(port, gone) {
  for (let i = 0; i < 600 && !gone(); i++) {
    const open = await new Promise((resolve) => {
      const s = net.connect(port, '127.0.0.1', () => {
        s.end();
        resolve(true);
      });
      s.once('error', () => resolve(false));
    });
    if (open) return;
    await sleep(100);
  }
  throw new Error(`port ${port} never opened`);
}

/**
 * Starts the all-in-one and resolves once both its ports accept connections. `env` adds to or
 * overrides the defaults; `onStderrLine`, when given, receives its log lines instead of this
 * process's stderr. `stop()` ends it (SIGTERM, waiting for the exit) and removes its data.
 */
export async function startAllInOne({ name, port, env = {}, onStderrLine }) {
  const dataDir = mkdtempSync(path.join(os.tmpdir(), `meridian-${name}-bench-`));
  const server = spawn(process.execPath, ['dist/apps/meridian/src/main.js'], {
    cwd: root,
    env: {
      ...process.env,
      MERIDIAN_DATA_DIR: dataDir,
      MERIDIAN_CWMP_HOST: '127.0.0.1',
      MERIDIAN_CWMP_PORT: String(port),
      MERIDIAN_NBI_PORT: String(port + 1),
      MERIDIAN_FILES_PORT: '0',
      MERIDIAN_NBI_API_KEYS: `bench:admin:${BENCH_KEY}`,
      MERIDIAN_CR_USERNAME: BENCH_CR.username,
      MERIDIAN_CR_PASSWORD: BENCH_CR.password,
      MERIDIAN_LOG_LEVEL: 'warn',
      ...env,
    },
    stdio: ['ignore', 'inherit', onStderrLine ? 'pipe' : 'inherit'],
  });
  if (onStderrLine) {
    let partial = '';
    server.stderr.setEncoding('utf8').on('data', (chunk) => {
      const lines = (partial + chunk).split('\n');
      partial = lines.pop();
      lines.forEach(onStderrLine);
    });
  }
  let exited = false;
  server.once('exit', () => (exited = true));
  const stop = async () => {
    if (!exited) {
      const gone = new Promise((r) => server.once('exit', r));
      server.kill('SIGTERM');
      await gone;
    }
    rmSync(dataDir, { recursive: true, force: true });
  };
  try {
    await waitForPort(port, () => exited);
    await waitForPort(port + 1, () => exited);
  } catch (error) {
    await stop();
    throw error;
  }
  return {
    pid: server.pid,
    cwmpUrl: `http://127.0.0.1:${port}/`,
    nbi: `http://127.0.0.1:${port + 1}`,
    stop,
  };
}
