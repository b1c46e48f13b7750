import type { PlannedFault, ProvisioningPreset } from './types';

export interface Setting {
  preset: string;
  weight: number;
  value: string;
}

export interface Conflict {
  path: string;
  winner: Setting;
  losers: Setting[];
}

/**
 * Paths that several presets set to different values. `presets` are sorted by weight, then name:
 * the last setting wins (higher weight; on a tie the later name) and the others are dropped.
 */
export function findConflicts(presets: readonly ProvisioningPreset[]): Conflict[] {
  const byPath = new Map<string, Setting[]>();
  for (const preset of presets) {
    const own = new Map<string, string>();
    for (const action of preset.actions) {
      if (action.type !== 'setParameterValues') continue;
      for (const { path, value } of action.parameters) own.set(path, value);
    }
    for (const [path, value] of own) {
      const settings = byPath.get(path) ?? [];
      settings.push({ preset: preset.name, weight: preset.weight, value });
      byPath.set(path, settings);
    }
  }
  const conflicts: Conflict[] = [];
  for (const [path, settings] of [...byPath].sort(([a], [b]) => (a < b ? -1 : 1))) {
    const winner = settings[settings.length - 1] as Setting;
    const losers = settings.filter((s) => s.value !== winner.value);
    if (losers.length > 0) conflicts.push({ path, winner, losers });
  }
  return conflicts;
}

/** preset name → paths whose setting it lost. */
export function droppedSettings(conflicts: readonly Conflict[]): Map<string, Set<string>> {
  const dropped = new Map<string, Set<string>>();
  for (const { path, losers } of conflicts) {
    for (const { preset } of losers)
      dropped.set(preset, (dropped.get(preset) ?? new Set()).add(path));
  }
  return dropped;
}

const describe = (s: Setting): string =>
  `preset "${s.preset}" (weight ${s.weight}) sets ${JSON.stringify(s.value)}`;

export function conflictMessage({ path, winner, losers }: Conflict): string {
  return `${path}: ${describe(winner)} and wins over ${losers.map(describe).join(', ')}`;
}

export function conflictFault(conflict: Conflict): PlannedFault {
  return {
    channel: `conflict:${conflict.path}`,
    code: 'preset_conflict',
    message: conflictMessage(conflict),
    detail: { path: conflict.path, winner: conflict.winner, losers: conflict.losers },
  };
}
