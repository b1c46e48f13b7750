import {
  context as api,
  INVALID_SPAN_CONTEXT,
  SpanKind,
  SpanStatusCode,
  trace,
  TraceFlags,
  type Attributes,
  type AttributeValue,
  type Context,
  type Exception,
  type HrTime,
  type Link,
  type Span,
  type SpanAttributes,
  type SpanContext,
  type SpanOptions,
  type SpanStatus,
  type TimeInput,
  type Tracer,
  type TracerProvider,
} from '@opentelemetry/api';
import {
  isAttributeValue,
  isTimeInputHrTime,
  isTracingSuppressed,
  type InstrumentationScope,
} from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import {
  type ReadableSpan,
  type SpanProcessor,
  type TimedEvent,
} from '@opentelemetry/sdk-trace-base';
import { randomSpanId, randomTraceId } from './ids';

/*
 * The tracer, span and sampler startTelemetry registers, in place of the SDK's
 * BasicTracerProvider: the same spans as the SDK would record (its default limits of 128
 * attributes, events and links per span, invalid attribute values dropped, its time rules, its
 * status rules), the same sampling (parent-based, a share of new traces by trace id, the SDK's
 * TraceIdRatioBased arithmetic, so services on either agree), but per span no sampler object,
 * no attribute copy made twice, no no-op metrics call and no context built for a parent that
 * is already at hand (rpcSpan, endSessionSpan): what the SDK's span code cost a traced session
 * (bench/results.md, issue 16). A span is a `Span` of the API for the code that records on it,
 * and a `ReadableSpan` of the SDK for the processors (the OTLP batch, a test's exporter).
 */

/** The SDK's default span limits (OTEL_*_LIMIT variables are not read). */
const ATTRIBUTES_MAX = 128;
const EVENTS_MAX = 128;
const LINKS_MAX = 128;

/**
 * Whether a new trace with this id is recorded, for a share `ratio` (0…1) of trace ids: the
 * SDK's TraceIdRatioBasedSampler's rule (the XOR of the id's four 32-bit words under the
 * ratio's bound), so a trace started here is sampled as one started by the SDK would be.
 */
export function ratioSampler(ratio: number): (traceId: string) => boolean {
  const share = Number.isNaN(ratio) ? 0 : Math.min(Math.max(ratio, 0), 1);
  const bound = share === 1 ? 0x100000000 : Math.floor(share * 0xffffffff);
  // Ids reach it generated here or parsed by parseTraceparent: valid hex, not checked again.
  return (traceId) => {
    let accumulated = 0;
    for (let at = 0; at < 32; at += 8) {
      let word = 0;
      for (let i = at; i < at + 8; i++) {
        const c = traceId.charCodeAt(i);
        word = (word << 4) | (c < 58 ? c - 48 : c < 71 ? c - 55 : c - 87);
      }
      accumulated = (accumulated ^ word) >>> 0;
    }
    return accumulated < bound;
  };
}

const SAMPLED = TraceFlags.SAMPLED;

let anchoredAt = -Infinity;
let wallOffset = 0;
/**
 * What turns a performance.now() time into epoch ms, read from the wall clock at most once a
 * second: the SDK read Date.now() per span (~1 % of a traced session's CPU) only to follow the
 * wall clock's adjustments, which a second's re-reading follows as well.
 */
function epochOffset(now: number): number {
  if (now - anchoredAt >= 1000) {
    wallOffset = Date.now() - now;
    anchoredAt = now;
  }
  return wallOffset;
}

const NANOS_PER_SECOND = 1e9;

/*
 * A time as seconds and nanoseconds (what an HrTime holds), written by `setTime` here rather
 * than returned as an array: a span's start and end and each event's time were three to six
 * short-lived arrays per span (~10 % of a traced session's telemetry was GC, issue 16). Read
 * right after each setTime call, in the same synchronous step.
 */
let seconds = 0;
let nanos = 0;

/** Epoch ms as seconds and nanoseconds: the SDK's millisToHrTime's arithmetic. */
function setMillis(epochMillis: number): void {
  seconds = Math.trunc(epochMillis / 1000);
  nanos = Math.round((epochMillis % 1000) * 1e6);
}

/** An event with its time as numbers (`ScalarTimes` of the OTLP batch reads them), its HrTime made when asked. */
class EventRecord implements TimedEvent {
  constructor(
    readonly name: string,
    readonly attributes: Attributes,
    readonly droppedAttributesCount: number,
    readonly timeSeconds: number,
    readonly timeNanos: number,
  ) {}

  get time(): HrTime {
    return [this.timeSeconds, this.timeNanos];
  }
}

function copyAttributes(into: Attributes, from: Attributes | undefined, max: number): number {
  let count = 0;
  let dropped = 0;
  for (const key in from) {
    const value = from[key];
    if (value == null || key === '' || !isAttributeValue(value)) continue;
    if (count >= max) {
      dropped++;
      continue;
    }
    into[key] = Array.isArray(value) ? (value.slice() as AttributeValue) : value;
    count++;
  }
  return dropped;
}

/** Ids of a span that must have them (the session span, whose children already point to it). */
export interface SpanIds {
  traceId: string;
  spanId: string;
}

/**
 * A recorded span: handed to its processors when it ends (the OTLP batch writes it then). Not
 * when it starts: the processors startTelemetry makes (the OTLP batch, SimpleSpanProcessor)
 * do nothing then.
 */
export class RecordedSpan implements Span, ReadableSpan {
  readonly attributes: Attributes = {};
  readonly links: Link[] = [];
  readonly events: TimedEvent[] = [];
  readonly startSeconds: number;
  readonly startNanos: number;
  endSeconds = 0;
  endNanos = 0;
  status: SpanStatus = { code: SpanStatusCode.UNSET };
  ended = false;
  droppedAttributesCount = 0;
  droppedEventsCount = 0;
  droppedLinksCount = 0;
  private attributeCount = 0;
  /** performance.now() when the span started, and what turns a performance time into epoch ms. */
  private readonly startedAt: number;
  private readonly offset: number;
  private readonly startGiven: boolean;

  constructor(
    private readonly context: SpanContext,
    public name: string,
    readonly kind: SpanKind,
    readonly parentSpanContext: SpanContext | undefined,
    readonly instrumentationScope: InstrumentationScope,
    private readonly tracer: SpanTracer,
    options: SpanOptions,
  ) {
    this.startedAt = performance.now();
    this.offset = epochOffset(this.startedAt);
    this.startGiven = options.startTime != null;
    this.setTime(options.startTime ?? this.startedAt + this.offset);
    this.startSeconds = seconds;
    this.startNanos = nanos;
    if (options.links) this.addLinks(options.links);
    if (options.attributes) this.setAttributes(options.attributes);
  }

  get startTime(): HrTime {
    return [this.startSeconds, this.startNanos];
  }

  get endTime(): HrTime {
    return [this.endSeconds, this.endNanos];
  }

  /** The SDK's hrTimeDuration. */
  get duration(): HrTime {
    if (!this.ended) return [-1, -1];
    const borrow = this.endNanos < this.startNanos ? 1 : 0;
    return [
      this.endSeconds - this.startSeconds - borrow,
      this.endNanos - this.startNanos + borrow * NANOS_PER_SECOND,
    ];
  }

  get resource(): Resource {
    return this.tracer.resource;
  }

  spanContext(): SpanContext {
    return this.context;
  }

  setAttribute(key: string, value?: AttributeValue): this {
    if (value == null || this.ended || key === '' || !isAttributeValue(value)) return this;
    const known = Object.prototype.hasOwnProperty.call(this.attributes, key);
    if (!known && this.attributeCount >= ATTRIBUTES_MAX) {
      this.droppedAttributesCount++;
      return this;
    }
    this.attributes[key] = Array.isArray(value) ? (value.slice() as AttributeValue) : value;
    if (!known) this.attributeCount++;
    return this;
  }

  setAttributes(attributes: SpanAttributes): this {
    for (const key in attributes) this.setAttribute(key, attributes[key]);
    return this;
  }

  addEvent(name: string, attributesOrTime?: Attributes | TimeInput, time?: TimeInput): this {
    if (this.ended) return this;
    let attributes: Attributes | undefined;
    if (isTimeInput(attributesOrTime)) time = isTimeInput(time) ? time : attributesOrTime;
    else attributes = attributesOrTime;
    const kept: Attributes = {};
    const droppedAttributesCount = copyAttributes(kept, attributes, ATTRIBUTES_MAX);
    this.pushEvent(name, kept, droppedAttributesCount, time);
    return this;
  }

  /**
   * An event whose attributes object was made for it alone, valid values within the limit
   * (traced's call events, several per traced session): kept as it is, without addEvent's
   * checks and copy.
   */
  addOwnEvent(name: string, attributes: Attributes, time: number): void {
    if (!this.ended) this.pushEvent(name, attributes, 0, time);
  }

  private pushEvent(
    name: string,
    attributes: Attributes,
    droppedAttributesCount: number,
    time: TimeInput | undefined,
  ): void {
    if (this.events.length >= EVENTS_MAX) {
      this.events.shift();
      this.droppedEventsCount++;
    }
    this.setTime(time);
    this.events.push(new EventRecord(name, attributes, droppedAttributesCount, seconds, nanos));
  }

  addLink(link: Link): this {
    if (this.ended) return this;
    if (this.links.length >= LINKS_MAX) {
      this.links.shift();
      this.droppedLinksCount++;
    }
    const kept: Link = { context: link.context };
    const attributes: Attributes = {};
    const dropped = copyAttributes(attributes, link.attributes, ATTRIBUTES_MAX);
    for (const _ in attributes) {
      kept.attributes = attributes;
      break;
    }
    if (dropped > 0) kept.droppedAttributesCount = dropped;
    this.links.push(kept);
    return this;
  }

  addLinks(links: Link[]): this {
    for (const link of links) this.addLink(link);
    return this;
  }

  /** UNSET changes nothing and OK is final; a message is kept with ERROR only (the SDK's rules). */
  setStatus(status: SpanStatus): this {
    if (this.ended || status.code === SpanStatusCode.UNSET) return this;
    if (this.status.code === SpanStatusCode.OK) return this;
    this.status =
      status.code === SpanStatusCode.ERROR && typeof status.message === 'string'
        ? { code: status.code, message: status.message }
        : { code: status.code };
    return this;
  }

  updateName(name: string): this {
    if (!this.ended) this.name = name;
    return this;
  }

  end(endTime?: TimeInput): void {
    if (this.ended) return;
    this.setTime(endTime);
    // Before its start: ends at its start.
    const before =
      seconds < this.startSeconds || (seconds === this.startSeconds && nanos < this.startNanos);
    this.endSeconds = before ? this.startSeconds : seconds;
    this.endNanos = before ? this.startNanos : nanos;
    this.ended = true;
    for (const processor of this.tracer.processors) processor.onEnd(this);
  }

  isRecording(): boolean {
    return !this.ended;
  }

  recordException(exception: Exception, time?: TimeInput): void {
    const attributes: Attributes = {};
    if (typeof exception === 'string') attributes['exception.message'] = exception;
    else if (exception) {
      if (exception.code) attributes['exception.type'] = exception.code.toString();
      else if (exception.name) attributes['exception.type'] = exception.name;
      if (exception.message) attributes['exception.message'] = exception.message;
      if (exception.stack) attributes['exception.stacktrace'] = exception.stack;
    }
    if (attributes['exception.type'] || attributes['exception.message']) {
      this.addEvent('exception', attributes, time);
    }
  }

  /**
   * Sets `seconds` and `nanos` to a time given as performance.now() (not after now), epoch ms
   * or Date, HrTime; none: the start plus the time elapsed since (the wall clock's now once a
   * start was given), added as the SDK's addHrTimes does.
   */
  private setTime(input: TimeInput | undefined): void {
    if (typeof input === 'number') {
      setMillis(input <= performance.now() ? input + this.offset : input);
    } else if (input instanceof Date) setMillis(input.getTime());
    else if (input !== undefined && isTimeInputHrTime(input)) {
      seconds = input[0];
      nanos = input[1];
    } else if (this.startGiven) {
      const now = performance.now();
      setMillis(now + epochOffset(now));
    } else {
      setMillis(performance.now() - this.startedAt);
      seconds += this.startSeconds;
      nanos += this.startNanos;
      if (nanos >= NANOS_PER_SECOND) {
        nanos -= NANOS_PER_SECOND;
        seconds += 1;
      }
    }
  }
}

const isTimeInput = (value: unknown): value is TimeInput =>
  typeof value === 'number' || value instanceof Date || isTimeInputHrTime(value);

/** The tracer of one instrumentation scope: parent-based sampling, then a RecordedSpan. */
export class SpanTracer implements Tracer {
  constructor(
    private readonly scope: InstrumentationScope,
    readonly resource: Resource,
    readonly processors: readonly SpanProcessor[],
    /** Whether a new trace is recorded, by its id. */
    private readonly sampleRoot: (traceId: string) => boolean,
  ) {}

  startSpan(name: string, options: SpanOptions = {}, ctx: Context = api.active()): Span {
    if (isTracingSuppressed(ctx)) return trace.wrapSpanContext(INVALID_SPAN_CONTEXT);
    const parent = options.root ? undefined : trace.getSpanContext(ctx);
    const valid = parent !== undefined && trace.isSpanContextValid(parent) ? parent : undefined;
    return this.startChild(name, options, valid);
  }

  /**
   * A span child of `parent` (valid: startSpan checks it, parseTraceparent makes no other; none:
   * a new trace), or with the given `own`
   * ids (no parent): what startSpan does once its parent is known, without a context to read
   * it from. A child is recorded when its parent is sampled, a new trace when `sampleRoot`
   * says so; otherwise a non-recording span holding the new ids and the decision.
   */
  startChild(name: string, options: SpanOptions, parent?: SpanContext, own?: SpanIds): Span {
    let traceId: string;
    let sampled: boolean;
    let traceState;
    if (own === undefined && parent !== undefined) {
      traceId = parent.traceId;
      traceState = parent.traceState;
      sampled = (parent.traceFlags & SAMPLED) !== 0;
    } else {
      parent = undefined;
      traceId = own?.traceId ?? randomTraceId();
      sampled = this.sampleRoot(traceId);
    }
    const spanId = own?.spanId ?? randomSpanId();
    const context: SpanContext = {
      traceId,
      spanId,
      traceFlags: sampled ? SAMPLED : TraceFlags.NONE,
      traceState,
    };
    if (!sampled) return trace.wrapSpanContext(context);
    const kind = options.kind ?? SpanKind.INTERNAL;
    return new RecordedSpan(context, name, kind, parent, this.scope, this, options);
  }

  startActiveSpan<F extends (span: Span) => unknown>(name: string, fn: F): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    options: SpanOptions,
    ctx: Context,
    fn: F,
  ): ReturnType<F>;
  startActiveSpan<F extends (span: Span) => unknown>(
    name: string,
    ...rest: [F] | [SpanOptions, F] | [SpanOptions, Context, F]
  ): ReturnType<F> {
    const fn = rest[rest.length - 1] as F;
    const options = rest.length > 1 ? (rest[0] as SpanOptions) : undefined;
    const parent = rest.length > 2 ? (rest[1] as Context) : api.active();
    const span = this.startSpan(name, options, parent);
    return api.with(trace.setSpan(parent, span), () => fn(span)) as ReturnType<F>;
  }
}

/** The provider startTelemetry registers: a SpanTracer per scope, sharing processors and sampler. */
export class SpanTracerProvider implements TracerProvider {
  private readonly tracers = new Map<string, SpanTracer>();

  constructor(
    private readonly resource: Resource,
    private readonly processors: readonly SpanProcessor[],
    private readonly sampleRoot: (traceId: string) => boolean,
  ) {}

  getTracer(name: string, version?: string, options?: { schemaUrl?: string }): SpanTracer {
    const key = `${name}@${version ?? ''}:${options?.schemaUrl ?? ''}`;
    let known = this.tracers.get(key);
    if (!known) {
      const scope = { name, version, schemaUrl: options?.schemaUrl };
      known = new SpanTracer(scope, this.resource, this.processors, this.sampleRoot);
      this.tracers.set(key, known);
    }
    return known;
  }

  async forceFlush(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.forceFlush()));
  }

  async shutdown(): Promise<void> {
    await Promise.all(this.processors.map((processor) => processor.shutdown()));
  }
}
