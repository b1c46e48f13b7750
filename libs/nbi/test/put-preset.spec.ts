import { DuplicateKeyError, type Preset, type PresetRepository } from '@meridian/store';
import { parseIfMatch, putPreset } from '../src/presets';

const CHANGES = {
  channel: 'presets',
  weight: 0,
  events: [],
  precondition: {},
  configurations: [{ type: 'reboot' }],
};
const at = new Date('2026-11-25T12:00:00Z');
const stored = (version: number): Preset => ({
  name: 'p',
  ...CHANGES,
  version,
  createdAt: at,
  updatedAt: at,
});

/** A repository whose answers are scripted, to play the races of concurrent writers. */
function scripted(script: {
  get: (Preset | null)[];
  create?: () => Promise<Preset>;
  update?: () => Promise<Preset | null>;
}): PresetRepository {
  return {
    get: async () => script.get.shift() ?? null,
    create: script.create ?? (async () => stored(1)),
    update: script.update ?? (async () => stored(2)),
    list: async () => [],
    delete: async () => true,
  };
}

describe('putPreset', () => {
  it('replaces a preset created by another writer between its read and its create', async () => {
    const repo = scripted({
      get: [null, stored(1)],
      create: async () => {
        throw new DuplicateKeyError('presets', 'p');
      },
    });
    await expect(putPreset(repo, 'p', CHANGES, undefined)).resolves.toEqual({
      preset: stored(2),
      created: false,
    });
  });

  it('creates a preset deleted between its read and its update, unless If-Match names one', async () => {
    const deleted = { get: [stored(1), null], update: async () => null };
    await expect(putPreset(scripted(deleted), 'p', CHANGES, undefined)).resolves.toMatchObject({
      created: true,
    });
    await expect(
      putPreset(scripted({ ...deleted, get: [stored(1), null] }), 'p', CHANGES, 1),
    ).rejects.toMatchObject({ code: 'version_conflict' });
  });

  it('gives up with a stable code when every try loses a race', async () => {
    const repo = scripted({ get: [stored(1), stored(1), stored(1)], update: async () => null });
    await expect(putPreset(repo, 'p', CHANGES, undefined)).rejects.toMatchObject({
      code: 'concurrent_change',
    });
  });
});

describe('parseIfMatch', () => {
  it('takes an ETag as GET gives it, or *', () => {
    expect(parseIfMatch(undefined)).toBeUndefined();
    expect(parseIfMatch('"12"')).toBe(12);
    expect(parseIfMatch(' * ')).toBe('*');
    for (const bad of ['12', '"0"', 'W/"3"', '"1", "2"']) {
      expect(() => parseIfMatch(bad)).toThrow('If-Match must be');
    }
  });
});
