import 'reflect-metadata';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readConfig } from '@meridian/config';
import { createSimulator, type Simulator } from '@meridian/cpe-sim';
import { meridianSpec, startMeridian, type Meridian } from '../src/meridian';

/*
 * A new device's bootstrap session carries its discovery, then waits for provisioning's next
 * wave (the linger). Provisioning says when there is none (an idle marker on cwmp.commands):
 * the session ends then. The linger here (20 s) outlasts the test's timeout, so a session that
 * waited it out would fail the test.
 */
describe('all-in-one: a bootstrap session ends when provisioning has nothing more', () => {
  let dataDir: string;
  let meridian: Meridian;
  let sim: Simulator | undefined;

  beforeAll(async () => {
    dataDir = mkdtempSync(join(tmpdir(), 'meridian-done-signal-'));
    meridian = await startMeridian(
      readConfig(meridianSpec, {
        MERIDIAN_DATA_DIR: dataDir,
        MERIDIAN_STORE: 'sqlite',
        MERIDIAN_CWMP_HOST: '127.0.0.1',
        MERIDIAN_CWMP_PORT: '0',
        MERIDIAN_NBI_PORT: '0',
        MERIDIAN_FILES_PORT: '0',
        MERIDIAN_NBI_API_KEYS: 'e2e:admin:done-signal-key-0123456789',
        MERIDIAN_CWMP_LINGER_MS: '20000',
        MERIDIAN_DISCOVERY_PATHS: 'ManagementServer.',
        MERIDIAN_LOG_LEVEL: 'warn',
      }),
    );
  });

  afterAll(async () => {
    await sim?.stop();
    await meridian?.close();
    rmSync(dataDir, { recursive: true, force: true });
  });

  it('runs discovery in the CPE’s own session and ends it without waiting out the linger', async () => {
    sim = await createSimulator({
      count: 1,
      acsUrl: `http://127.0.0.1:${meridian.cwmpPort}/`,
      crPort: 0,
      periodicInformInterval: 0,
    });
    const [boot] = await sim.booted;
    expect(boot?.error).toBeUndefined();
    expect(boot?.events).toContain('0 BOOTSTRAP');
    // Discovery (names, then values) went in this one session.
    expect(boot?.rpcs).toEqual(expect.arrayContaining(['GetParameterNames', 'GetParameterValues']));
  }, 10_000);
});
