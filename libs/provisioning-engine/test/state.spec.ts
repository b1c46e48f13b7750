import { emptyState, parseState, type ProvisioningState } from '../src';

const full: ProvisioningState = {
  discoveredAt: '2026-11-25T10:00:00.000Z',
  inFlight: {
    p1: {
      purpose: { kind: 'preset', preset: 'wifi', version: 2, action: 0, step: 'set' },
      issuedAt: '2026-11-25T10:00:01.000Z',
    },
  },
  applied: { ntp: { version: 1, at: '2026-11-25T09:00:00.000Z', parameterKey: 'p0' } },
  progress: {
    wifi: {
      version: 2,
      done: [1],
      created: { 'Device.NAT.PortMapping.': [3] },
      steps: { '2': 'names' },
    },
  },
  failures: {
    discovery: { version: 0, count: 1, retryAt: '2026-11-25T10:01:00.000Z', lastError: '9002 x' },
  },
  refreshedAt: { 'Device.DeviceInfo.': '2026-11-25T10:00:00.000Z' },
  seq: 7,
};

describe('parseState', () => {
  it('reads back what was stored as JSON', () => {
    const problems: string[] = [];
    expect(parseState(JSON.parse(JSON.stringify(full)), (p) => problems.push(p))).toEqual(full);
    expect(problems).toEqual([]);
  });

  it('an absent record is a fresh state, silently', () => {
    const problems: string[] = [];
    expect(parseState(null, (p) => problems.push(p))).toEqual(emptyState());
    expect(parseState(undefined)).toEqual(emptyState());
    expect(problems).toEqual([]);
  });

  it('a garbled record is a fresh state, with the reason', () => {
    const problems: string[] = [];
    expect(parseState('{oops', (p) => problems.push(p))).toEqual(emptyState());
    expect(problems).toEqual(['provisioning state is not an object (string); starting afresh']);
  });

  it('drops only the garbled parts, and says which', () => {
    const problems: string[] = [];
    const state = parseState(
      {
        ...full,
        discoveredAt: 'yesterday',
        inFlight: { ...full.inFlight, p2: { purpose: { kind: 'dance' }, issuedAt: 'now' } },
        applied: { ...full.applied, old: { version: '1' } },
        refreshedAt: 7,
      },
      (p) => problems.push(p),
    );
    expect(state).toEqual({ ...full, discoveredAt: undefined, refreshedAt: {} });
    expect(problems).toEqual([
      'discoveredAt is not a time; the device will be discovered again',
      'inFlight.p2 is garbled; dropped',
      'applied.old is garbled; dropped',
      'refreshedAt is not an object; dropped',
    ]);
  });
});
