import { informUnchangedUntil, planWithoutCache, type ProvisioningPreset } from '../src';
import { converge, preset, sampleCpe, world, type World } from './driver';

/** NTP server set on a Router whose Wi-Fi is on: the precondition and the action read the cache. */
const ntp = (version = 1): ProvisioningPreset =>
  preset(
    'ntp',
    [
      {
        type: 'setParameterValues',
        parameters: [{ path: 'Device.Time.NTPServer1', value: 'ntp.corp' }],
      },
    ],
    {
      version,
      precondition: {
        parameters: [{ path: 'Device.WiFi.SSID.1.Enable', test: { eq: '1' } }],
      },
    },
  );

/** The next Inform as the service plans it before reading any cache. */
const informWithoutCache = (w: World, events: string[]) =>
  planWithoutCache({
    now: new Date(w.clock + w.tickMs),
    trigger: { kind: 'inform' },
    device: { ...w.device, events },
    presets: w.presets,
    files: w.files,
    state: w.state,
    config: w.config,
  });

describe('planning an Inform without the parameter cache', () => {
  it("plans a provisioned device's periodic Inform: nothing to send, the state unchanged", () => {
    const w = world(sampleCpe(), { presets: [ntp()] });
    converge(w, 3);

    const out = informWithoutCache(w, ['2 PERIODIC']);

    expect(out).not.toBeNull();
    expect(out?.commands).toEqual([]);
    expect(out?.state).toEqual(w.state);
    expect(out?.decisions).toEqual([expect.objectContaining({ kind: 'skipped', preset: 'ntp' })]);
  });

  it('needs the cache when a preset may be applied now: a new version', () => {
    const w = world(sampleCpe(), { presets: [ntp()] });
    converge(w, 3);
    w.presets = [ntp(2)];

    expect(informWithoutCache(w, ['2 PERIODIC'])).toBeNull();
  });

  it('plans discovery of a new device without it', () => {
    const w = world(sampleCpe(), { presets: [ntp()] });

    const out = informWithoutCache(w, ['0 BOOTSTRAP', '1 BOOT']);

    expect(out?.commands.map((c) => c.rpc.name)).toEqual(['GetParameterNames']);
  });

  it("tells until when a settled device's Inform plans the same: until its first refresh is due", () => {
    const w = world(sampleCpe(), { presets: [ntp()] });
    converge(w, 3);
    const discoveredAt = Date.parse(w.state!.discoveredAt!);
    w.config = { ...w.config, refresh: [{ path: 'Device.Time.', maxAgeMs: 60_000 }] };
    const until = informUnchangedUntil(w.state!, w.config);

    expect(until).toBe(discoveredAt + 60_000);
    const at = (ms: number) =>
      planWithoutCache({
        now: new Date(ms),
        trigger: { kind: 'inform' },
        device: { ...w.device, events: ['2 PERIODIC'] },
        presets: w.presets,
        files: w.files,
        state: w.state,
        config: w.config,
      });
    expect(at(until)?.state).toEqual(w.state);
    expect(at(until + 1)?.commands.map((c) => c.rpc.name)).toEqual(['GetParameterValues']);
    expect(informUnchangedUntil(w.state!, { ...w.config, refresh: [] })).toBe(Infinity);
  });

  it('tells no such time while a command is in flight or a failure waits for its retry', () => {
    const w = world(sampleCpe(), { presets: [ntp()] });
    converge(w, 3);
    const issuedAt = new Date(w.clock).toISOString();
    const inFlight = { c1: { purpose: { kind: 'discoverNames' as const }, issuedAt } };
    const failures = { ntp: { version: 1, count: 1, retryAt: issuedAt, lastError: 'x' } };

    expect(informUnchangedUntil({ ...w.state!, inFlight }, w.config)).toBe(-Infinity);
    expect(informUnchangedUntil({ ...w.state!, failures }, w.config)).toBe(-Infinity);
  });
});
