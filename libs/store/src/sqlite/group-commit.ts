import type Database from 'better-sqlite3';

interface Group {
  committed: Promise<void>;
  settle: (error?: unknown) => void;
}

/**
 * Group commit for the embedded store. better-sqlite3 is synchronous: every commit (its WAL
 * write, and now and then a checkpoint's fsync) blocks the event loop, and provisioning writes
 * on every message. So every repository call of one event-loop turn runs in one transaction,
 * opened by the turn's first call and committed once at the end of the turn (setImmediate):
 * the messages handled in that turn share one commit.
 *
 * What a caller sees does not change: a call that wrote resolves only once its transaction is
 * committed (and rejects if that commit fails); a call that only read resolves at once. The
 * repositories' own transactions (`db.transaction`) become savepoints of the group's, so a
 * failing one still undoes only its own writes. Reads of the same connection see the group's
 * writes before the commit, as before; another process sees them at the end of the turn.
 */
export class GroupCommit {
  private readonly totalChanges: Database.Statement<[], number>;
  private current: Group | null = null;

  constructor(private readonly db: Database.Database) {
    this.totalChanges = db.prepare<[], number>('SELECT total_changes()').pluck();
  }

  /** Runs `call` in the turn's transaction; its value once what it wrote is committed. */
  run<T>(call: () => Promise<T>): Promise<T> {
    this.open();
    const before = this.changes();
    return call().then(async (value) => {
      // Rows changed since the call started (by it, or by another call of the same group):
      // wait for the group that holds them. A call that wrote after an await, outside any
      // group, was committed by SQLite itself.
      if (this.current !== null && this.changes() !== before) await this.current.committed;
      return value;
    });
  }

  /** Commits the open group now (before the database is closed). */
  flush(): void {
    if (this.current !== null) this.commit(this.current);
  }

  private open(): void {
    if (this.current !== null) return;
    this.db.exec('BEGIN');
    let settle!: (error?: unknown) => void;
    const committed = new Promise<void>((resolve, reject) => {
      settle = (error) => (error === undefined ? resolve() : reject(error));
    });
    // Rejected with no waiter (the group only read): nothing to report.
    committed.catch(() => undefined);
    const group: Group = { committed, settle };
    this.current = group;
    setImmediate(() => this.commit(group));
  }

  private commit(group: Group): void {
    if (this.current !== group) return;
    this.current = null;
    try {
      // SQLite rolls a transaction back by itself on some errors (disk full, I/O): then the
      // group's writes are gone and its callers must hear so.
      if (!this.db.inTransaction) throw new Error('the store transaction was rolled back');
      this.db.exec('COMMIT');
      group.settle();
    } catch (error) {
      if (this.db.inTransaction) this.db.exec('ROLLBACK');
      group.settle(error);
    }
  }

  private changes(): number {
    return this.totalChanges.get() ?? 0;
  }
}

/**
 * `repository` with every method run by `group`, except `reads`: methods that never write,
 * which then never wait for a commit. (Run by the group, a read whose result is taken after
 * another call of the turn wrote would wait for that commit: a message's first reads would
 * then cost it a turn.) They see the open group's writes, as before.
 */
export function grouped<T extends object>(
  repository: T,
  group: GroupCommit,
  reads: readonly (keyof T & string)[] = [],
): T {
  const wrappers = new Map<string, (...args: unknown[]) => unknown>();
  const direct = new Set<string>(reads);
  return new Proxy(repository, {
    get(object, property, receiver) {
      const member: unknown = Reflect.get(object, property, receiver);
      if (typeof member !== 'function' || typeof property !== 'string') return member;
      let wrapper = wrappers.get(property);
      if (wrapper === undefined) {
        const method = member as (...a: unknown[]) => Promise<unknown>;
        wrapper = direct.has(property)
          ? (...args: unknown[]) => method.apply(object, args)
          : (...args: unknown[]) => group.run(() => method.apply(object, args));
        wrappers.set(property, wrapper);
      }
      return wrapper;
    },
  });
}
