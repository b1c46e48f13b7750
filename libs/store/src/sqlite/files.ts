import type Database from 'better-sqlite3';
import type { FileRepository } from '../ports';
import { normalizePaging } from '../rules';
import type { FileFilter, FileInput, FileMeta, Page, Paging } from '../types';
import { fromMs, limitClause, optional, orNull, toMs, Where } from './codec';

interface FileRow {
  name: string;
  type: string;
  size: number;
  checksum: string;
  version: string | null;
  oui: string | null;
  product_class: string | null;
  created_at: number;
  updated_at: number;
}

function toFile(row: FileRow): FileMeta {
  const file: FileMeta = {
    name: row.name,
    type: row.type,
    size: row.size,
    checksum: row.checksum,
    createdAt: fromMs(row.created_at),
    updatedAt: fromMs(row.updated_at),
  };
  const version = optional(row.version);
  const oui = optional(row.oui);
  const productClass = optional(row.product_class);
  if (version !== undefined) file.version = version;
  if (oui !== undefined) file.oui = oui;
  if (productClass !== undefined) file.productClass = productClass;
  return file;
}

export class SqliteFileRepository implements FileRepository {
  constructor(
    private readonly db: Database.Database,
    private readonly now: () => Date,
  ) {}

  async put(file: FileInput): Promise<FileMeta> {
    const at = toMs(this.now());
    const row = this.db
      .prepare<unknown[], FileRow>(
        `INSERT INTO files (name, type, size, checksum, version, oui, product_class,
           created_at, updated_at)
         VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (name) DO UPDATE SET
           type = excluded.type, size = excluded.size, checksum = excluded.checksum,
           version = excluded.version, oui = excluded.oui, product_class = excluded.product_class,
           updated_at = excluded.updated_at
         RETURNING *`,
      )
      .get(
        file.name,
        file.type,
        file.size,
        file.checksum,
        orNull(file.version),
        orNull(file.oui),
        orNull(file.productClass),
        at,
        at,
      );
    if (row === undefined) throw new Error('INSERT … RETURNING returned no row');
    return toFile(row);
  }

  async get(name: string): Promise<FileMeta | null> {
    const row = this.db.prepare<[string], FileRow>('SELECT * FROM files WHERE name = ?').get(name);
    return row === undefined ? null : toFile(row);
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
    return this.db.prepare('DELETE FROM files WHERE name = ?').run(name).changes > 0;
  }
}
