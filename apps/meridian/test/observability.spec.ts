import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { Simulator } from '@meridian/cpe-sim';
import { METRIC_DEFINITIONS } from '@meridian/telemetry';
import type { Meridian } from '../src/meridian';
import { simulatorsOf, startAllInOne, type AllInOne } from './all-in-one';

const KEY = 'obs-admin-key-0123456789';

/** The value of one series of the Prometheus text; undefined when absent. */
function sample(text: string, series: string): number | undefined {
  const line = text.split('\n').find((l) => l.startsWith(`${series} `));
  return line === undefined ? undefined : Number(line.slice(series.length + 1));
}

jest.setTimeout(30_000);

/** What an SRE scrapes and probes on the all-in-one: everything on the NBI port, no API key. */
describe('all-in-one metrics and health', () => {
  let allInOne: AllInOne;
  let meridian: Meridian;
  let sim: Simulator;
  let nbi: string;

  beforeAll(async () => {
    allInOne = await startAllInOne('obs', {
      MERIDIAN_NBI_API_KEYS: `obs:admin:${KEY}`,
      MERIDIAN_DRAIN_TIMEOUT_MS: '2000',
    });
    ({ meridian, nbi } = allInOne);
    sim = await simulatorsOf(meridian);
    const booted = await sim.booted;
    expect(booted.map((s) => s.error)).toEqual([undefined]);
  });

  afterAll(async () => {
    await sim?.stop();
    await allInOne?.close();
  });

  const scrape = async (): Promise<string> => {
    const response = await fetch(`${nbi}/metrics`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/plain; version=0.0.4/);
    return response.text();
  };

  it('serves metrics that moved with the boot session, provisioning and NBI calls', async () => {
    const deviceId = `00D09E-SimRouter-${sim.devices[0]!.serialNumber}`;
    const device = await fetch(`${nbi}/devices/${encodeURIComponent(deviceId)}`, {
      headers: { authorization: `Bearer ${KEY}` },
    });
    expect(device.status).toBe(200);
    expect((await fetch(`${nbi}/devices/nobody`)).status).toBe(401);
    // The file server refuses an unsigned URL.
    expect((await fetch(`http://127.0.0.1:${meridian.filesPort}/fw.bin`)).status).toBe(403);

    const text = await scrape();
    expect(
      sample(text, 'meridian_cwmp_sessions_started_total{cwmp_version="1-2"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'meridian_cwmp_informs_total{event="0 BOOTSTRAP"}')).toBe(1);
    expect(
      sample(text, 'meridian_cwmp_rpcs_total{rpc="Inform",outcome="ok"}'),
    ).toBeGreaterThanOrEqual(1);
    // Discovery ran in the boot session.
    expect(
      sample(text, 'meridian_cwmp_rpcs_total{rpc="GetParameterNames",outcome="ok"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(
      sample(text, 'meridian_provisioning_plans_total{trigger="inform"}'),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'meridian_provisioning_commands_total')).toBeGreaterThanOrEqual(1);
    expect(
      sample(
        text,
        'meridian_nbi_requests_total{method="GET",route="/devices/:deviceId",status="200"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'meridian_nbi_requests_total{method="GET",route="/devices/:deviceId",status="401"}',
      ),
    ).toBe(1);
    expect(
      sample(
        text,
        'meridian_datastore_call_duration_seconds_count{system="sqlite",operation="devices.upsertFromInform",outcome="ok"}',
      ),
    ).toBeGreaterThanOrEqual(1);
    expect(sample(text, 'meridian_files_requests_total{method="GET",status="403"}')).toBe(1);
    // Bounded labels: no deviceId anywhere.
    expect(text).not.toContain(sim.devices[0]!.serialNumber);
    // The scrapes themselves are not NBI requests.
    expect(text).not.toContain('route="unmatched"');
  });

  it('documents every metric in the README, with its type and labels, and no other', () => {
    const readme = readFileSync(join(__dirname, '../../../README.md'), 'utf8');
    // | `name` | type | `label` (`value`, …), `label` | meaning |
    const rows = readme
      .split('\n')
      .filter((line) => line.startsWith('| `meridian_'))
      .map((line) => {
        const [, name, type, labels] = line.split('|').map((cell) => cell.trim());
        return {
          name: name!.replace(/`/g, ''),
          type,
          // Label names are the quoted words outside the parentheses of their values.
          labels: [...labels!.replace(/\([^)]*\)/g, '').matchAll(/`([a-z_]+)`/g)].map((m) => m[1]),
        };
      });
    const defined = Object.values(METRIC_DEFINITIONS).map(({ name, type, labels }) => ({
      name,
      type,
      labels: [...labels],
    }));
    const byName = (a: { name: string }, b: { name: string }) => a.name.localeCompare(b.name);
    expect(rows.sort(byName)).toEqual(defined.sort(byName));
  });

  it('is live and ready, and no longer ready once draining', async () => {
    expect((await fetch(`${nbi}/health/live`)).status).toBe(200);
    const ready = await fetch(`${nbi}/health/ready`);
    expect(ready.status).toBe(200);
    expect(await ready.json()).toEqual({ ready: true, checks: {} });
    await meridian.drain();
    const draining = await fetch(`${nbi}/health/ready`);
    expect(draining.status).toBe(503);
    expect(await draining.json()).toEqual({ ready: false, checks: { drain: 'draining' } });
    expect((await fetch(`${nbi}/health/live`)).status).toBe(200);
  });
});
