import http from 'node:http';
import https from 'node:https';
import type { CwmpVersion, EventStruct } from '@meridian/cwmp';
import type { DataModel } from '@meridian/data-model';
import {
  duStateChangeComplete,
  rebooted,
  installationOf,
  transferComplete,
  transferOf,
  upgraded,
  withoutTransfer,
  withTransferState,
} from './device/lifecycle';
import { createDeviceState, type DeviceProfileOptions } from './device/profile';
import { readValue } from './device/tree';
import {
  diagnosticInputs,
  diagnosticObjectsOf,
  withDiagnosticOutcome,
  type DiagnosticOutcome,
} from './device/diagnostics';
import { runDiagnostic } from './session/diagnostics';
import type { DeviceEffect, DeviceState } from './device/state';
import { ClientAuth } from './http/auth';
import type { Limiter } from './session/limiter';
import { runSession, type CpeInitiatedRequest, type SessionOutcome } from './session/session';
import { performTransfer } from './session/transfer';

export interface SimulatedCpeOptions {
  model: DataModel;
  profile: Omit<DeviceProfileOptions, 'now'>;
  cwmpVersion: CwmpVersion;
  limiter: Limiter;
  /** Milliseconds a reboot takes before the BOOT Inform. */
  rebootDelayMs: number;
  /** HTTP timeout of each request. */
  timeoutMs: number;
  /** PEM of the CAs trusted for an https ACS URL; default Node's bundled CAs. */
  acsCa?: string | Buffer;
  now?: () => number;
  onSession?: (cpe: SimulatedCpe, record: SessionRecord) => void;
  /** How diagnostics behave: end every test in this Error_ state; report only after a delay. */
  diagnostics?: DiagnosticsProfile;
  /** How downloads end when not as the file says (a failure, a roll-back, silence). */
  transfers?: TransferProfile;
}

/**
 * A download that goes wrong, after the file was fetched: `fail` reports this fault code in
 * TransferComplete (no reboot); `rollBack` reports success, reboots and comes back on the old
 * SoftwareVersion; `silent` never reports (no TransferComplete, no Inform).
 */
export type TransferProfile =
  | { outcome: 'fail'; faultCode: number; faultString?: string }
  | { outcome: 'rollBack' }
  | { outcome: 'silent' };

export interface DiagnosticsProfile {
  /** e.g. "Error_CannotResolveHostName": every test ends so, without running. */
  error?: string;
  /** Milliseconds between the end of a test and its "8 DIAGNOSTICS COMPLETE" Inform. */
  delayMs?: number;
}

/** What one session did, as tests and benchmarks see it. */
export interface SessionRecord {
  events: string[];
  rpcs: string[];
  /** ParameterKey/CommandKey of each request carried out, in order (see SessionOutcome). */
  appliedKeys: string[];
  startedAt: number;
  durationMs: number;
  error?: string;
}

const MAX_RETRY_EXPONENT = 10;

/**
 * TR-069 3.2.1.1: retry n waits between m·(k/1000)^(n-1) and m·(k/1000)^n seconds (m the
 * minimum wait, k the interval multiplier), the exponent capped at 10 as in Table 3.
 */
export function retryDelaySeconds(retry: number, m: number, k: number, random: number): number {
  const n = Math.min(retry, MAX_RETRY_EXPONENT);
  const low = m * (k / 1000) ** (n - 1);
  return low + random * (m * (k / 1000) ** n - low);
}

/**
 * One simulated CPE: its data model instance, its sessions with the ACS (one at a time), its
 * timers (periodic, scheduled inform, transfers, reboot) and the retry policy of TR-069 3.2.1.1.
 */
export class SimulatedCpe {
  private current: DeviceState;
  /** One connection at a time, kept alive within a session; by the ACS URL's scheme. */
  private readonly agents: { http: http.Agent; https: https.Agent };
  private readonly timers = new Set<NodeJS.Timeout>();
  private periodicTimer: NodeJS.Timeout | undefined;
  private periodicSeconds = 0;
  private pendingEvents: EventStruct[] = [];
  private pendingRequests: CpeInitiatedRequest[] = [];
  /** Parameters with notification on changed locally since the last delivered Inform. */
  private changedParameters = new Set<string>();
  /** Local changes made while a session runs: laid over the state the session hands back. */
  private readonly changedDuringSession = new Map<string, string>();
  private retryCount = 0;
  /** A failed session's back-off timer is armed: new events wait for it (TR-069 3.2.1.1). */
  private retryPending = false;
  private running: Promise<void> | undefined;
  private stopped = false;
  private readonly waiters: ((r: SessionRecord) => void)[] = [];
  readonly sessions: SessionRecord[] = [];
  private readonly now: () => number;

  constructor(private readonly options: SimulatedCpeOptions) {
    this.agents = {
      http: new http.Agent({ keepAlive: true, maxSockets: 1 }),
      https: new https.Agent({
        keepAlive: true,
        maxSockets: 1,
        ...(options.acsCa ? { ca: options.acsCa } : {}),
      }),
    };
    this.now = options.now ?? Date.now;
    this.current = createDeviceState(options.model, { ...options.profile, now: this.now() });
  }

  get serialNumber(): string {
    return this.current.deviceId.serialNumber;
  }

  get state(): DeviceState {
    return this.current;
  }

  /** The value the device would report for a parameter (derived values included). */
  value(path: string): string | undefined {
    return this.current.values.has(path) ? readValue(this.current, path, this.now()) : undefined;
  }

  /** A ManagementServer parameter of the device's own root object, as stored. */
  managementServer(name: string): string | undefined {
    return this.current.values.get(`${this.current.model.root}.ManagementServer.${name}`);
  }

  /** Stored value, including hidden ones (passwords), for the connection request listener. */
  storedValue(path: string): string | undefined {
    return this.current.values.get(path);
  }

  /**
   * Starts a session carrying these events (merged with any not yet delivered) and resolves with
   * its record. Events given as codes ("2 PERIODIC") have an empty CommandKey.
   */
  inform(events: (EventStruct | string)[]): Promise<SessionRecord> {
    if (this.stopped) {
      return Promise.resolve(this.stoppedRecord());
    }
    const done = this.nextSession();
    this.queueEvents(
      events.map((e) => (typeof e === 'string' ? { eventCode: e, commandKey: '' } : e)),
    );
    this.kick();
    return done;
  }

  /**
   * A change made on the device itself (its user, its own software), not by the ACS: with
   * notification 2 (active) on the parameter the device informs "4 VALUE CHANGE" at once and
   * resolves with that session's record; with 1 (passive) the change goes with the next Inform
   * (undefined); with 0 nothing is reported (TR-069 A.3.2.4).
   */
  changeLocally(path: string, value: string): Promise<SessionRecord> | undefined {
    if (!this.current.values.has(path)) throw new Error(`${path} is not a parameter of the device`);
    this.current = withValue(this.current, path, value);
    if (this.running) this.changedDuringSession.set(path, value);
    const notification = this.current.attributes.get(path)?.notification ?? 0;
    if (notification === 0) return undefined;
    this.changedParameters.add(path);
    if (notification === 1) {
      this.queueEvents([{ eventCode: '4 VALUE CHANGE', commandKey: '' }]);
      return undefined;
    }
    return this.inform(['4 VALUE CHANGE']);
  }

  /** Resolves with the record of the next session to finish. */
  nextSession(): Promise<SessionRecord> {
    return new Promise((resolve) => this.waiters.push(resolve));
  }

  /** First contact (0 BOOTSTRAP) or a power-on (1 BOOT), then periodic informs. */
  boot(bootstrap: boolean): Promise<SessionRecord> {
    const events = bootstrap ? ['0 BOOTSTRAP', '1 BOOT'] : ['1 BOOT'];
    const done = this.inform(events);
    this.schedulePeriodic(true);
    return done;
  }

  async stop(): Promise<void> {
    this.stopped = true;
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    if (this.periodicTimer) clearTimeout(this.periodicTimer);
    await this.running?.catch(() => undefined);
    this.agents.http.destroy();
    this.agents.https.destroy();
    for (const w of this.waiters.splice(0)) w(this.stoppedRecord());
  }

  /** What callers waiting for a session get once the device is stopped. */
  private stoppedRecord(): SessionRecord {
    return {
      events: [],
      rpcs: [],
      appliedKeys: [],
      startedAt: this.now(),
      durationMs: 0,
      error: 'stopped',
    };
  }

  private queueEvents(events: EventStruct[]): void {
    for (const e of events) {
      // Single events (all but "M …") appear once per Inform (TR-069 3.7.1.5).
      const dup = this.pendingEvents.some(
        (p) =>
          p.eventCode === e.eventCode &&
          (!e.eventCode.startsWith('M ') || p.commandKey === e.commandKey),
      );
      if (!dup) this.pendingEvents.push(e);
    }
  }

  /** Runs sessions until nothing is pending; only one runs at a time. */
  private kick(): void {
    if (this.running || this.stopped) return;
    this.running = this.drain().finally(() => {
      this.running = undefined;
      // Events queued after drain's last check (a caller resuming on the finished session's
      // record, in the same tick) would otherwise wait for an unrelated timer.
      if (this.pendingEvents.length > 0 && !this.retryPending) this.kick();
    });
  }

  private async drain(): Promise<void> {
    while (this.pendingEvents.length > 0 && !this.stopped) {
      const events = this.pendingEvents;
      const requests = this.pendingRequests;
      this.pendingEvents = [];
      const changed = events.some((e) => e.eventCode === '4 VALUE CHANGE')
        ? [...this.changedParameters]
        : [];
      const { outcome, startedAt } = await this.options.limiter.run(async () => {
        const start = this.now();
        return { outcome: await this.session(events, requests, changed), startedAt: start };
      });
      this.current = outcome.state;
      for (const [path, value] of this.changedDuringSession) {
        this.current = withValue(this.current, path, value);
      }
      this.changedDuringSession.clear();
      const acknowledged = requests.slice(0, outcome.requestsAcknowledged);
      this.pendingRequests = this.pendingRequests.filter((r) => !acknowledged.includes(r));
      this.record({
        events: events.map((e) =>
          e.eventCode.startsWith('M ') ? `${e.eventCode} ${e.commandKey}` : e.eventCode,
        ),
        rpcs: outcome.rpcs,
        appliedKeys: outcome.appliedKeys,
        startedAt,
        durationMs: this.now() - startedAt,
        ...(outcome.error ? { error: outcome.error.message } : {}),
      });
      // RPCs answered before a failure were carried out: their effects happen regardless.
      this.applyEffects(outcome.effects);
      if (!outcome.informAcknowledged) {
        // Undelivered events go out again with the next attempt (3.2.1.1: retry with back-off).
        const later = this.pendingEvents;
        this.pendingEvents = events;
        this.queueEvents(later);
        this.retryLater();
        return;
      }
      for (const path of changed) this.changedParameters.delete(path);
      this.retryCount = 0;
      this.schedulePeriodic(false);
    }
  }

  private async session(
    events: EventStruct[],
    requests: CpeInitiatedRequest[],
    changed: readonly string[],
  ): Promise<SessionOutcome> {
    const url = URL.parse(this.managementServer('URL') ?? '');
    if (url === null) {
      const error = new Error('ManagementServer.URL is not a URL');
      return {
        state: this.current,
        effects: [],
        rpcs: [],
        appliedKeys: [],
        informAcknowledged: false,
        requestsAcknowledged: 0,
        error,
      };
    }
    const username = this.managementServer('Username') ?? '';
    const password = this.managementServer('Password') ?? '';
    return runSession(
      {
        acsUrl: url,
        auth: username !== '' ? this.authFor(username, password) : undefined,
        agent: url.protocol === 'https:' ? this.agents.https : this.agents.http,
        cwmpVersion: this.options.cwmpVersion,
        now: this.now,
        timeoutMs: this.options.timeoutMs,
      },
      this.current,
      { events, requests, retryCount: this.retryCount, changed },
    );
  }

  private auth: { key: string; auth: ClientAuth } | undefined;

  /** One ClientAuth per credentials, so a Digest nonce is reused across a session's requests. */
  private authFor(username: string, password: string): ClientAuth {
    const key = `${username}\u0000${password}`;
    if (this.auth?.key !== key) this.auth = { key, auth: new ClientAuth(username, password) };
    return this.auth.auth;
  }

  private record(record: SessionRecord): void {
    this.sessions.push(record);
    this.options.onSession?.(this, record);
    for (const w of this.waiters.splice(0)) w(record);
  }

  private retryLater(): void {
    this.retryCount++;
    const seconds = retryDelaySeconds(
      this.retryCount,
      Number(this.managementServer('CWMPRetryMinimumWaitInterval') ?? '5'),
      Number(this.managementServer('CWMPRetryIntervalMultiplier') ?? '2000'),
      Math.random(),
    );
    this.retryPending = true;
    this.after(seconds * 1000, () => {
      this.retryPending = false;
      this.kick();
    });
  }

  private after(ms: number, fn: () => void): void {
    if (this.stopped) return;
    const t = setTimeout(() => {
      this.timers.delete(t);
      fn();
    }, ms);
    this.timers.add(t);
  }

  private applyEffects(effects: DeviceEffect[]): void {
    for (const effect of effects) {
      switch (effect.kind) {
        case 'reboot':
          this.restart(['1 BOOT', { eventCode: 'M Reboot', commandKey: effect.commandKey }], (s) =>
            rebooted(s, this.now()),
          );
          break;
        case 'factoryReset':
          this.restart(['0 BOOTSTRAP', '1 BOOT'], () =>
            createDeviceState(this.options.model, { ...this.options.profile, now: this.now() }),
          );
          break;
        case 'scheduleInform':
          this.after(effect.delaySeconds * 1000, () =>
            this.inform([
              '3 SCHEDULED',
              { eventCode: 'M ScheduleInform', commandKey: effect.commandKey },
            ]),
          );
          break;
        case 'transfer':
          this.startTransfer(effect.transferId);
          break;
        case 'diagnostic':
          void this.runDiagnostic(effect.objectPath);
          break;
        case 'duStateChange':
          this.pendingRequests.push(
            duStateChangeComplete(effect.commandKey, effect.operations, this.now()),
          );
          this.queueEvents([
            { eventCode: '11 DU STATE CHANGE COMPLETE', commandKey: '' },
            { eventCode: 'M ChangeDUState', commandKey: effect.commandKey },
          ]);
          break;
      }
    }
  }

  /**
   * Runs the test once the session that requested it is over, writes its results and
   * DiagnosticsState, then starts a session of its own with "8 DIAGNOSTICS COMPLETE".
   */
  private async runDiagnostic(objectPath: string): Promise<void> {
    const kind = diagnosticObjectsOf(this.current).get(objectPath);
    if (kind === undefined) return;
    const profile = this.options.diagnostics ?? {};
    const outcome =
      profile.error !== undefined
        ? { state: profile.error, values: {} }
        : await runDiagnostic(kind, diagnosticInputs(this.current, objectPath));
    this.after(profile.delayMs ?? 0, () => void this.reportDiagnostic(objectPath, outcome));
  }

  private async reportDiagnostic(objectPath: string, outcome: DiagnosticOutcome): Promise<void> {
    // A session in progress carries the state it started from: write after it.
    while (this.running) await this.running.catch(() => undefined);
    if (this.stopped) return;
    this.current = withDiagnosticOutcome(this.current, objectPath, outcome);
    void this.inform(['8 DIAGNOSTICS COMPLETE']);
  }

  /** Drops connections and timers as a power cycle would, then informs after the reboot delay. */
  private restart(events: (EventStruct | string)[], next: (s: DeviceState) => DeviceState): void {
    for (const t of this.timers) clearTimeout(t);
    this.timers.clear();
    this.agents.http.destroy();
    this.agents.https.destroy();
    this.current = next(this.current);
    this.after(this.options.rebootDelayMs, () => void this.inform(events));
  }

  private startTransfer(transferId: number): void {
    const transfer = transferOf(this.current, transferId);
    if (transfer === undefined) return;
    this.after(transfer.delaySeconds * 1000, () => {
      // Cancelled (CancelTransfer) or wiped (FactoryReset) while waiting.
      const queued = transferOf(this.current, transferId);
      if (queued === undefined || queued.state !== 1) return;
      this.current = withTransferState(this.current, transferId, 2);
      void performTransfer(queued, () => this.configFile(), this.now, this.options.timeoutMs).then(
        ({ content, ...outcome }) => {
          this.current = withoutTransfer(this.current, transferId);
          const profile = queued.method === 'Upload' ? undefined : this.options.transfers;
          if (profile?.outcome === 'silent') return;
          const events = [
            '7 TRANSFER COMPLETE',
            { eventCode: `M ${queued.method}`, commandKey: queued.commandKey },
          ];
          const installation =
            content === undefined ? undefined : installationOf(queued.fileType, content);
          if (profile?.outcome === 'fail' && outcome.faultCode === 0) {
            const faultString = profile.faultString ?? `simulated fault ${profile.faultCode}`;
            this.pendingRequests.push(
              transferComplete(queued, { ...outcome, faultCode: profile.faultCode, faultString }),
            );
            void this.inform(events);
            return;
          }
          if (profile?.outcome === 'rollBack' && installation?.kind === 'firmware') {
            // The image did not take: back on the old version after the reboot.
            this.pendingRequests.push(transferComplete(queued, outcome));
            this.restart(['1 BOOT', ...events], (s) => rebooted(s, this.now()));
            return;
          }
          if (installation?.kind === 'corrupted') {
            const { faultCode, faultString } = installation;
            this.pendingRequests.push(
              transferComplete(queued, { ...outcome, faultCode, faultString }),
            );
          } else {
            this.pendingRequests.push(transferComplete(queued, outcome));
          }
          if (installation?.kind === 'firmware') {
            // A.3.2.8: a firmware image is applied by a reboot; the device then reports it.
            const { version } = installation;
            this.restart(['1 BOOT', ...events], (s) => upgraded(s, version, this.now()));
          } else {
            void this.inform(events);
          }
        },
      );
    });
  }

  /** What an Upload sends: the writable configuration, one "name=value" a line. */
  private configFile(): string {
    const lines: string[] = [];
    for (const [path, value] of this.current.values) {
      if (this.current.model.parameter(path)?.writable) lines.push(`${path}=${value}`);
    }
    return `${lines.join('\n')}\n`;
  }

  /** Periodic Inform (3.2.1): first one at a random phase so devices do not inform in lockstep. */
  private schedulePeriodic(randomPhase: boolean): void {
    const enabled = this.managementServer('PeriodicInformEnable') === 'true';
    const seconds = Number(this.managementServer('PeriodicInformInterval') ?? '0');
    const active = enabled && seconds > 0;
    if (
      !randomPhase &&
      active === (this.periodicTimer !== undefined) &&
      seconds === this.periodicSeconds
    )
      return;
    if (this.periodicTimer) clearTimeout(this.periodicTimer);
    this.periodicTimer = undefined;
    this.periodicSeconds = seconds;
    if (!active || this.stopped) return;
    const delay = (randomPhase ? Math.random() : 1) * seconds * 1000;
    this.periodicTimer = setTimeout(() => {
      this.periodicTimer = undefined;
      this.periodicSeconds = 0;
      void this.inform(['2 PERIODIC']);
      this.schedulePeriodic(false);
    }, delay);
  }
}

function withValue(state: DeviceState, path: string, value: string): DeviceState {
  const values = new Map(state.values);
  values.set(path, value);
  return { ...state, values };
}
