import { Logger } from '@nestjs/common';
import {
  parsePreset,
  type FileFacts,
  type ProvisioningPreset,
} from '@meridian/provisioning-engine';
import type { Store } from '@meridian/store';

export interface CatalogSnapshot {
  presets: ProvisioningPreset[];
  files: Record<string, FileFacts>;
}

/**
 * Presets and files as the planner reads them, re-read at most every `maxAgeMs`: every Inform
 * needs them, and reading them per Inform would cost two queries per device at boot storms.
 * A stored preset that no longer parses is left out with an error log, not applied half-way.
 * A re-read that finds the same content hands out the same snapshot object.
 */
export class Catalog {
  private readonly logger = new Logger('Presets');
  private snapshot?: { at: number; value: Promise<CatalogSnapshot> };
  /** The last snapshot loaded, and its content as JSON. */
  private last?: { json: string; value: CatalogSnapshot };

  constructor(
    private readonly store: Store,
    private readonly maxAgeMs: number,
    private readonly filesUrl: (() => string) | undefined,
    private readonly now: () => number = Date.now,
  ) {}

  read(): Promise<CatalogSnapshot> {
    const now = this.now();
    if (!this.snapshot || now - this.snapshot.at >= this.maxAgeMs) {
      const value = this.load();
      this.snapshot = { at: now, value };
      // A failed read is not cached: the next caller tries again.
      value.catch(() => {
        if (this.snapshot?.value === value) this.snapshot = undefined;
      });
    }
    return this.snapshot.value;
  }

  private async load(): Promise<CatalogSnapshot> {
    const [stored, files] = await Promise.all([
      this.store.presets.list(),
      this.store.files.list({}),
    ]);
    const presets = stored.flatMap((preset) => {
      try {
        return [parsePreset(preset)];
      } catch (error) {
        this.logger.error(`preset ${preset.name} v${preset.version} ignored: ${String(error)}`);
        return [];
      }
    });
    // Without a base URL no CPE could fetch a file: download actions then fault file_not_found.
    const base = this.filesUrl?.().replace(/\/+$/, '');
    const facts = base
      ? files.items.map((f): [string, FileFacts] => [
          f.name,
          {
            name: f.name,
            type: f.type,
            size: f.size,
            url: `${base}/${encodeURIComponent(f.name)}`,
          },
        ])
      : [];
    const value = { presets, files: Object.fromEntries(facts) };
    // The same object while its content is the same: a reader tells "unchanged" by identity.
    const json = JSON.stringify(value);
    if (this.last?.json === json) return this.last.value;
    this.last = { json, value };
    return value;
  }
}
