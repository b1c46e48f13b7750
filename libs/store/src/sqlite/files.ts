import { createHash, randomUUID } from 'node:crypto';
import { createWriteStream } from 'node:fs';
import { mkdir, open, rename, rm } from 'node:fs/promises';
import { join } from 'node:path';
import type { Readable } from 'node:stream';
import { pipeline } from 'node:stream/promises';
import type Database from 'better-sqlite3';
import { UploadMeasure } from '../file-content';
import type { FileRepository } from '../ports';
import { normalizePaging } from '../rules';
import type {
  ByteRange,
  FileContent,
  FileFilter,
  FileMeta,
  FileUpload,
  Page,
  Paging,
} from '../types';
import { fromMs, limitClause, optional, orNull, toMs, Where } from './codec';

interface FileRow {
  name: string;
  type: string;
  size: number;
  sha256: string;
  version: string | null;
  oui: string | null;
  product_class: string | null;
  model_name: string | null;
  created_at: number;
  updated_at: number;
}

function toFile(row: FileRow): FileMeta {
  const file: FileMeta = {
    name: row.name,
    type: row.type,
    size: row.size,
    sha256: row.sha256,
    createdAt: fromMs(row.created_at),
    updatedAt: fromMs(row.updated_at),
  };
  const version = optional(row.version);
  const oui = optional(row.oui);
  const productClass = optional(row.product_class);
  const modelName = optional(row.model_name);
  if (version !== undefined) file.version = version;
  if (oui !== undefined) file.oui = oui;
  if (productClass !== undefined) file.productClass = productClass;
  if (modelName !== undefined) file.modelName = modelName;
  return file;
}

/**
 * Content lives in `dir`, one file per (name, content): written under a temporary name and
 * renamed once complete and verified, so a reader never sees half a file, and a replacement
 * gets a new path (a download in progress keeps reading the old content it opened).
 */
export class SqliteFileRepository implements FileRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly dir: string,
    private readonly now: () => Date,
  ) {}

  async put(upload: FileUpload, content: Readable): Promise<FileMeta> {
    await mkdir(this.dir, { recursive: true });
    const temp = join(this.dir, `.upload-${randomUUID()}`);
    const measure = new UploadMeasure(upload.maxBytes);
    let sha256: string;
    const file = createWriteStream(temp, { flags: 'wx' });
    try {
      await pipeline(content, measure.stream(), file);
      sha256 = measure.verifiedSha256(upload);
      await rename(temp, this.pathOf(upload.name, sha256));
    } catch (error) {
      // Closed first: a file still being opened would otherwise appear after the removal.
      if (!file.closed) await new Promise<void>((resolve) => file.once('close', resolve));
      await rm(temp, { force: true });
      throw error;
    }
    const previous = await this.get(upload.name);
    const at = toMs(this.now());
    const row = this.db
      .prepare<unknown[], FileRow>(
        `INSERT INTO files (name, type, size, sha256, version, oui, product_class, model_name,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET
           type = excluded.type, size = excluded.size, sha256 = excluded.sha256,
           version = excluded.version, oui = excluded.oui, product_class = excluded.product_class,
           model_name = excluded.model_name, updated_at = excluded.updated_at
         RETURNING *`,
      )
      .get(
        upload.name,
        upload.type,
        measure.size,
        sha256,
        orNull(upload.version),
        orNull(upload.oui),
        orNull(upload.productClass),
        orNull(upload.modelName),
        at,
        at,
      );
    if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
    if (previous !== null && previous.sha256 !== sha256) {
      await rm(this.pathOf(previous.name, previous.sha256), { force: true });
    }
    return toFile(row);
  }

  async get(name: string): Promise<FileMeta | null> {
    const row = this.db.prepare<[string], FileRow>('SELECT * FROM files WHERE name = ?').get(name);
    return row === undefined ? null : toFile(row);
  }

  async read(name: string, range?: ByteRange): Promise<FileContent | null> {
    const file = await this.get(name);
    if (file === null) return null;
    const handle = await open(this.pathOf(file.name, file.sha256), 'r');
    return { file, stream: handle.createReadStream(range ?? {}) };
  }

  async list(filter: FileFilter, paging?: Paging): Promise<Page<FileMeta>> {
    const { skip, limit } = normalizePaging(paging);
    const where = new Where();
    if (filter.type !== undefined) where.add('type = ?', filter.type);
    if (filter.oui !== undefined) where.add('oui = ?', filter.oui);
    if (filter.productClass !== undefined) where.add('product_class = ?', filter.productClass);
    const items = this.db
      .prepare<unknown[], FileRow>(
        `SELECT * FROM files ${where} ORDER BY name ${limitClause(skip, limit)}`,
      )
      .all(...where.params)
      .map(toFile);
    const { total } = this.db
      .prepare<unknown[], { total: number }>(`SELECT count(*) AS total FROM files ${where}`)
      .get(...where.params) ?? { total: 0 };
    return { items, total };
  }

  async delete(name: string): Promise<boolean> {
    const file = await this.get(name);
    if (file === null) return false;
    this.db.prepare('DELETE FROM files WHERE name = ?').run(name);
    await rm(this.pathOf(file.name, file.sha256), { force: true });
    return true;
  }

  /** Names may hold any character: the path is derived, never the name itself. */
  private pathOf(name: string, sha256: string): string {
    return join(this.dir, `${createHash('sha256').update(name).digest('hex')}.${sha256}`);
  }
}
