import type { Readable } from 'node:stream';
import mongoose, { type Model } from 'mongoose';
import { UploadMeasure } from '../file-content';
import type { FileRepository } from '../ports';
import { definedOnly, normalizePaging } from '../rules';
import type {
  ByteRange,
  FileContent,
  FileFilter,
  FileMeta,
  FileUpload,
  Page,
  Paging,
} from '../types';
import { retryOnDuplicate } from './errors';
import type { FileDoc } from './schemas';

const OPTIONAL_FIELDS = ['version', 'oui', 'productClass', 'modelName'] as const;
const BUCKET = 'fileContent';
// The driver mongoose bundles, so there is one copy of it and of its ObjectId.
const { GridFSBucket, ObjectId } = mongoose.mongo;
type ObjectId = mongoose.mongo.ObjectId;
type Db = mongoose.mongo.Db;

/** A callback-taking call as a promise. */
const settled = (call: (done: (error?: Error | null) => void) => void): Promise<void> =>
  new Promise((resolve, reject) => call((error) => (error ? reject(error) : resolve())));

function toMeta(doc: FileDoc & { _id?: unknown }): FileMeta {
  const { _id: _ignored, contentId: _content, ...meta } = doc;
  return meta;
}

/**
 * Content in GridFS (bucket "fileContent"), one GridFS file per upload, named by contentId in
 * the metadata document: a replacement is uploaded whole before the metadata points at it, so a
 * reader sees the old or the new content, never a mix, and a failed upload leaves no chunks.
 */
export class MongoFileRepository implements FileRepository {
  private readonly bucket: mongoose.mongo.GridFSBucket;

  constructor(
    private readonly files: Model<FileDoc>,
    private readonly db: Db,
    private readonly now: () => Date,
  ) {
    this.bucket = new GridFSBucket(db, { bucketName: BUCKET });
  }

  async put(upload: FileUpload, content: Readable): Promise<FileMeta> {
    const measure = new UploadMeasure(upload.maxBytes);
    const contentId = new ObjectId();
    let sha256: string;
    try {
      const gridfs = this.bucket.openUploadStreamWithId(contentId, upload.name);
      // One write at a time, each awaited: when the upload fails no chunk insert is still in
      // flight, so the cleanup below removes every chunk (a pipeline into the GridFS stream
      // reports the failure while an insert is under way, and that chunk stayed behind).
      for await (const chunk of content) {
        const bytes = Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk as string);
        measure.add(bytes);
        await settled((done) => gridfs.write(bytes, done));
      }
      await settled((done) => gridfs.end(done));
      sha256 = measure.verifiedSha256(upload);
    } catch (error) {
      await this.deleteContent(contentId);
      throw error;
    }
    const at = this.now();
    const fields = { ...definedOnly(upload), size: measure.size, sha256, contentId };
    delete (fields as { maxBytes?: number }).maxBytes;
    // A replacement: optional fields the new metadata lacks are removed.
    const unset = Object.fromEntries(
      OPTIONAL_FIELDS.filter((field) => upload[field] === undefined).map((field) => [field, 1]),
    );
    let previous: FileDoc | null;
    try {
      previous = await retryOnDuplicate(() =>
        this.files
          .findOneAndUpdate(
            { name: upload.name },
            {
              $set: { ...fields, updatedAt: at },
              $setOnInsert: { createdAt: at },
              ...(Object.keys(unset).length > 0 ? { $unset: unset } : {}),
            },
            { upsert: true, new: false },
          )
          .lean<FileDoc>()
          .exec(),
      );
    } catch (error) {
      await this.deleteContent(contentId);
      throw error;
    }
    if (previous?.contentId !== undefined) await this.deleteContent(previous.contentId);
    const stored = await this.get(upload.name);
    if (stored === null) throw new Error(`file ${upload.name} vanished after its upload`);
    return stored;
  }

  async get(name: string): Promise<FileMeta | null> {
    const doc = await this.files.findOne({ name }).lean<FileDoc>().exec();
    return doc === null ? null : toMeta(doc);
  }

  async read(name: string, range?: ByteRange): Promise<FileContent | null> {
    const doc = await this.files.findOne({ name }).lean<FileDoc>().exec();
    if (doc === null || doc.contentId === undefined) return null;
    // GridFS ends are exclusive, HTTP ranges inclusive.
    const stream = this.bucket.openDownloadStream(
      doc.contentId,
      range === undefined ? {} : { start: range.start, end: range.end + 1 },
    );
    return { file: toMeta(doc), stream };
  }

  async list(filter: FileFilter, paging?: Paging): Promise<Page<FileMeta>> {
    const { skip, limit } = normalizePaging(paging);
    const query = definedOnly(filter);
    const total = await this.files.countDocuments(query).exec();
    if (limit === 0) return { items: [], total };
    let find = this.files.find(query).sort({ name: 1 }).skip(skip);
    if (limit !== undefined) find = find.limit(limit);
    return { items: (await find.lean<FileDoc[]>().exec()).map(toMeta), total };
  }

  async delete(name: string): Promise<boolean> {
    const doc = await this.files.findOneAndDelete({ name }).lean<FileDoc>().exec();
    if (doc === null) return false;
    if (doc.contentId !== undefined) await this.deleteContent(doc.contentId);
    return true;
  }

  /**
   * Chunks and the GridFS file document, whichever exist: an aborted upload has chunks but no
   * file document, which GridFSBucket.delete would report as an error.
   */
  private async deleteContent(contentId: ObjectId): Promise<void> {
    await this.db.collection(`${BUCKET}.chunks`).deleteMany({ files_id: contentId });
    await this.db.collection(`${BUCKET}.files`).deleteOne({ _id: contentId });
  }
}
