import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as net from 'node:net';
import { join, resolve } from 'node:path';

/**
 * Test helpers: what crosses process boundaries (built entry points run as real processes), and
 * what unit tests share.
 */

export * from './servers';
export * from './balancer';
export * from './kafka';
export * from './file-server';
export * from './pki';
export * from './prng';
export * from './rpcs';
export * from './messages';

export const REPO_ROOT = resolve(__dirname, '../../..');

/** The built entry point of an app: dist/apps/<app>/src/main.js. */
export function builtMain(app: string): string {
  const main = join(REPO_ROOT, 'dist/apps', app, 'src/main.js');
  if (!existsSync(main))
    throw new Error(`${main} is missing: run "npm run build" (npm test does it)`);
  return main;
}

/** Polls `check` every 10 ms until it holds; throws after `timeoutMs`. */
export async function eventually(
  check: () => boolean | Promise<boolean>,
  timeoutMs = 2000,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/**
 * A campaign window in UTC open from an hour ago to two hours from now, whatever the time of day:
 * a fixed 00:00–23:59 is shut from 23:59 to midnight, and a test run then waits for it.
 */
export function openWindowUtc(): { start: string; end: string; timeZone: 'UTC' } {
  const hhmm = (offsetMs: number): string =>
    new Date(Date.now() + offsetMs).toISOString().slice(11, 16);
  return { start: hhmm(-3_600_000), end: hhmm(7_200_000), timeZone: 'UTC' };
}

export function freePort(): Promise<number> {
  return new Promise((done, fail) => {
    const server = net.createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const { port } = server.address() as net.AddressInfo;
      server.close(() => done(port));
    });
  });
}

const accepts = (port: number): Promise<boolean> =>
  new Promise((done) => {
    const s = net.connect(port, '127.0.0.1', () => done(s.end() !== undefined));
    s.once('error', () => done(false));
  });

/**
 * Starts `node <main>` with `env` added, and resolves once `port` accepts connections (or at
 * once when there is none to wait for).
 */
export async function startProcess(
  main: string,
  env: Record<string, string>,
  port?: number,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [main], {
    // Unless the test says otherwise: an ephemeral ops port (/metrics, /health), as processes
    // run side by side, and a short drain, so a session a test left open does not hold teardown.
    env: { ...process.env, MERIDIAN_OPS_PORT: '0', MERIDIAN_DRAIN_TIMEOUT_MS: '2000', ...env },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  if (port !== undefined) {
    await eventually(async () => {
      if (child.exitCode !== null) throw new Error(`${main} exited with ${child.exitCode}`);
      return accepts(port);
    }, 60_000);
  }
  return child;
}

/** Longer than a service's own shutdown under load (Kafka consumers leaving their groups). */
const STOP_GRACE_MS = 45_000;

/**
 * SIGTERM, then waits for the exit (the process flushes and closes what it holds); SIGKILL if it
 * has not exited after STOP_GRACE_MS, so a service stuck in a handler cannot hang a test's teardown.
 */
export async function stopProcess(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  const timer = setTimeout(() => child.kill('SIGKILL'), STOP_GRACE_MS);
  await exited;
  clearTimeout(timer);
}

/** A JSON reply of the NBI: the status and the parsed body (null for 204). */
export interface NbiReply {
  status: number;
  // eslint-disable-next-line @typescript-eslint/no-explicit-any -- tests assert bodies by shape
  json: any;
}

/** Calls the NBI at `base` with an API key, sending and reading JSON. */
export const nbiClient =
  (base: string, apiKey: string) =>
  async (method: string, path: string, body?: unknown): Promise<NbiReply> => {
    const res = await fetch(base + path, {
      method,
      headers: {
        authorization: `Bearer ${apiKey}`,
        ...(body ? { 'content-type': 'application/json' } : {}),
      },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, json: res.status === 204 ? null : await res.json() };
  };
export * from './usp-controller';
