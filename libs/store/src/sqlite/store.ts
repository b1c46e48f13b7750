import { mkdirSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { dirname, join } from 'node:path';
import Database from 'better-sqlite3';
import { AuditIdGenerator } from '../audit-id';
import type { Store } from '../ports';
import { tracedRepository } from '../tracing';
import { SqliteAuditRepository } from './audit';
import { SqliteCampaignRepository } from './campaigns';
import { SqliteCredentialRepository } from './credentials';
import { SqliteDeviceRepository } from './devices';
import { SqliteFaultRepository } from './faults';
import { SqliteFileRepository } from './files';
import { GroupCommit, grouped } from './group-commit';
import { SqliteParameterRepository } from './parameters';
import { SqlitePresetRepository } from './presets';
import { SqliteProvisioningStateRepository, StateHandover } from './provisioning';
import { migrate } from './schema';
import { SqliteTaskRepository } from './tasks';
import { SqliteTransferRepository } from './transfers';
import { SqliteUspRequestRepository } from './usp-requests';
import { SqliteUspSubscriptionRepository } from './usp-subscriptions';

export interface SqliteStoreOptions {
  /** Clock for the store's own timestamps (presets, files); default the system clock. */
  now?: () => Date;
  /**
   * Where file content lives; default `files/` next to the database, or a temporary directory
   * (removed on close) for ":memory:".
   */
  filesDir?: string;
}

const BUSY_TIMEOUT_MS = 5_000;

/**
 * PRAGMA journal_mode = WAL while another process switches the same new file: SQLite may answer
 * SQLITE_BUSY at once there, without calling the busy handler (a lock upgrade that could
 * deadlock), so the switch is tried again, jittered, for up to the busy timeout.
 */
function switchToWal(db: Database.Database): void {
  const until = Date.now() + BUSY_TIMEOUT_MS;
  for (;;) {
    try {
      db.pragma('journal_mode = WAL');
      return;
    } catch (error) {
      if ((error as { code?: unknown }).code !== 'SQLITE_BUSY' || Date.now() >= until) throw error;
      // A synchronous pause: opening the store is synchronous, and this happens only at start.
      Atomics.wait(new Int32Array(new SharedArrayBuffer(4)), 0, 0, 5 + Math.random() * 20);
    }
  }
}

/**
 * The embedded store: one SQLite file (created with its directory if missing), or ":memory:".
 * WAL journal with synchronous=NORMAL: a committed write survives a crash of the process; a
 * power loss may take back the last commits, never corrupt the file. FULL would fsync every
 * commit on the event loop (better-sqlite3 is synchronous): 2.7 ms against 0.06 ms here. The
 * calls of one event-loop turn share one commit (GroupCommit).
 */
export function createSqliteStore(file: string, options: SqliteStoreOptions = {}): Store {
  if (file !== ':memory:') mkdirSync(dirname(file), { recursive: true });
  const db = new Database(file);
  try {
    // Another connection (a second process on the same file) waits instead of failing at once,
    // from the first statement on: switching a new file to WAL takes a lock too.
    db.pragma(`busy_timeout = ${BUSY_TIMEOUT_MS}`);
    switchToWal(db);
    db.pragma('synchronous = NORMAL');
    // 64 MiB of page cache (default 2): a periodic Inform's point reads of the cache hit memory.
    db.pragma('cache_size = -65536');
    migrate(db);
  } catch (error) {
    db.close();
    throw error;
  }
  const now = options.now ?? (() => new Date());
  const temporaryFiles =
    options.filesDir === undefined && file === ':memory:'
      ? mkdtempSync(join(tmpdir(), 'meridian-files-'))
      : undefined;
  const filesDir = options.filesDir ?? temporaryFiles ?? join(dirname(file), 'files');
  const group = new GroupCommit(db);
  const handover = new StateHandover();
  const repository = <T extends object>(
    inner: T,
    collection: string,
    reads: readonly (keyof T & string)[] = [],
  ): T => tracedRepository(grouped(inner, group, reads), { system: 'sqlite', collection });
  // The reads of every message (an Inform's, a result's) do not wait for a commit.
  return {
    devices: repository(new SqliteDeviceRepository(db, handover), 'devices', ['get']),
    parameters: repository(new SqliteParameterRepository(db), 'parameters', ['get']),
    tasks: repository(new SqliteTaskRepository(db), 'tasks'),
    faults: repository(new SqliteFaultRepository(db), 'faults'),
    presets: repository(new SqlitePresetRepository(db, now), 'presets'),
    files: repository(new SqliteFileRepository(db, filesDir, now), 'files'),
    provisioning: repository(new SqliteProvisioningStateRepository(db, handover), 'provisioning', [
      'get',
    ]),
    credentials: repository(new SqliteCredentialRepository(db), 'credentials'),
    uspSubscriptions: repository(new SqliteUspSubscriptionRepository(db), 'usp_subscriptions'),
    uspRequests: repository(new SqliteUspRequestRepository(db), 'usp_requests'),
    audit: repository(new SqliteAuditRepository(db, new AuditIdGenerator()), 'audit'),
    campaigns: repository(new SqliteCampaignRepository(db), 'campaigns'),
    transfers: repository(new SqliteTransferRepository(db), 'transfers'),
    close: async () => {
      group.flush();
      db.close();
      if (temporaryFiles !== undefined) rmSync(temporaryFiles, { recursive: true, force: true });
    },
  };
}
