import type { CpeMethodRequest, CwmpEnvelope, CwmpHeader, CwmpVersion } from '@meridian/cwmp';
import type { CommandMessage, DiagnosticRequest, TopicMessages } from '@meridian/contracts';
import type { DataModelId } from '@meridian/data-model';

/**
 * Where a session stands:
 * - awaitingInform: a new session before its Inform, inside one step only (never returned);
 * - cpeRequests: Inform answered; the CPE may send its requests until its empty POST;
 * - awaitingResponse: one ACS request is in flight, its response or Fault is expected;
 * - ended: the session is over; the gateway deletes it.
 */
export type SessionPhase = 'awaitingInform' | 'cpeRequests' | 'awaitingResponse' | 'ended';

/** The ACS request sent to the CPE and not yet answered. */
export interface InFlightRequest {
  /** cwmp:ID of the request, `${sessionId}-${n}`. */
  cwmpId: string;
  commandId: string;
  /** The command's taskId (a step of a task of several commands), echoed in its ResultMessage. */
  taskId?: string;
  /** The command's producer, echoed in its ResultMessage. */
  source: string;
  /**
   * The RPC as sent (withCommandKey applied), echoed in its ResultMessage. Kept here rather than
   * looked up in the queue, which may have lost the command (cancelled) by the time it answers.
   */
  rpc: CpeMethodRequest;
  /** The command's repository file (a Download), echoed in its ResultMessage. */
  fileName?: string;
  /**
   * A diagnostic command's step: the SetParameterValues that requests the test, or the
   * GetParameterValues that reads its results.
   */
  diagnostic?: { step: 'request' | 'results'; request: DiagnosticRequest };
  /** Epoch ms. */
  sentAt: number;
}

/** The queue head's diagnostic, accepted by the CPE in an earlier session and still running. */
export interface AwaitedDiagnostic {
  commandId: string;
  /** Epoch ms after which it ends `expired`. */
  deadline: number;
}

export interface SessionCounters {
  /** HTTP requests of the session, the first (Inform) included. */
  httpRequests: number;
  /** CPE-initiated RPCs answered, Inform included. */
  cpeRequests: number;
  /** ACS requests sent; also the sequence of their cwmp:IDs. */
  acsRequests: number;
  /** Outcomes published to cwmp.results (done, fault, expired). */
  results: number;
}

/** Version of the stored shape, checked by parseSessionState. */
export const SESSION_STATE_VERSION = 3 as const;

/** The whole session, plain JSON: the gateway stores it between HTTP requests. */
export interface SessionState {
  v: typeof SESSION_STATE_VERSION;
  sessionId: string;
  phase: SessionPhase;
  /** null until the Inform is accepted. */
  deviceId: string | null;
  /** Namespace of every reply of the session (the one the CPE's Inform used, or lower). */
  cwmpVersion: CwmpVersion;
  /** What the InformResponse's UseCWMPVersion said ("1.4"), null when not negotiated. */
  useCwmpVersion: string | null;
  /** Epoch ms. */
  startedAt: number;
  /** Epoch ms of the last request. */
  lastActivityAt: number;
  /** Inactivity allowed after lastActivityAt before the session is dead. */
  timeoutMs: number;
  inFlight: InFlightRequest | null;
  /** The device's root data model, from the parameter names of its Inform (null: unknown). */
  dataModel: DataModelId | null;
  /** The queue head's running diagnostic: its results are read before anything else is sent. */
  awaited: AwaitedDiagnostic | null;
  /** Commands finished in this session, so a stale queue snapshot never sends one again. */
  finishedCommandIds: string[];
  /**
   * More commands are likely before the session ends: its Inform was a 0 BOOTSTRAP, or it
   * carried a command of a `SessionConfig.lingerSources` producer.
   */
  linger?: true;
  counters: SessionCounters;
}

/** Settings from the gateway's configuration. */
export interface SessionConfig {
  gatewayId: string;
  /** Inactivity after which a session is dead; a CPE's longer SessionTimeout header extends it. */
  sessionTimeoutMs: number;
  /** CWMP protocol versions the ACS speaks ("1.0" … "1.4"), for UseCWMPVersion. */
  cwmpVersions: readonly string[];
  /**
   * How long a session that would end waits for more commands when they are likely
   * (`SessionState.linger`); 0 or absent: never. Saves a connection request per wave.
   */
  lingerMs?: number;
  /**
   * Hard cap of that wait while the producer is behind or still working on the session's last
   * message (it has answered neither with commands nor with its idle marker): at most half the
   * session's timeout (the device's lease must outlast it), never less than lingerMs; absent:
   * lingerMs.
   */
  lingerMaxMs?: number;
  /** Producers that answer results with further commands (provisioning). */
  lingerSources?: readonly string[];
}

/** What the gateway got in the HTTP POST body. */
export type IncomingMessage =
  | { kind: 'envelope'; envelope: CwmpEnvelope }
  /** Empty body: the CPE has no more requests (TR-069 §3.7.1.3). */
  | { kind: 'empty' }
  /** A well-formed envelope whose body element is no CWMP method the codec knows. */
  | { kind: 'unknownMethod'; method: string; header: CwmpHeader; cwmpVersion: CwmpVersion }
  /** Not decodable. `method` is the body element's name when it could be read. */
  | {
      kind: 'malformed';
      reason: string;
      method?: string;
      header?: CwmpHeader;
      cwmpVersion?: CwmpVersion;
    };

/** One HTTP POST of a CWMP session, as the gateway hands it to the reducer. */
export interface SessionEvent {
  message: IncomingMessage;
  /** Fresh id (e.g. a UUID) used only when this request starts a new session. */
  newSessionId: string;
  /** Remote address of the CPE as the gateway saw it. */
  remoteAddress: string;
  /** The device's command queue in order (SessionStore.queue); [] before the Inform is decoded. */
  queue: readonly CommandMessage[];
  /**
   * With an Inform whose queue head is a diagnostic: when the store says the CPE accepted it in
   * an earlier session (SessionStore.completionDeadline).
   */
  awaited?: AwaitedDiagnostic | null;
}

export type PublishEffect = {
  [T in 'cwmp.inform' | 'cwmp.events' | 'cwmp.results']: {
    kind: 'publish';
    topic: T;
    /** deviceId. */
    key: string;
    message: TopicMessages[T];
  };
}['cwmp.inform' | 'cwmp.events' | 'cwmp.results'];

/** Things the gateway does, in order, before it sends the reply. */
export type SessionEffect =
  | PublishEffect
  /** SessionStore.remove; only after the result before it is acknowledged by the bus. */
  | { kind: 'removeCommand'; deviceId: string; commandId: string }
  /** Delete the stored session and release the device's lease (deviceId null: no lease held). */
  | { kind: 'endSession'; sessionId: string; deviceId: string | null }
  /** SessionStore.awaitCompletion: the CPE runs this diagnostic; its command stays queued. */
  | { kind: 'awaitCompletion'; deviceId: string; commandId: string; deadline: number }
  /** SessionStore.clearCompletion: the diagnostic is over (its result was published). */
  | { kind: 'clearCompletion'; deviceId: string; commandId: string }
  /** Something odd the CPE did that was tolerated: log it, count it. */
  | { kind: 'warn'; message: string }
  /**
   * Last, instead of endSession: nothing is due but more commands are likely. Poll the device's
   * queue until `until` (epoch ms) for a command the session has not finished, and on while the
   * producer is behind or still working on the session's last message (a lingerMs at a time),
   * never past `deadline` (epoch ms); then call resumeAcsTurn with what came (it ends the
   * session when nothing did); the reply waits.
   */
  | { kind: 'awaitCommands'; until: number; deadline: number };

export type SessionReply =
  /** 200 with an envelope; 500 with a SOAP Fault envelope (SOAP 1.1 §6.2). */
  | { kind: 'envelope'; status: 200 | 500; envelope: CwmpEnvelope }
  /** 204 No Content: the ACS has nothing more to send (TR-069 §3.7.2.4). */
  | { kind: 'noContent' }
  /** The request is refused outside of CWMP (no session, undecodable body). */
  | { kind: 'httpError'; status: 400; reason: string };

export interface StepResult {
  state: SessionState;
  reply: SessionReply;
  effects: SessionEffect[];
}
