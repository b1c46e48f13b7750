import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import * as net from 'node:net';
import { join, resolve } from 'node:path';
import { eventually } from './gateway-harness';

/** Gateway processes of the built entry point, for tests of what crosses process boundaries. */
export const GATEWAY_MAIN = join(
  resolve(__dirname, '../../../..'),
  'dist/apps/cwmp-gateway/src/main.js',
);
export const REDIS_URL = process.env.MERIDIAN_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BROKERS = (process.env.MERIDIAN_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');

export function assertBuilt(): void {
  if (!existsSync(GATEWAY_MAIN)) {
    throw new Error(`${GATEWAY_MAIN} is missing: run "npm run build" (npm test does it)`);
  }
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

/** Starts the gateway entry point and resolves once its CWMP port accepts connections. */
export async function startGatewayProcess(
  name: string,
  env: Record<string, string>,
): Promise<ChildProcess> {
  const child = spawn(process.execPath, [GATEWAY_MAIN], {
    env: { ...process.env, ...env, MERIDIAN_GATEWAY_ID: name },
    stdio: ['ignore', 'inherit', 'inherit'],
  });
  const port = Number(env.MERIDIAN_CWMP_PORT);
  await eventually(
    () =>
      new Promise<boolean>((done) => {
        const s = net.connect(port, '127.0.0.1', () => done(s.end() !== undefined));
        s.once('error', () => done(false));
      }),
    60_000,
  );
  return child;
}

export async function stop(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise((r) => child.once('exit', r));
  child.kill('SIGTERM');
  await exited;
}
