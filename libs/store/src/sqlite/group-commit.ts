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
 * What a caller sees does not change: a call that may write resolves only once the transaction
 * open when it returns is committed (and rejects if that commit fails); a read (`grouped`'s
 * `reads`) resolves at once. The repositories' own transactions (`db.transaction`) become
 * savepoints of the group's, so a failing one still undoes only its own writes. Reads of the
 * same connection see the group's writes before the commit, as before; another process sees
 * them at the end of the turn.
 */
export class GroupCommit {
  private current: Group | null = null;

  constructor(private readonly db: Database.Database) {}

  /** Runs `call` in the turn's transaction; its value once what it wrote is committed. */
  run<T>(call: () => Promise<T>): Promise<T> {
    this.open();
    // Not told whether the call wrote (counting SQLite's changes took two statements per
    // call): it waits for the group open when it returns, at most the rest of that turn. A call
    // that wrote after an await, outside any group, was committed by SQLite itself.
    return call().then(async (value) => {
      if (this.current !== null) await this.current.committed;
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
}

/**
 * `repository` with every method run by `group`, except `reads`: methods that never write,
 * which then never wait for a commit. (Run by the group, a read would wait for the turn's
 * commit: a message's first reads would then cost it a turn.) They see the open group's
 * writes, as before. The wrappers are made once, on an object whose prototype is `repository`
 * (its other members read through), not looked up per call.
 */
export function grouped<T extends object>(
  repository: T,
  group: GroupCommit,
  reads: readonly (keyof T & string)[] = [],
): T {
  const direct = new Set<string>(reads);
  const wrapped = Object.create(repository) as Record<string, unknown>;
  for (const name of methodNames(repository)) {
    const method = (repository as Record<string, (...a: unknown[]) => Promise<unknown>>)[name]!;
    wrapped[name] = direct.has(name)
      ? (...args: unknown[]) => method.apply(repository, args)
      : (...args: unknown[]) => group.run(() => method.apply(repository, args));
  }
  return wrapped as T;
}

/** The methods of `object`: its own and its classes', up to Object's. */
function methodNames(object: object): Set<string> {
  const names = new Set<string>();
  for (
    let o: object | null = object;
    o !== null && o !== Object.prototype;
    o = Object.getPrototypeOf(o) as object | null
  ) {
    for (const name of Object.getOwnPropertyNames(o)) {
      const value = Object.getOwnPropertyDescriptor(o, name)?.value as unknown;
      if (name !== 'constructor' && typeof value === 'function') names.add(name);
    }
  }
  return names;
}
