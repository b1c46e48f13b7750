import type { Model } from 'mongoose';
import { DuplicateKeyError, VersionConflictError } from '../errors';
import type { PresetRepository } from '../ports';
import { definedOnly } from '../rules';
import type { JsonValue, Preset, PresetChanges, PresetInput } from '../types';
import { isDuplicateKey, withoutId } from './errors';
import type { PresetDoc } from './schemas';

function toPreset(doc: PresetDoc): Preset {
  const stored = withoutId(doc);
  return {
    ...stored,
    precondition: JSON.parse(stored.precondition) as JsonValue,
    configurations: JSON.parse(stored.configurations) as JsonValue[],
  };
}

/** The stored form of preset fields: rules as JSON text. */
function toStored(changes: PresetChanges): Partial<PresetDoc> {
  const { precondition, configurations, ...rest } = definedOnly(changes);
  return {
    ...rest,
    ...(precondition === undefined ? {} : { precondition: JSON.stringify(precondition) }),
    ...(configurations === undefined ? {} : { configurations: JSON.stringify(configurations) }),
  };
}

export class MongoPresetRepository implements PresetRepository {
  constructor(
    private readonly presets: Model<PresetDoc>,
    private readonly now: () => Date,
  ) {}

  async create(input: PresetInput): Promise<Preset> {
    const at = this.now();
    const preset: Preset = { ...input, version: 1, createdAt: at, updatedAt: at };
    try {
      await this.presets.collection.insertOne({
        ...toStored(input),
        name: input.name,
        version: 1,
        createdAt: at,
        updatedAt: at,
      });
    } catch (error) {
      if (isDuplicateKey(error))
        throw new DuplicateKeyError('presets', input.name, { cause: error });
      throw error;
    }
    return preset;
  }

  async get(name: string): Promise<Preset | null> {
    const doc = await this.presets.findOne({ name }).lean<PresetDoc>().exec();
    return doc === null ? null : toPreset(doc);
  }

  async list(): Promise<Preset[]> {
    const docs = await this.presets.find({}).sort({ name: 1 }).lean<PresetDoc[]>().exec();
    return docs.map(toPreset);
  }

  async update(
    name: string,
    changes: PresetChanges,
    expectedVersion?: number,
  ): Promise<Preset | null> {
    // Compare-and-set on the version in one findAndModify: no lost update between writers.
    const doc = await this.presets
      .findOneAndUpdate(
        expectedVersion === undefined ? { name } : { name, version: expectedVersion },
        { $set: { ...toStored(changes), updatedAt: this.now() }, $inc: { version: 1 } },
        { new: true },
      )
      .lean<PresetDoc>()
      .exec();
    if (doc !== null) return toPreset(doc);
    const current = await this.presets.findOne({ name }).lean<PresetDoc>().exec();
    if (current === null || expectedVersion === undefined) return null;
    throw new VersionConflictError('presets', name, expectedVersion, current.version);
  }

  async delete(name: string): Promise<boolean> {
    const { deletedCount } = await this.presets.deleteOne({ name }).exec();
    return deletedCount > 0;
  }
}
