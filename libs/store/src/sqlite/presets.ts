import type Database from 'better-sqlite3';
import { DuplicateKeyError, VersionConflictError } from '../errors';
import type { PresetRepository } from '../ports';
import { definedOnly } from '../rules';
import type { JsonValue, Preset, PresetChanges, PresetInput } from '../types';
import { fromJson, fromMs, isUniqueViolation, toJson, toMs } from './codec';

interface PresetRow {
  name: string;
  channel: string;
  weight: number;
  events: string;
  precondition: string;
  configurations: string;
  version: number;
  created_at: number;
  updated_at: number;
}

const toPreset = (row: PresetRow): Preset => ({
  name: row.name,
  channel: row.channel,
  weight: row.weight,
  events: fromJson<string[]>(row.events),
  precondition: fromJson<JsonValue>(row.precondition),
  configurations: fromJson<JsonValue[]>(row.configurations),
  version: row.version,
  createdAt: fromMs(row.created_at),
  updatedAt: fromMs(row.updated_at),
});

const toRow = (preset: Preset): PresetRow => ({
  name: preset.name,
  channel: preset.channel,
  weight: preset.weight,
  events: toJson(preset.events),
  precondition: toJson(preset.precondition),
  configurations: toJson(preset.configurations),
  version: preset.version,
  created_at: toMs(preset.createdAt),
  updated_at: toMs(preset.updatedAt),
});

export class SqlitePresetRepository implements PresetRepository {
  private readonly selectOne: Database.Statement<[string], PresetRow>;

  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {
    this.selectOne = db.prepare('SELECT * FROM presets WHERE name = ?');
  }

  async create(input: PresetInput): Promise<Preset> {
    const at = this.now();
    const preset: Preset = { ...input, version: 1, createdAt: at, updatedAt: at };
    try {
      this.db
        .prepare(
          `INSERT INTO presets (name, channel, weight, events, precondition, configurations,
             version, created_at, updated_at)
           VALUES (@name, @channel, @weight, @events, @precondition, @configurations,
             @version, @created_at, @updated_at)`,
        )
        .run(toRow(preset));
    } catch (error) {
      if (isUniqueViolation(error))
        throw new DuplicateKeyError('presets', input.name, { cause: error });
      throw error;
    }
    return preset;
  }

  async get(name: string): Promise<Preset | null> {
    const row = this.selectOne.get(name);
    return row === undefined ? null : toPreset(row);
  }

  async list(): Promise<Preset[]> {
    return this.db
      .prepare<[], PresetRow>('SELECT * FROM presets ORDER BY name')
      .all()
      .map(toPreset);
  }

  async update(
    name: string,
    changes: PresetChanges,
    expectedVersion?: number,
  ): Promise<Preset | null> {
    return this.db.transaction(() => {
      const row = this.selectOne.get(name);
      if (row === undefined) return null;
      if (expectedVersion !== undefined && row.version !== expectedVersion) {
        throw new VersionConflictError('presets', name, expectedVersion, row.version);
      }
      const preset: Preset = {
        ...toPreset(row),
        ...definedOnly(changes),
        version: row.version + 1,
        updatedAt: this.now(),
      };
      this.db
        .prepare(
          `UPDATE presets SET channel = @channel, weight = @weight, events = @events,
             precondition = @precondition, configurations = @configurations,
             version = @version, updated_at = @updated_at
           WHERE name = @name`,
        )
        .run(toRow(preset));
      return preset;
    })();
  }

  async delete(name: string): Promise<boolean> {
    return this.db.prepare('DELETE FROM presets WHERE name = ?').run(name).changes > 0;
  }
}
