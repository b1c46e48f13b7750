import type { XsdType } from '@meridian/cwmp';
import { prng } from '@meridian/testing';
import { matches, parsePreset, type Action, type ProvisioningPreset } from '../src';
import { FakeCpe } from './fake-cpe';
import { CONFIG, sampleCpe, session, world, type World } from './driver';

/** Periodic sessions allowed after the bootstrap one (faults need a few). */
const MAX_SESSIONS = 40;

const TABLE = 'Device.NAT.PortMapping.';
const STRINGS = [
  'Device.Time.NTPServer1',
  'Device.WiFi.SSID.1.SSID',
  'Device.WiFi.SSID.2.SSID',
  'Device.X_T.A',
  'Device.X_T.B',
];
const BOOLEANS = ['Device.WiFi.SSID.1.Enable', 'Device.WiFi.SSID.2.Enable'];

function scenario(seed: number): { w: World; faultRate: number } {
  const rnd = prng(seed);
  const int = (n: number): number => Math.floor(rnd() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)] as T;

  const cpe: FakeCpe = sampleCpe().set('Device.X_T.A', 'a0').set('Device.X_T.B', 'b0');
  for (let i = int(4); i > 0; i--) {
    const n = cpe.addInstance(TABLE);
    cpe.set(`${TABLE}${n}.Description`, pick(['p0', 'p1', 'p2', 'other']));
  }

  const presets: ProvisioningPreset[] = [];
  const count = 1 + int(6);
  for (let p = 0; p < count; p++) {
    const name = `p${p}`;
    const actions: Action[] = [];
    const used = new Set<string>();
    for (let a = 1 + int(4); a > 0; a--) {
      const kind = int(10);
      if (kind < 4) {
        // A preset sets a path once (validation refuses repeats).
        const paths = Array.from({ length: 1 + int(3) }, () => pick([...STRINGS, ...BOOLEANS]));
        const fresh = [...new Set(paths)].filter((path) => !used.has(path));
        fresh.forEach((path) => used.add(path));
        if (fresh.length === 0) continue;
        const parameters = fresh.map((path) => {
          const bool = BOOLEANS.includes(path);
          const type: XsdType | undefined = bool ? pick(['xsd:boolean', undefined]) : undefined;
          return {
            path,
            value: bool ? pick(['true', 'false', '1', '0']) : pick(['x', 'y', 'z']),
            ...(type ? { type } : {}),
          };
        });
        actions.push({ type: 'setParameterValues', parameters });
      } else if (kind < 6) {
        if (!actions.some((x) => x.type === 'ensureInstances')) {
          actions.push({
            type: 'ensureInstances',
            object: TABLE,
            count: int(4),
            match: { Description: name },
            values: { ExternalPort: String(1000 + p) },
          });
        }
      } else if (kind === 6) {
        actions.push({
          type: 'setNotification',
          parameters: [{ path: pick(STRINGS), notification: pick([0, 1, 2] as const) }],
        });
      } else if (kind === 7) {
        actions.push(
          pick<Action>([
            { type: 'refresh', path: 'Device.WiFi.' },
            { type: 'download', file: 'fw.bin' },
          ]),
        );
      } else if (kind === 8) {
        actions.push(
          pick<Action>([
            { type: 'addTag', tag: pick(['t1', 't2']) },
            { type: 'removeTag', tag: pick(['t1', 't2']) },
          ]),
        );
      } else {
        actions.push({ type: 'reboot' });
      }
    }
    // Preconditions only on what the presets do not change, so matching is stable.
    const precondition = pick([
      {},
      { tags: ['corp'] },
      { notTags: ['corp'] },
      { manufacturer: { eq: 'Acme' } },
      { softwareVersion: { versionLt: '2.9' } },
      { parameters: [{ path: 'Device.DeviceInfo.Manufacturer', test: { prefix: 'Ac' } }] },
    ]);
    // Through the store's form, as the service reads presets.
    presets.push(
      parsePreset({
        name,
        version: 1 + int(3),
        weight: int(3),
        events: [],
        precondition,
        configurations: actions,
      }),
    );
  }

  const w = world(cpe, {
    presets,
    files: {
      'fw.bin': {
        name: 'fw.bin',
        type: '1 Firmware Upgrade Image',
        size: 10,
        url: 'http://f/fw.bin',
      },
    },
    config: {
      ...CONFIG,
      discoveryBatchSize: 3 + int(6),
      maxFailures: 1000,
      backoff: { baseMs: 60_000, maxMs: 60_000 },
    },
  });
  w.device.tags = pick([[], ['corp']]);
  return { w, faultRate: pick([0, 0, 0.15]) };
}

const BOOLEAN: Record<string, string> = { true: 'true', '1': 'true', false: 'false', '0': 'false' };
const same = (path: string, a: string | undefined, b: string): boolean =>
  BOOLEANS.includes(path) ? BOOLEAN[a ?? ''] === BOOLEAN[b] : a === b;

describe('property: the planner converges and leaves every matching preset satisfied', () => {
  it.each(Array.from({ length: 150 }, (_, i) => i + 1))('seed %i', (seed) => {
    const { w, faultRate } = scenario(seed);
    // Every step also planned on only what cacheReadsOf names: the same output.
    w.checkReads = true;
    const rnd = prng(seed * 7919);
    w.cpe.faultFor = () =>
      rnd() < faultRate ? { faultCode: 9002, faultString: 'Internal error' } : undefined;
    // Between sessions the clock moves past every backoff.
    const advance = (): void => {
      w.clock += w.config.backoff.maxMs;
    };
    session(w, ['0 BOOTSTRAP', '1 BOOT']);
    let periodic = 1;
    for (; ; periodic++) {
      advance();
      if (session(w, ['2 PERIODIC']).commands.length === 0) break;
      if (periodic >= MAX_SESSIONS) {
        throw new Error(`seed ${seed}: still emitting after ${periodic} periodic sessions`);
      }
    }
    // Without faults everything is done within the bootstrap session.
    if (faultRate === 0) expect({ seed, periodic }).toEqual({ seed, periodic: 1 });

    const matching = w.presets.filter((p) => matches(p.precondition, w.device, w.cache));
    for (const preset of matching) {
      expect({
        seed,
        preset: preset.name,
        applied: w.state?.applied[preset.name]?.version,
      }).toEqual({
        seed,
        preset: preset.name,
        applied: preset.version,
      });
    }
    // Each path holds the value of the heaviest matching preset setting it (ties: later name).
    const winners = new Map<string, string>();
    for (const preset of [...matching].sort(
      (a, b) => a.weight - b.weight || (a.name < b.name ? -1 : 1),
    )) {
      for (const action of preset.actions) {
        if (action.type === 'setParameterValues')
          for (const p of action.parameters) winners.set(p.path, p.value);
      }
    }
    for (const [path, value] of winners) {
      expect({ seed, path, ok: same(path, w.cpe.value(path), value) }).toEqual({
        seed,
        path,
        ok: true,
      });
    }
    for (const preset of matching) {
      for (const action of preset.actions) {
        if (action.type !== 'ensureInstances') continue;
        const owned = w.cpe
          .instances(TABLE)
          .filter((n) => w.cpe.value(`${TABLE}${n}.Description`) === preset.name);
        expect({ seed, preset: preset.name, count: owned.length }).toEqual({
          seed,
          preset: preset.name,
          count: action.count,
        });
      }
    }
    expect([...w.faults.values()].filter((f) => f.code !== 'preset_conflict')).toEqual([]);
  });
});
