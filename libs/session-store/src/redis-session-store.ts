import Redis, { type ChainableCommander, type RedisOptions } from 'ioredis';
import type { CommandMessage } from '@meridian/contracts';
import { DEFAULT_REMOVED_TTL_MS } from './in-memory-session-store';
import type {
  AwaitedCompletion,
  CancelOutcome,
  QueueAndIdleMarker,
  SessionStore,
} from './session-store';

export interface RedisSessionStoreOptions {
  /** Prepended to every key, so several deployments or test runs can share one Redis. */
  keyPrefix?: string;
  /** How long a removed commandId is still refused by `enqueue` (see InMemorySessionStore). */
  removedTtlMs?: number;
}

export const DEFAULT_KEY_PREFIX = 'meridian:';

/** How often a lingering session reads its device's queue again (`queueChanged`). */
const QUEUE_POLL_MS = 25;

/*
 * Key layout (P = key prefix). A device's keys share the hash tag {deviceId}, so each script
 * and transaction touches one slot and the layout also works on Redis Cluster (the pipeline of
 * `endSession` spans two slots: a cluster client would send it as two commands).
 *   P session:<sessionId>              string  session JSON, PX = session TTL
 *   P lease:{<deviceId>}               string  holding sessionId, PX = lease TTL
 *   P idle:{<deviceId>}                string  the idle marker's `after`, PX = its TTL
 *   P queue:{<deviceId>}               list    commandIds in order
 *   P commands:{<deviceId>}            hash    commandId → command JSON
 *   P sent:{<deviceId>}                set     commandIds queued and sent (no longer cancellable)
 *   P removed:{<deviceId>}:<commandId> string  tombstone of a removed command ("1" when it ran,
 *                                               "cancelled"), PX = removedTtlMs
 *   P awaiting                         zset    JSON [deviceId, commandId] scored by its deadline:
 *                                              diagnostics awaiting "8 DIAGNOSTICS COMPLETE" (one
 *                                              key for all devices, so one range query finds the
 *                                              overdue ones; each command is a single ZADD/ZREM)
 *   P knocks                           zset    deviceIds owed a connection request, scored by
 *                                              when it is due (one key, as awaiting)
 */

// Scripts make each check-and-change atomic against other gateways.
// KEYS: lease. ARGV: sessionId, TTL (ms). Returns false (nil) when another session holds it.
const TAKE_LEASE = `
local holder = redis.call('GET', KEYS[1])
if holder and holder ~= ARGV[1] then return false end
redis.call('SET', KEYS[1], ARGV[1], 'PX', ARGV[2])`;

// KEYS: lease. ARGV: sessionId, TTL (ms). Returns false (nil) when the lease was lost.
const EXTEND_LEASE = `
if redis.call('GET', KEYS[1]) ~= ARGV[1] then return false end
redis.call('PEXPIRE', KEYS[1], ARGV[2])`;

// KEYS[2], KEYS[3]: queue, commands. The queued commands' JSON, head first.
const READ_QUEUE = `
local queued = {}
for _, commandId in ipairs(redis.call('LRANGE', KEYS[2], 0, -1)) do
  local json = redis.call('HGET', KEYS[3], commandId)
  if json then queued[#queued + 1] = json end
end
return queued`;

// KEYS: lease. ARGV: sessionId.
const DROP_LEASE = `
if redis.call('GET', KEYS[1]) == ARGV[1] then redis.call('DEL', KEYS[1]) end`;

const ACQUIRE_LEASE = `${TAKE_LEASE}
return 1`;
const ACQUIRE_LEASE_WITH_QUEUE = TAKE_LEASE + READ_QUEUE;
const RENEW_LEASE = `${EXTEND_LEASE}
return 1`;
const RENEW_LEASE_WITH_QUEUE = EXTEND_LEASE + READ_QUEUE;
const RELEASE_LEASE = `${DROP_LEASE}
return 0`;
const RELEASE_LEASE_WITH_QUEUE = DROP_LEASE + READ_QUEUE;

// KEYS: queue, commands, tombstone. ARGV: commandId, command JSON.
const ENQUEUE = `
if redis.call('EXISTS', KEYS[3]) == 1 then return 0 end
if redis.call('HSETNX', KEYS[2], ARGV[1], ARGV[2]) == 0 then return 0 end
redis.call('RPUSH', KEYS[1], ARGV[1])
return 1`;

// KEYS: queue, commands, tombstone, sent. ARGV: commandId, tombstone TTL (ms).
const REMOVE = `
if redis.call('HDEL', KEYS[2], ARGV[1]) == 0 then return 0 end
redis.call('LREM', KEYS[1], 1, ARGV[1])
redis.call('SREM', KEYS[4], ARGV[1])
redis.call('SET', KEYS[3], '1', 'PX', ARGV[2])
return 1`;

// KEYS: commands, sent. ARGV: commandId.
const MARK_SENT = `
if redis.call('HEXISTS', KEYS[1], ARGV[1]) == 0 then return 0 end
redis.call('SADD', KEYS[2], ARGV[1])
return 1`;

// KEYS: queue, commands, tombstone, sent. ARGV: commandId, tombstone TTL (ms).
// Returns {outcome} or {'cancelled', command JSON} when it was queued.
const CANCEL = `
if redis.call('SISMEMBER', KEYS[4], ARGV[1]) == 1 then return {'sent'} end
local tombstone = redis.call('GET', KEYS[3])
if tombstone and tombstone ~= 'cancelled' then return {'finished'} end
local json = redis.call('HGET', KEYS[2], ARGV[1])
redis.call('SET', KEYS[3], 'cancelled', 'PX', ARGV[2])
if not json then return {'cancelled'} end
redis.call('HDEL', KEYS[2], ARGV[1])
redis.call('LREM', KEYS[1], 1, ARGV[1])
return {'cancelled', json}`;

// KEYS: queue, commands.
const PEEK = `
local head = redis.call('LINDEX', KEYS[1], 0)
if not head then return false end
return redis.call('HGET', KEYS[2], head)`;

interface ScriptCommands {
  acquireLease(lease: string, sessionId: string, ttlMs: number): Promise<number | null>;
  acquireLeaseWithQueue(
    lease: string,
    queue: string,
    commands: string,
    sessionId: string,
    ttlMs: number,
  ): Promise<string[] | null>;
  renewLease(lease: string, sessionId: string, ttlMs: number): Promise<number | null>;
  renewLeaseWithQueue(
    lease: string,
    queue: string,
    commands: string,
    sessionId: string,
    ttlMs: number,
  ): Promise<string[] | null>;
  releaseLease(lease: string, sessionId: string): Promise<number>;
  releaseLeaseWithQueue(
    lease: string,
    queue: string,
    commands: string,
    sessionId: string,
  ): Promise<string[]>;
  enqueueCommand(
    queue: string,
    commands: string,
    tombstone: string,
    commandId: string,
    json: string,
  ): Promise<number>;
  removeCommand(
    queue: string,
    commands: string,
    tombstone: string,
    sent: string,
    commandId: string,
    ttlMs: number,
  ): Promise<number>;
  markCommandSent(commands: string, sent: string, commandId: string): Promise<number>;
  cancelCommand(
    queue: string,
    commands: string,
    tombstone: string,
    sent: string,
    commandId: string,
    ttlMs: number,
  ): Promise<[outcome: CancelOutcome['outcome'], json?: string]>;
  peekCommand(queue: string, commands: string): Promise<string | null>;
}

type ScriptedRedis = Redis & ScriptCommands;

/** A pipeline of ScriptedRedis (ioredis adds the scripts to pipelines too, untyped). */
interface ScriptedPipeline extends ChainableCommander {
  releaseLeaseWithQueue(
    lease: string,
    queue: string,
    commands: string,
    sessionId: string,
  ): ScriptedPipeline;
}

/**
 * SessionStore shared by every gateway replica, on Redis through ioredis. Production Redis
 * must run with `appendonly yes`: queued commands live only here until executed.
 */
export class RedisSessionStore implements SessionStore {
  private readonly redis: ScriptedRedis;
  private readonly prefix: string;
  private readonly removedTtlMs: number;

  /**
   * Uses `redis` without owning it: `close()` leaves it open. See `connect` for a store that
   * owns its connection.
   */
  constructor(
    redis: Redis,
    options: RedisSessionStoreOptions = {},
    private readonly ownsConnection = false,
  ) {
    this.prefix = options.keyPrefix ?? DEFAULT_KEY_PREFIX;
    this.removedTtlMs = options.removedTtlMs ?? DEFAULT_REMOVED_TTL_MS;
    this.redis = defineScripts(redis);
  }

  /**
   * Opens a connection of its own (closed by `close()`), e.g. `redis://127.0.0.1:6379`. Commands
   * issued in one event-loop turn go out as one pipeline (`enableAutoPipelining`, unless
   * redisOptions say otherwise): under load Redis then reads many sessions' commands at once,
   * ~35 % less of its CPU per session in the deployed bench (bench/results.md).
   */
  static connect(
    url: string,
    options: RedisSessionStoreOptions = {},
    redisOptions: RedisOptions = {},
  ): RedisSessionStore {
    const redis = new Redis(url, { enableAutoPipelining: true, ...redisOptions });
    return new RedisSessionStore(redis, options, true);
  }

  async getSession<S>(sessionId: string): Promise<S | null> {
    const json = await this.redis.get(this.sessionKey(sessionId));
    return json === null ? null : (JSON.parse(json) as S);
  }

  async putSession<S>(sessionId: string, state: S, ttlMs: number): Promise<void> {
    await this.redis.set(this.sessionKey(sessionId), JSON.stringify(state), 'PX', toPx(ttlMs));
  }

  async deleteSession(sessionId: string): Promise<void> {
    await this.redis.del(this.sessionKey(sessionId));
  }

  async endSession(sessionId: string, deviceId: string): Promise<CommandMessage[]> {
    // A pipeline, not a script: the session's key is not in the device's slot.
    const pipeline = this.redis.pipeline() as ScriptedPipeline;
    pipeline.del(this.sessionKey(sessionId));
    pipeline.releaseLeaseWithQueue(
      this.leaseKey(deviceId),
      this.queueKey(deviceId),
      this.commandsKey(deviceId),
      sessionId,
    );
    const replies = await pipeline.exec();
    if (!replies) throw new Error('Redis aborted the pipeline ending a session');
    replyOf(replies[0]);
    return replyOf<string[]>(replies[1]).map(parseCommand);
  }

  async acquireLease(deviceId: string, sessionId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.acquireLease(this.leaseKey(deviceId), sessionId, toPx(ttlMs))) === 1;
  }

  async acquireLeaseWithQueue(
    deviceId: string,
    sessionId: string,
    ttlMs: number,
  ): Promise<CommandMessage[] | null> {
    return this.leaseWithQueue('acquireLeaseWithQueue', deviceId, sessionId, ttlMs);
  }

  async renewLease(deviceId: string, sessionId: string, ttlMs: number): Promise<boolean> {
    return (await this.redis.renewLease(this.leaseKey(deviceId), sessionId, toPx(ttlMs))) === 1;
  }

  async renewLeaseWithQueue(
    deviceId: string,
    sessionId: string,
    ttlMs: number,
  ): Promise<CommandMessage[] | null> {
    return this.leaseWithQueue('renewLeaseWithQueue', deviceId, sessionId, ttlMs);
  }

  /** The queue read under the lease `script` took or renewed; null when another session holds it. */
  private async leaseWithQueue(
    script: 'acquireLeaseWithQueue' | 'renewLeaseWithQueue',
    deviceId: string,
    sessionId: string,
    ttlMs: number,
  ): Promise<CommandMessage[] | null> {
    const queued = await this.redis[script](
      this.leaseKey(deviceId),
      this.queueKey(deviceId),
      this.commandsKey(deviceId),
      sessionId,
      toPx(ttlMs),
    );
    return queued === null ? null : queued.map(parseCommand);
  }

  async releaseLease(deviceId: string, sessionId: string): Promise<void> {
    await this.redis.releaseLease(this.leaseKey(deviceId), sessionId);
  }

  async leaseHolder(deviceId: string): Promise<string | null> {
    return this.redis.get(this.leaseKey(deviceId));
  }

  async enqueue(command: CommandMessage): Promise<boolean> {
    const { deviceId, commandId } = command;
    const added = await this.redis.enqueueCommand(
      this.queueKey(deviceId),
      this.commandsKey(deviceId),
      this.tombstoneKey(deviceId, commandId),
      commandId,
      JSON.stringify(command),
    );
    return added === 1;
  }

  async queue(deviceId: string): Promise<CommandMessage[]> {
    // One transaction, so the order and the payloads are read from the same state.
    const replies = await this.redis
      .multi()
      .lrange(this.queueKey(deviceId), 0, -1)
      .hgetall(this.commandsKey(deviceId))
      .exec();
    if (!replies) throw new Error('Redis aborted the transaction reading the command queue');
    return queueOf(replies);
  }

  async queueAndIdleMarker(deviceId: string): Promise<QueueAndIdleMarker> {
    const replies = await this.redis
      .multi()
      .lrange(this.queueKey(deviceId), 0, -1)
      .hgetall(this.commandsKey(deviceId))
      .get(this.idleKey(deviceId))
      .exec();
    if (!replies) throw new Error('Redis aborted the transaction reading the command queue');
    return { queue: queueOf(replies), idleAfter: replyOf<string | null>(replies[2]) };
  }

  async peek(deviceId: string): Promise<CommandMessage | null> {
    const json = await this.redis.peekCommand(this.queueKey(deviceId), this.commandsKey(deviceId));
    return json === null ? null : parseCommand(json);
  }

  async remove(deviceId: string, commandId: string): Promise<boolean> {
    const removed = await this.redis.removeCommand(
      this.queueKey(deviceId),
      this.commandsKey(deviceId),
      this.tombstoneKey(deviceId, commandId),
      this.sentKey(deviceId),
      commandId,
      toPx(this.removedTtlMs),
    );
    return removed === 1;
  }

  async markSent(deviceId: string, commandId: string): Promise<boolean> {
    const marked = await this.redis.markCommandSent(
      this.commandsKey(deviceId),
      this.sentKey(deviceId),
      commandId,
    );
    return marked === 1;
  }

  async cancel(deviceId: string, commandId: string): Promise<CancelOutcome> {
    const [outcome, json] = await this.redis.cancelCommand(
      this.queueKey(deviceId),
      this.commandsKey(deviceId),
      this.tombstoneKey(deviceId, commandId),
      this.sentKey(deviceId),
      commandId,
      toPx(this.removedTtlMs),
    );
    if (outcome !== 'cancelled') return { outcome };
    return { outcome, command: json === undefined ? null : parseCommand(json) };
  }

  async awaitCompletion(deviceId: string, commandId: string, deadline: number): Promise<void> {
    await this.redis.zadd(this.awaitingKey(), deadline, JSON.stringify([deviceId, commandId]));
  }

  async completionDeadline(deviceId: string, commandId: string): Promise<number | null> {
    const score = await this.redis.zscore(
      this.awaitingKey(),
      JSON.stringify([deviceId, commandId]),
    );
    return score === null ? null : Number(score);
  }

  async overdueCompletions(now: number, limit: number): Promise<AwaitedCompletion[]> {
    const flat = await this.redis.zrangebyscore(
      this.awaitingKey(),
      '-inf',
      now,
      'WITHSCORES',
      'LIMIT',
      0,
      limit,
    );
    const overdue: AwaitedCompletion[] = [];
    for (let i = 0; i + 1 < flat.length; i += 2) {
      const [deviceId, commandId] = JSON.parse(flat[i]!) as [string, string];
      overdue.push({ deviceId, commandId, deadline: Number(flat[i + 1]) });
    }
    return overdue;
  }

  async clearCompletion(deviceId: string, commandId: string): Promise<void> {
    await this.redis.zrem(this.awaitingKey(), JSON.stringify([deviceId, commandId]));
  }

  async oweKnock(deviceId: string, dueAt: number): Promise<void> {
    await this.redis.zadd(this.knocksKey(), dueAt, deviceId);
  }

  async owedKnocks(now: number, limit: number): Promise<string[]> {
    return this.redis.zrangebyscore(this.knocksKey(), '-inf', now, 'LIMIT', 0, limit);
  }

  async clearKnock(deviceId: string): Promise<void> {
    await this.redis.zrem(this.knocksKey(), deviceId);
  }

  async markIdle(deviceId: string, after: string, ttlMs: number): Promise<void> {
    await this.redis.set(this.idleKey(deviceId), after, 'PX', toPx(ttlMs));
  }

  /** Redis tells no one of a write (no keyspace notifications asked for): a poll interval. */
  async queueChanged(_deviceId: string, until: number): Promise<void> {
    const ms = Math.min(QUEUE_POLL_MS, until - Date.now());
    if (ms > 0) await new Promise((resolve) => setTimeout(resolve, ms));
  }

  async close(): Promise<void> {
    if (this.ownsConnection && this.redis.status !== 'end') await this.redis.quit();
  }

  private sessionKey(sessionId: string): string {
    return `${this.prefix}session:${sessionId}`;
  }

  private idleKey(deviceId: string): string {
    return `${this.prefix}idle:{${deviceId}}`;
  }

  private leaseKey(deviceId: string): string {
    return `${this.prefix}lease:{${deviceId}}`;
  }

  private queueKey(deviceId: string): string {
    return `${this.prefix}queue:{${deviceId}}`;
  }

  private commandsKey(deviceId: string): string {
    return `${this.prefix}commands:{${deviceId}}`;
  }

  private sentKey(deviceId: string): string {
    return `${this.prefix}sent:{${deviceId}}`;
  }

  private awaitingKey(): string {
    return `${this.prefix}awaiting`;
  }

  private knocksKey(): string {
    return `${this.prefix}knocks`;
  }

  private tombstoneKey(deviceId: string, commandId: string): string {
    return `${this.prefix}removed:{${deviceId}}:${commandId}`;
  }
}

/** ioredis sends each script by SHA and falls back to EVAL after a restart emptied the cache. */
function defineScripts(redis: Redis): ScriptedRedis {
  const scripts: Record<keyof ScriptCommands, [lua: string, keys: number]> = {
    acquireLease: [ACQUIRE_LEASE, 1],
    acquireLeaseWithQueue: [ACQUIRE_LEASE_WITH_QUEUE, 3],
    renewLease: [RENEW_LEASE, 1],
    renewLeaseWithQueue: [RENEW_LEASE_WITH_QUEUE, 3],
    releaseLease: [RELEASE_LEASE, 1],
    releaseLeaseWithQueue: [RELEASE_LEASE_WITH_QUEUE, 3],
    enqueueCommand: [ENQUEUE, 3],
    removeCommand: [REMOVE, 4],
    markCommandSent: [MARK_SENT, 2],
    cancelCommand: [CANCEL, 4],
    peekCommand: [PEEK, 2],
  };
  for (const [name, [lua, numberOfKeys]] of Object.entries(scripts)) {
    // Several stores may share one connection: define each script once.
    if (!(name in redis)) redis.defineCommand(name, { lua, numberOfKeys });
  }
  return redis as ScriptedRedis;
}

/** The queue of a MULTI that starts with LRANGE of the queue and HGETALL of its commands. */
function queueOf(replies: [error: Error | null, result: unknown][]): CommandMessage[] {
  const ids = replyOf<string[]>(replies[0]);
  const byId = replyOf<Record<string, string>>(replies[1]);
  return ids.flatMap((commandId) => {
    const json = byId[commandId];
    return json === undefined ? [] : [parseCommand(json)];
  });
}

function parseCommand(json: string): CommandMessage {
  return JSON.parse(json) as CommandMessage;
}

/** The result of one command of a MULTI or pipeline, typed as that command returns it. */
function replyOf<T>(reply: [error: Error | null, result: unknown] | undefined): T {
  if (!reply) throw new Error('Redis returned fewer replies than commands in the transaction');
  if (reply[0]) throw reply[0];
  return reply[1] as T;
}

/** PX takes a positive integer. */
function toPx(ttlMs: number): number {
  if (!Number.isFinite(ttlMs) || ttlMs <= 0)
    throw new RangeError(`TTL must be > 0 ms, got ${ttlMs}`);
  return Math.ceil(ttlMs);
}
