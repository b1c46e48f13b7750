import {
  INVALID_SPAN_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type Span,
  type SpanContext,
  type TimeInput,
} from '@opentelemetry/api';
import { randomSpanId, randomTraceId } from './ids';
import { parseTraceparent } from './traceparent';
import { sampledRoot, spanTracer, tracingOn } from './recording';

/*
 * One span per CWMP session, a child span per RPC. A session spans several HTTP requests that
 * may land on different gateway replicas, so no process can hold the session span open.
 * Instead the session's trace and span ids are chosen when it starts and stored (as a
 * traceparent) in the session state; RPC spans use it as their remote parent; whoever ends the
 * session emits the session span itself, with the ids the children already point to
 * (SpanTracer.startChild's `own` ids).
 */

const TRACER = '@meridian/telemetry';

/**
 * A traceparent for a new session: store it in the session state. Sampled (flags 01) when the
 * trace is recorded (startTelemetry's samplePercent; always with tracing off, so a process
 * that does not trace passes on ids that a tracing one downstream records), else 00: then none
 * of the session's spans is recorded, in this process or downstream.
 */
export function newSessionTraceparent(): string {
  const traceId = randomTraceId();
  const sampled = !tracingOn() || sampledRoot(traceId);
  return `00-${traceId}-${randomSpanId()}-${sampled ? '01' : '00'}`;
}

/**
 * The session traceparent parsed last, and what it gave: the `cwmp empty` request's rpcSpan
 * and endSessionSpan read the same one in turn. Not to be changed by its users (a parent).
 */
let lastTraceparent = '';
let lastParsed: SpanContext | undefined;
function sessionContext(traceparent: string): SpanContext | undefined {
  if (traceparent !== lastTraceparent) {
    lastParsed = parseTraceparent(traceparent);
    lastTraceparent = traceparent;
  }
  return lastParsed;
}

const isSampled = (spanContext: SpanContext): boolean =>
  (spanContext.traceFlags & TraceFlags.SAMPLED) !== 0;

export interface SessionSpan {
  /** As returned by newSessionTraceparent when the session started. */
  traceparent: string;
  startTime: TimeInput;
  endTime?: TimeInput;
  name?: string;
  /** Called only when the span is recorded (tracing on, session sampled). */
  attributes?: () => Attributes;
  /** Set when the session ended in error (e.g. a CWMP fault or a timeout). */
  error?: string;
}

/**
 * Emits the session span with the trace and span ids of `traceparent`, recorded if a new trace
 * with its id is (the root sampler, as for any root span); a no-op when tracing is off.
 */
export function endSessionSpan(session: SessionSpan): void {
  // Tracing off: nothing to emit, so the traceparent is not even parsed (once per session).
  if (!tracingOn()) return;
  const parsed = sessionContext(session.traceparent);
  if (!parsed) throw new Error(`invalid session traceparent: ${session.traceparent}`);
  if (!isSampled(parsed)) return;
  const span = spanTracer(TRACER).startChild(
    session.name ?? 'cwmp.session',
    { kind: SpanKind.SERVER, startTime: session.startTime, attributes: session.attributes?.() },
    undefined,
    parsed,
  );
  if (session.error !== undefined) {
    span.setStatus({ code: SpanStatusCode.ERROR, message: session.error });
  }
  span.end(session.endTime);
}

/** What `newSessionTraceparent` makes, and so what the session store holds: handed on as it is. */
const CANONICAL_TRACEPARENT = /^00-(?!0{32})[0-9a-f]{32}-(?!0{16})[0-9a-f]{16}-0[01]$/;

/**
 * An RPC's span with tracing off: records nothing, like the API's non-recording span, and holds
 * the session's traceparent as stored. Its ids are parsed only when asked for (the reducer's
 * step asks for none), and `spanTraceHeaders` hands on the stored text itself when it is what
 * parsing and formatting again would give: a session's two requests parse nothing.
 */
export class UntracedSessionSpan implements Span {
  private parsed: SpanContext | undefined;

  constructor(readonly traceparent: string) {}

  /** The headers a publish under this span carries: `traceparent` as stored, if canonical. */
  traceHeaders(): Record<string, string> | null {
    return CANONICAL_TRACEPARENT.test(this.traceparent) ? { traceparent: this.traceparent } : null;
  }

  spanContext(): SpanContext {
    return (this.parsed ??= parseTraceparent(this.traceparent) ?? INVALID_SPAN_CONTEXT);
  }

  setAttribute(): this {
    return this;
  }

  setAttributes(): this {
    return this;
  }

  addEvent(): this {
    return this;
  }

  addLink(): this {
    return this;
  }

  addLinks(): this {
    return this;
  }

  setStatus(): this {
    return this;
  }

  updateName(): this {
    return this;
  }

  end(): void {}

  isRecording(): boolean {
    return false;
  }

  recordException(): void {}
}

/**
 * Runs `fn` in a span named `name`, child of the session span, passed to `fn`: what `fn` records
 * under it takes it from there (`spanTraceHeaders(span)` for a bus publish, `withSpan` for store
 * calls); nothing is made active. A rejection marks the span as an error and is rethrown.
 * With tracing off (`UntracedSessionSpan`), or for a session not sampled, `fn` gets a
 * non-recording span holding the session's own ids and flags (what spanTraceHeaders passes on),
 * without the tracer.
 */
export async function rpcSpan<T>(
  sessionTraceparent: string,
  name: string,
  fn: (span: Span) => Promise<T> | T,
  attributes?: Attributes,
): Promise<T> {
  if (!tracingOn()) return fn(new UntracedSessionSpan(sessionTraceparent));
  // Remote: the session span is emitted later, possibly by another replica.
  const session = sessionContext(sessionTraceparent) ?? INVALID_SPAN_CONTEXT;
  if (!isSampled(session)) return fn(trace.wrapSpanContext(session));
  const span = spanTracer(TRACER).startChild(
    name,
    { kind: SpanKind.INTERNAL, attributes },
    session,
  );
  try {
    return await fn(span);
  } catch (error) {
    recordError(span, error);
    throw error;
  } finally {
    span.end();
  }
}

/** Marks `span` as failed with `error`'s message. */
export function recordError(span: Span, error: unknown): void {
  if (error instanceof Error) span.recordException(error);
  span.setStatus({
    code: SpanStatusCode.ERROR,
    message: error instanceof Error ? error.message : String(error),
  });
}
