import { readFileSync } from 'node:fs';
import http from 'node:http';
import https from 'node:https';
import { TraceFlags, type AttributeValue, type Attributes, type HrTime } from '@opentelemetry/api';
import type { InstrumentationScope } from '@opentelemetry/core';
import type { Resource } from '@opentelemetry/resources';
import type { ReadableSpan, SpanProcessor, TimedEvent } from '@opentelemetry/sdk-trace-base';

/*
 * OTLP/HTTP JSON (https://opentelemetry.io/docs/specs/otlp/#json-protobuf-encoding) written
 * straight from the SDK's ended spans: each span becomes its JSON text when it ends, appended
 * at once as UTF-8 to its batch's bytes (ScopeSpans), and a request is those bytes. The SDK's
 * exporter (otlp-transformer) built an object tree per span per batch and stringified it, while
 * the batch processor held the spans themselves for seconds: ~1/5 of what tracing cost a session
 * (bench/results.md). Fields at their default (zero counts, empty lists, unset status) are left
 * out, as OTLP/JSON allows.
 */

/** A string as a JSON literal. */
const text = (value: string): string => JSON.stringify(value);

/**
 * JSON of the names a span repeats (attribute keys, span and event names: a few dozen), made
 * once each: most of a span's string escaping was these. Bounded, in case a caller's names are not.
 */
const NAMES_CACHED = 1024;
const names = new Map<string, string>();
function nameText(name: string): string {
  let json = names.get(name);
  if (json === undefined) {
    json = text(name);
    if (names.size < NAMES_CACHED) names.set(name, json);
  }
  return json;
}

/**
 * `{"key":<name>,"value":` of an attribute name, made once per name as nameText's JSON is
 * (bounded by the same count): the fragment every attribute of every span starts with.
 */
const keys = new Map<string, string>();
function keyText(key: string): string {
  let json = keys.get(key);
  if (json === undefined) {
    json = `{"key":${text(key)},"value":`;
    if (keys.size < NAMES_CACHED) keys.set(key, json);
  }
  return json;
}

/** OTLP's fixed64 nanoseconds (an HrTime's two numbers), as the decimal string OTLP/JSON takes, without BigInt. */
export function unixNanos(seconds: number, nanos: number): string {
  const fraction = String(nanos);
  return seconds === 0 ? fraction : `${seconds}${'000000000'.slice(fraction.length)}${fraction}`;
}

/**
 * A span's times as numbers, as our tracer's spans hold them (tracer.ts): read without the
 * `startTime`/`endTime` HrTime arrays a ReadableSpan makes when asked (an SDK span's are read).
 */
interface ScalarTimes {
  startSeconds: number;
  startNanos: number;
  endSeconds: number;
  endNanos: number;
}
/** An event's time as numbers (tracer.ts's events). */
interface ScalarTime {
  timeSeconds: number;
  timeNanos: number;
}

const timeText = (time: HrTime): string => unixNanos(time[0], time[1]);

function eventTime(event: TimedEvent): string {
  const scalar = event as Partial<ScalarTime>;
  return scalar.timeSeconds === undefined
    ? timeText(event.time)
    : unixNanos(scalar.timeSeconds, scalar.timeNanos!);
}

function anyValue(value: AttributeValue | undefined | null): string {
  switch (typeof value) {
    case 'string':
      return `{"stringValue":${text(value)}}`;
    case 'boolean':
      return `{"boolValue":${value}}`;
    case 'number':
      return Number.isInteger(value) ? `{"intValue":${value}}` : `{"doubleValue":${value}}`;
    default:
      return Array.isArray(value)
        ? `{"arrayValue":{"values":[${value.map((v) => anyValue(v)).join(',')}]}}`
        : '{}';
  }
}

/** `,"attributes":[…]`, or nothing when there are none. */
function attributes(attrs: Attributes): string {
  let out = '';
  for (const key in attrs) {
    out += `${out ? ',' : ''}${keyText(key)}${anyValue(attrs[key])}}`;
  }
  return out ? `,"attributes":[${out}]` : '';
}

const dropped = (name: string, count: number): string => (count > 0 ? `,"${name}":${count}` : '');

// OTLP span flags: the W3C trace flags, and whether the parent's remoteness is known and true.
const HAS_IS_REMOTE = 0x100;
const IS_REMOTE = 0x200;

/** One ended span as an OTLP/JSON Span. */
export function encodeSpan(span: ReadableSpan): string {
  const context = span.spanContext();
  const parent = span.parentSpanContext;
  let out = `{"traceId":"${context.traceId}","spanId":"${context.spanId}"`;
  if (parent?.spanId) out += `,"parentSpanId":"${parent.spanId}"`;
  const state = context.traceState?.serialize();
  if (state) out += `,"traceState":${text(state)}`;
  // OTLP's SpanKind counts from 1 (0 is unspecified), the API's from 0.
  out += `,"name":${nameText(span.name)},"kind":${span.kind + 1}`;
  const times = span as Partial<ScalarTimes> & ReadableSpan;
  out +=
    times.startSeconds === undefined
      ? `,"startTimeUnixNano":"${timeText(span.startTime)}","endTimeUnixNano":"${timeText(span.endTime)}"`
      : `,"startTimeUnixNano":"${unixNanos(times.startSeconds, times.startNanos!)}","endTimeUnixNano":"${unixNanos(times.endSeconds!, times.endNanos!)}"`;
  out +=
    attributes(span.attributes) + dropped('droppedAttributesCount', span.droppedAttributesCount);
  if (span.events.length > 0) {
    const events = span.events.map(
      (event) =>
        `{"timeUnixNano":"${eventTime(event)}","name":${nameText(event.name)}` +
        `${attributes(event.attributes ?? {})}${dropped('droppedAttributesCount', event.droppedAttributesCount ?? 0)}}`,
    );
    out += `,"events":[${events.join(',')}]`;
  }
  out += dropped('droppedEventsCount', span.droppedEventsCount);
  if (span.links.length > 0) {
    const links = span.links.map(
      (link) =>
        `{"traceId":"${link.context.traceId}","spanId":"${link.context.spanId}"` +
        `${attributes(link.attributes ?? {})}}`,
    );
    out += `,"links":[${links.join(',')}]`;
  }
  out += dropped('droppedLinksCount', span.droppedLinksCount);
  const { code, message } = span.status;
  if (code !== 0)
    out += `,"status":{"code":${code}${message ? `,"message":${text(message)}` : ''}}`;
  const flags = (context.traceFlags & 0xff) | HAS_IS_REMOTE | (parent?.isRemote ? IS_REMOTE : 0);
  return `${out},"flags":${flags}}`;
}

/** Bytes of a batch's buffer: ~100 spans of an Inform-only session. */
const CHUNK_BYTES = 64 * 1024;

/**
 * The spans of one instrumentation scope in a batch: their JSON as UTF-8, comma-separated.
 * Written when each span ends, so neither the span nor its text outlives that call, and a batch
 * held for up to a second is bytes outside V8's heap that no garbage collection copies or walks
 * (held as strings, sampled traces slow enough to fill a batch by its timer cost more than every
 * trace recorded: bench/results.md). In buffers of their own, sent as they are: a buffer grown
 * by copying, then the request's copy of it all, cost ~4 % of a traced session's telemetry.
 */
export class ScopeSpans {
  private readonly full: Buffer[] = [];
  private bytes = Buffer.allocUnsafe(CHUNK_BYTES);
  private length = 0;
  count = 0;

  constructor(
    /** The scope's JSON (`{"name":…}`). */
    readonly scope: string,
  ) {}

  append(spanJson: string): void {
    // UTF-8 takes at most 3 bytes per UTF-16 code unit; one more for the comma.
    const room = spanJson.length * 3 + 1;
    if (this.length + room > this.bytes.length) {
      this.full.push(this.bytes.subarray(0, this.length));
      this.bytes = Buffer.allocUnsafe(Math.max(CHUNK_BYTES, room));
      this.length = 0;
    }
    if (this.count > 0) this.bytes[this.length++] = 0x2c;
    this.length += this.bytes.write(spanJson, this.length, 'utf8');
    this.count++;
  }

  /** The spans written so far. */
  spans(): Buffer[] {
    return [...this.full, this.bytes.subarray(0, this.length)];
  }
}

/** An ExportTraceServiceRequest of one resource and the spans of `scopes`, as UTF-8 parts. */
export function exportRequest(resource: Resource, scopes: Iterable<ScopeSpans>): Buffer[] {
  const parts: Buffer[] = [
    Buffer.from(
      `{"resourceSpans":[{"resource":{${attributes(resource.attributes).slice(1)}},"scopeSpans":[`,
    ),
  ];
  let first = true;
  for (const scope of scopes) {
    parts.push(
      Buffer.from(`${first ? '' : ','}{"scope":${scope.scope},"spans":[`),
      ...scope.spans(),
    );
    parts.push(Buffer.from(']}'));
    first = false;
  }
  parts.push(Buffer.from(']}]}'));
  return parts;
}

/** The `code` of the process warning saying spans are being dropped. */
export const OTLP_EXPORT_WARNING = 'MERIDIAN_OTLP_EXPORT';

export interface OtlpJsonOptions {
  /** The receiver's traces URL (`…/v1/traces`). */
  url: string;
  resource: Resource;
  /** A batch is sent when it holds this many spans (default 512, the SDK's)… */
  maxBatchSpans?: number;
  /** …or this long after its first span (default 1,000 ms). */
  delayMs?: number;
  /** Spans held (batched or being sent) at most; more are dropped, counted (default 8,192). */
  maxQueuedSpans?: number;
  /** How long a POST may take (default 10 s). */
  timeoutMs?: number;
  /** Sent with every POST: a collector's credentials (`otlpHeadersFromEnv`). */
  headers?: Readonly<Record<string, string>>;
  /** An https:// receiver's CAs, and a client certificate and key for it (`otlpTlsFromEnv`). */
  tls?: OtlpTls;
}

export interface OtlpTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/**
 * The PEM files OpenTelemetry's exporters take from the environment for an https:// collector,
 * read: `OTEL_EXPORTER_OTLP_TRACES_CERTIFICATE` (else `OTEL_EXPORTER_OTLP_CERTIFICATE`), the
 * CAs to trust, and `…_CLIENT_CERTIFICATE` with `…_CLIENT_KEY`, the exporter's own (mutual TLS).
 */
export function otlpTlsFromEnv(
  env: NodeJS.ProcessEnv,
  read: (file: string) => Buffer = readFileSync,
): OtlpTls {
  const file = (name: string): Buffer | undefined => {
    const path = env[`OTEL_EXPORTER_OTLP_TRACES_${name}`] ?? env[`OTEL_EXPORTER_OTLP_${name}`];
    return path ? read(path) : undefined;
  };
  const tls: OtlpTls = {};
  const ca = file('CERTIFICATE');
  const cert = file('CLIENT_CERTIFICATE');
  const key = file('CLIENT_KEY');
  if (ca) tls.ca = ca;
  if (cert) tls.cert = cert;
  if (key) tls.key = key;
  return tls;
}

/**
 * The headers OpenTelemetry's exporters take from the environment (a collector's API key or
 * authorization): `OTEL_EXPORTER_OTLP_TRACES_HEADERS`, else `OTEL_EXPORTER_OTLP_HEADERS`, as
 * `key=value` pairs separated by commas, values percent-encoded. A pair without `=` is skipped.
 */
export function otlpHeadersFromEnv(env: NodeJS.ProcessEnv): Record<string, string> {
  const list = env.OTEL_EXPORTER_OTLP_TRACES_HEADERS ?? env.OTEL_EXPORTER_OTLP_HEADERS ?? '';
  const headers: Record<string, string> = {};
  for (const pair of list.split(',')) {
    const at = pair.indexOf('=');
    if (at <= 0) continue;
    const key = pair.slice(0, at).trim();
    if (key) headers[key] = decodeURIComponent(pair.slice(at + 1).trim());
  }
  return headers;
}

/**
 * Batches ended, sampled spans as OTLP/JSON and POSTs them (keep-alive). A batch that fails
 * (collector down or refusing) is dropped, not retried: tracing never holds a process's memory
 * or delays its shutdown for a collector; the first drop after a sent batch is a process warning.
 * Batches are sent one at a time.
 */
export class OtlpJsonSpanProcessor implements SpanProcessor {
  private readonly url: URL;
  private readonly agent: http.Agent;
  private readonly maxBatchSpans: number;
  private readonly delayMs: number;
  private readonly maxQueuedSpans: number;
  private readonly timeoutMs: number;
  /**
   * The batch being filled, by scope: the object a tracer gives each of its spans (a key made of
   * its name and version per span cost more than the Map's lookup).
   */
  private batch = new Map<InstrumentationScope, ScopeSpans>();
  private batchSpans = 0;
  /** Spans in batches handed to `sending` and not yet sent. */
  private sendingSpans = 0;
  private sending: Promise<void> = Promise.resolve();
  private timer: NodeJS.Timeout | undefined;
  private droppedSpans = 0;
  /** Since the last batch sent, spans have been dropped (and said so once). */
  private failing = false;
  /** The resource's attributes may be detected asynchronously (host.id): awaited once. */
  private readonly resourceReady: Promise<unknown>;
  /** The scopes' JSON, by `name@version`. */
  private readonly scopes = new Map<string, string>();

  constructor(private readonly options: OtlpJsonOptions) {
    this.url = new URL(options.url);
    const Agent = this.url.protocol === 'https:' ? https.Agent : http.Agent;
    this.agent = new Agent({ keepAlive: true, maxSockets: 1, ...options.tls });
    this.maxBatchSpans = options.maxBatchSpans ?? 512;
    this.delayMs = options.delayMs ?? 1000;
    this.maxQueuedSpans = options.maxQueuedSpans ?? 8192;
    this.timeoutMs = options.timeoutMs ?? 10_000;
    this.resourceReady = Promise.resolve(options.resource.waitForAsyncAttributes?.());
  }

  onStart(): void {}

  onEnd(span: ReadableSpan): void {
    if ((span.spanContext().traceFlags & TraceFlags.SAMPLED) === 0) return;
    if (this.batchSpans + this.sendingSpans >= this.maxQueuedSpans) {
      this.droppedSpans++;
      this.warnOnce('the export queue is full');
      return;
    }
    const scope = span.instrumentationScope;
    let spans = this.batch.get(scope);
    if (spans === undefined) {
      spans = new ScopeSpans(this.scopeOf(scope));
      this.batch.set(scope, spans);
    }
    spans.append(encodeSpan(span));
    this.batchSpans++;
    if (this.batchSpans >= this.maxBatchSpans) void this.send();
    else this.timer ??= setTimeout(() => void this.send(), this.delayMs).unref();
  }

  forceFlush(): Promise<void> {
    return this.send();
  }

  async shutdown(): Promise<void> {
    await this.send();
    this.agent.destroy();
  }

  /**
   * A process warning (stderr) when spans start being dropped; not again until a batch is sent:
   * a collector that stays down is one line, not one per batch.
   */
  private warnOnce(reason: string): void {
    if (this.failing) return;
    this.failing = true;
    process.emitWarning(
      `OTLP export to ${this.url.href}: ${reason}; spans are dropped until a batch is sent (${this.droppedSpans} so far)`,
      { code: OTLP_EXPORT_WARNING },
    );
  }

  private scopeOf({ name, version }: InstrumentationScope): string {
    const key = `${name}@${version ?? ''}`;
    let scope = this.scopes.get(key);
    if (scope === undefined) {
      scope = `{"name":${text(name)}${version ? `,"version":${text(version)}` : ''}}`;
      this.scopes.set(key, scope);
    }
    return scope;
  }

  /** Hands the current batch to the sending chain; resolves once everything before it is sent. */
  private send(): Promise<void> {
    clearTimeout(this.timer);
    this.timer = undefined;
    if (this.batchSpans === 0) return this.sending;
    const batch = this.batch;
    const count = this.batchSpans;
    this.batch = new Map();
    this.batchSpans = 0;
    this.sendingSpans += count;
    this.sending = this.sending
      .then(() => this.resourceReady)
      .then(() => this.post(exportRequest(this.options.resource, batch.values())))
      .then(
        () => {
          this.failing = false;
        },
        (error: unknown) => {
          this.droppedSpans += count;
          this.warnOnce(error instanceof Error ? error.message : String(error));
        },
      )
      .finally(() => {
        this.sendingSpans -= count;
      });
    return this.sending;
  }

  /**
   * `again`: a request written on a kept-alive socket that the receiver closed while it was idle
   * fails before any answer (ECONNRESET, "socket hang up"); it is sent once more, on a new
   * socket, as Node's documentation advises, rather than dropping a batch the receiver never read.
   */
  private post(body: Buffer[], again = true): Promise<void> {
    const transport = this.url.protocol === 'https:' ? https : http;
    return new Promise((resolve, reject) => {
      const request = transport.request(
        this.url,
        {
          method: 'POST',
          agent: this.agent,
          timeout: this.timeoutMs,
          headers: {
            ...this.options.headers,
            'Content-Type': 'application/json',
            'Content-Length': body.reduce((bytes, part) => bytes + part.length, 0),
          },
        },
        (response) => {
          response.resume();
          response.on('end', () => {
            const status = response.statusCode ?? 0;
            if (status >= 200 && status < 300) resolve();
            else reject(new Error(`OTLP receiver answered ${status}`));
          });
          response.on('error', reject);
        },
      );
      request.on('timeout', () => request.destroy(new Error('OTLP export timed out')));
      request.on('error', (error: NodeJS.ErrnoException) => {
        if (again && request.reusedSocket && error.code === 'ECONNRESET') {
          resolve(this.post(body, false));
        } else reject(error);
      });
      // Corked: the parts go out in one write, as one body would.
      request.cork();
      for (const part of body) request.write(part);
      request.end();
    });
  }
}
