import type { Model } from 'mongoose';
import type { FileRepository } from '../ports';
import { definedOnly, normalizePaging } from '../rules';
import type { FileFilter, FileInput, FileMeta, Page, Paging } from '../types';
import { retryOnDuplicate, withoutId } from './errors';
import type { FileDoc } from './schemas';

const OPTIONAL_FIELDS = ['version', 'oui', 'productClass'] as const;

export class MongoFileRepository implements FileRepository {
  constructor(
    private readonly files: Model<FileDoc>,
    private readonly now: () => Date,
  ) {}

  async put(file: FileInput): Promise<FileMeta> {
    const at = this.now();
    // A replacement: optional fields the new metadata lacks are removed.
    const unset = Object.fromEntries(
      OPTIONAL_FIELDS.filter((field) => file[field] === undefined).map((field) => [field, 1]),
    );
    const doc = await retryOnDuplicate(() =>
      this.files
        .findOneAndUpdate(
          { name: file.name },
          {
            $set: { ...definedOnly(file), updatedAt: at },
            $setOnInsert: { createdAt: at },
            ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
          },
          { upsert: true, new: true },
        )
        .lean<FileDoc>()
        .exec(),
    );
    if (doc === null) throw new Error(`upsert of file ${file.name} returned no document`);
    return withoutId(doc);
  }

  async get(name: string): Promise<FileMeta | null> {
    const doc = await this.files.findOne({ name }).lean<FileDoc>().exec();
    return doc === null ? null : withoutId(doc);
  }

  async list(filter: FileFilter, paging?: Paging): Promise<Page<FileMeta>> {
    const { skip, limit } = normalizePaging(paging);
    const query = definedOnly(filter);
    const total = await this.files.countDocuments(query).exec();
    if (limit === 0) return { items: [], total };
    let find = this.files.find(query).sort({ name: 1 }).skip(skip);
    if (limit !== undefined) find = find.limit(limit);
    return { items: (await find.lean<FileDoc[]>().exec()).map((doc) => withoutId(doc)), total };
  }

  async delete(name: string): Promise<boolean> {
    const { deletedCount } = await this.files.deleteOne({ name }).exec();
    return deletedCount > 0;
  }
}
