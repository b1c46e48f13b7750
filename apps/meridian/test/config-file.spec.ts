import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { deviceIdOf, encodeEnvelope, type DeviceIdStruct } from '@meridian/cwmp';
import { signedFileUrl } from '@meridian/firmware';
import { builtMain, eventually, freePort, nbiClient, stopProcess } from '@meridian/testing';

const KEY = 'yaml-admin-key-0123456789';
const device = (serialNumber: string): DeviceIdStruct => ({
  manufacturer: 'Acme',
  oui: '00D09E',
  productClass: 'HGW',
  serialNumber,
});
const inform = (serialNumber: string, padding = 0): Buffer =>
  Buffer.from(
    encodeEnvelope({
      cwmpVersion: '1-0',
      header: { id: 'inform-1' },
      body: {
        name: 'Inform',
        deviceId: device(serialNumber),
        event: [{ eventCode: '2 PERIODIC', commandKey: '' }],
        maxEnvelopes: 1,
        currentTime: '2026-12-05T07:00:00Z',
        retryCount: 0,
        parameterList:
          padding === 0
            ? []
            : [
                {
                  name: 'Device.DeviceInfo.Description',
                  value: 'x'.repeat(padding),
                  type: 'xsd:string',
                },
              ],
      },
    }),
  );

const basic = (user: string, password: string) =>
  `Basic ${Buffer.from(`${user}:${password}`).toString('base64')}`;

/** Starts the built app in `cwd` (so ./meridian.yaml is its own); output kept for assertions. */
function start(app: string, cwd: string, env: Record<string, string> = {}) {
  const child = spawn(process.execPath, [builtMain(app)], {
    cwd,
    env: { ...process.env, MERIDIAN_OPS_PORT: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const output = { text: '' };
  child.stdout?.on('data', (chunk) => (output.text += String(chunk)));
  child.stderr?.on('data', (chunk) => (output.text += String(chunk)));
  const exited = new Promise<number | null>((resolve) => child.once('exit', resolve));
  return { child, output, exited };
}

/**
 * The all-in-one as an operator runs it: a meridian.yaml in its working directory, a password in
 * a secret file, one setting overridden by the environment.
 */
describe('all-in-one started from meridian.yaml', () => {
  let dir: string;
  let meridian: ChildProcess;
  let filePort: number;
  let cwmpPort: number;
  let nbiPort: number;

  const post = (port: number, body: Buffer, authorization?: string) =>
    fetch(`http://127.0.0.1:${port}/`, {
      method: 'POST',
      headers: { 'content-type': 'text/xml', ...(authorization ? { authorization } : {}) },
      body,
    });

  beforeAll(async () => {
    dir = mkdtempSync(join(tmpdir(), 'meridian-yaml-'));
    [filePort, cwmpPort, nbiPort] = [await freePort(), await freePort(), await freePort()];
    const secret = join(dir, 'cwmp-password');
    writeFileSync(secret, 'from-a-secret-file\n', { mode: 0o600 });
    writeFileSync(
      join(dir, 'meridian.yaml'),
      [
        'cwmp:',
        '  host: 127.0.0.1',
        `  port: ${filePort}`,
        `  auth: { enabled: true, method: basic, username: acs, password_file: ${secret} }`,
        '  connection: { timeout: "15s", max_envelope_size: 4096, soap_timeout: "10s" }',
        '  provisioning: { auto_create_devices: false }',
        'nbi:',
        `  port: ${nbiPort}`,
        `  api_keys: ["ops:admin:${KEY}"]`,
        'files: { port: 0 }',
        'store: { data_dir: ./state }',
        'ops: { drain_timeout: 2s }',
      ].join('\n'),
    );
    const started = start('meridian', dir, { MERIDIAN_CWMP_PORT: String(cwmpPort) });
    meridian = started.child;
    await eventually(async () => {
      if (meridian.exitCode !== null) throw new Error(`exited:\n${started.output.text}`);
      return fetch(`http://127.0.0.1:${nbiPort}/health/live`).then(
        (r) => r.ok,
        () => false,
      );
    }, 60_000);
  }, 90_000);

  afterAll(async () => {
    if (meridian) await stopProcess(meridian);
    rmSync(dir, { recursive: true, force: true });
  });

  it('listens on the port of the environment, which overrides the file', async () => {
    expect((await post(cwmpPort, inform('SNPORT1'))).status).toBe(401);
    await expect(post(filePort, inform('SNPORT1'))).rejects.toThrow();
  });

  it('keeps its store where store.data_dir says, relative to the working directory', () => {
    expect(existsSync(join(dir, 'state', 'meridian.db'))).toBe(true);
  });

  it('asks for the credentials of the file, the password read from password_file', async () => {
    const challenged = await post(cwmpPort, inform('SNAUTH1'));
    expect(challenged.status).toBe(401);
    expect(challenged.headers.get('www-authenticate')).toMatch(/^Basic realm="meridian"/);
    expect((await post(cwmpPort, inform('SNAUTH1'), basic('acs', 'wrong'))).status).toBe(401);
  });

  it('refuses an unregistered device (auto_create_devices: false) until the NBI registers it', async () => {
    const auth = basic('acs', 'from-a-secret-file');
    expect((await post(cwmpPort, inform('SNREG1'), auth)).status).toBe(403);
    const nbi = nbiClient(`http://127.0.0.1:${nbiPort}`, KEY);
    expect((await nbi('PUT', `/devices/${deviceIdOf(device('SNREG1'))}`)).status).toBe(201);
    const accepted = await post(cwmpPort, inform('SNREG1'), auth);
    expect(accepted.status).toBe(200);
    expect(await accepted.text()).toContain('InformResponse');
  });

  it('answers 413 to an envelope bigger than max_envelope_size', async () => {
    const auth = basic('acs', 'from-a-secret-file');
    expect(inform('SNREG1').length).toBeLessThan(4096);
    const big = inform('SNREG1', 5000);
    expect((await post(cwmpPort, big, auth)).status).toBe(413);
  });
});

describe('a split service started from meridian.yaml', () => {
  it('the firmware service takes its ports and its secret_file from the file', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'meridian-yaml-firmware-'));
    const [filesPort, opsPort] = [await freePort(), await freePort()];
    const secret = join(dir, 'files-secret');
    writeFileSync(secret, 'a-files-secret-of-32-characters!\n');
    writeFileSync(
      join(dir, 'meridian.yaml'),
      [
        `files: { host: 127.0.0.1, port: ${filesPort}, secret_file: ${secret} }`,
        `ops: { host: 127.0.0.1, port: ${opsPort} }`,
        'store: { data_dir: ./state }',
      ].join('\n'),
    );
    // The ops port of the file, not the test default of the environment.
    const { MERIDIAN_OPS_PORT: _, ...env } = process.env;
    const firmware = spawn(process.execPath, [builtMain('firmware')], {
      cwd: dir,
      env,
      stdio: 'ignore',
    });
    try {
      await eventually(
        () =>
          fetch(`http://127.0.0.1:${opsPort}/health/live`).then(
            (r) => r.ok,
            () => false,
          ),
        60_000,
      );
      // Signed with the secret of the file: the server checks it, then finds no such file (404);
      // signed with another key: 403.
      const grant = { name: 'nope.bin', deviceId: '00D09E-HGW-SN1', expires: 4_000_000_000 };
      const base = `http://127.0.0.1:${filesPort}/`;
      const signed = signedFileUrl(base, grant, 'a-files-secret-of-32-characters!');
      expect((await fetch(signed)).status).toBe(404);
      const forged = signedFileUrl(base, grant, 'another-secret-of-32-characters!');
      expect((await fetch(forged)).status).toBe(403);
    } finally {
      await stopProcess(firmware);
      rmSync(dir, { recursive: true, force: true });
    }
  }, 90_000);
});

describe('a service with a bad configuration file', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(join(tmpdir(), 'meridian-yaml-bad-'));
  });
  afterEach(() => rmSync(dir, { recursive: true, force: true }));

  const BAD = [
    'cwmp:',
    '  port: seventy',
    '  connection: { soap_timeout: 60 }',
    'kafka: { enabeld: true }',
  ];

  it('every service (all-in-one, provisioning, cwmp-gateway, nbi, firmware) exits 1 listing every problem with its line', async () => {
    writeFileSync(join(dir, 'meridian.yaml'), BAD.join('\n'));
    const file = join(dir, 'meridian.yaml');
    // Side by side: each stops before connecting to anything.
    const apps = ['meridian', 'provisioning', 'cwmp-gateway', 'nbi', 'firmware'];
    const runs = apps.map((app) => ({ app, ...start(app, dir) }));
    for (const { app, output, exited } of runs) {
      expect({ app, code: await exited }).toEqual({ app, code: 1 });
      expect(output.text).toContain(
        `${file}:2: cwmp.port: "seventy" is not an integer between 0 and 65535`,
      );
      expect(output.text).toContain(
        `${file}:3: cwmp.connection.soap_timeout: 60 is not a duration`,
      );
      expect(output.text).toContain(`${file}:4: kafka.enabeld: unknown key`);
    }
  }, 60_000);

  it('cwmp.enabled: false: the all-in-one serves the NBI without a CWMP listener; a gateway refuses to start', async () => {
    const [cwmpPort, nbiPort] = [await freePort(), await freePort()];
    writeFileSync(
      join(dir, 'meridian.yaml'),
      `cwmp: { enabled: false, host: 127.0.0.1, port: ${cwmpPort} }\nnbi: { port: ${nbiPort} }\nfiles: { port: 0 }\n`,
    );
    const meridian = start('meridian', dir);
    try {
      await eventually(
        () =>
          fetch(`http://127.0.0.1:${nbiPort}/health/live`).then(
            (r) => r.ok,
            () => false,
          ),
        60_000,
      );
      await expect(fetch(`http://127.0.0.1:${cwmpPort}/`, { method: 'POST' })).rejects.toThrow();
      // The start line is logged after the listeners are up: the NBI may answer before it.
      await eventually(() => meridian.output.text.includes('CWMP off'), 10_000).catch(() => {});
      expect(meridian.output.text).toContain('CWMP off');
    } finally {
      await stopProcess(meridian.child);
    }
    const gateway = start('cwmp-gateway', dir);
    expect(await gateway.exited).toBe(1);
    expect(gateway.output.text).toContain('MERIDIAN_CWMP_ENABLED (cwmp.enabled) is false');
  }, 90_000);

  it('reads the file MERIDIAN_CONFIG names, and refuses one that is missing', async () => {
    const named = join(dir, 'other.yaml');
    writeFileSync(named, 'logging: { level: loud }\n');
    const bad = start('meridian', tmpdir(), { MERIDIAN_CONFIG: named });
    expect(await bad.exited).toBe(1);
    expect(bad.output.text).toContain(
      `${named}:1: logging.level: "loud" is not one of error, warn, log, debug, verbose`,
    );
    const missing = start('meridian', tmpdir(), { MERIDIAN_CONFIG: join(dir, 'nope.yaml') });
    expect(await missing.exited).toBe(1);
    expect(missing.output.text).toContain(
      `configuration file ${join(dir, 'nope.yaml')} cannot be read`,
    );
  }, 30_000);
});
