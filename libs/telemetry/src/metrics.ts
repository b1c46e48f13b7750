import { X509Certificate } from 'node:crypto';
import {
  metrics as globalMetrics,
  type Counter,
  type Gauge,
  type Histogram,
  type Meter,
  type MeterProvider as ApiMeterProvider,
  type ObservableGauge,
  type UpDownCounter,
} from '@opentelemetry/api';
import { PrometheusExporter, PrometheusSerializer } from '@opentelemetry/exporter-prometheus';
import { emptyResource } from '@opentelemetry/resources';
import { MeterProvider, type CollectionResult } from '@opentelemetry/sdk-metrics';
import { SummedCounter, SummedHistogram } from './summed';

/*
 * Meridian's metrics: OpenTelemetry instruments (the SDK of the traces, 0.223/2.x for Node 20)
 * read by its Prometheus exporter on each scrape. No label ever names a device, a session or a
 * command: every label takes a bounded set of values (RPC names, fault codes, event codes,
 * topics, routes, status codes).
 */

const METER = '@meridian/telemetry';

/** Seconds: sub-millisecond CWMP handling up to slow CPEs and long sessions. */
const SECONDS = [
  0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30,
];
const SESSION_SECONDS = [0.01, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10, 30, 60, 120, 300];
const AGE_SECONDS = [0.01, 0.1, 0.5, 1, 5, 15, 60, 300, 900, 3600, 21600, 86400];
/** A firmware image to a CPE: seconds on a LAN, many minutes over DSL. */
const TRANSFER_SECONDS = [0.1, 0.5, 1, 5, 15, 30, 60, 120, 300, 600, 1800, 3600];
const DEPTH = [0, 1, 2, 5, 10, 20, 50, 100, 500];

export interface MetricDefinition {
  name: string;
  type: 'counter' | 'gauge' | 'histogram';
  labels: readonly string[];
  help: string;
}

/** Every metric Meridian exports: the README's table is checked against this list. */
export const METRIC_DEFINITIONS = {
  cwmpRpcs: {
    name: 'meridian_cwmp_rpcs_total',
    type: 'counter',
    labels: ['rpc', 'outcome'],
    help: 'CWMP RPCs completed in sessions (CPE-initiated when answered, ACS-initiated when the CPE responded); outcome ok or fault',
  },
  cwmpRpcFaults: {
    name: 'meridian_cwmp_rpc_faults_total',
    type: 'counter',
    labels: ['rpc', 'code'],
    help: 'CWMP faults by RPC and fault code (CPE faults to ACS requests, ACS faults to CPE requests)',
  },
  cwmpRpcDuration: {
    name: 'meridian_cwmp_rpc_duration_seconds',
    type: 'histogram',
    labels: ['rpc'],
    help: 'ACS-initiated RPCs: from the request sent to the CPE to its response; CPE-initiated RPCs: the gateway handling the request',
  },
  cwmpSessionsStarted: {
    name: 'meridian_cwmp_sessions_started_total',
    type: 'counter',
    labels: ['cwmp_version'],
    help: 'CWMP sessions started (Inform accepted) by this replica',
  },
  cwmpSessionsActive: {
    name: 'meridian_cwmp_sessions_active',
    type: 'gauge',
    labels: [],
    help: 'Live CWMP sessions on this replica (what MERIDIAN_CWMP_MAX_SESSIONS bounds)',
  },
  cwmpSessionsCompleted: {
    name: 'meridian_cwmp_sessions_completed_total',
    type: 'counter',
    labels: ['cwmp_version', 'outcome'],
    help: "CWMP sessions ended; outcome ok, timeout, lease_lost or superseded (by a new Inform on its connection, or the device's BOOT)",
  },
  cwmpSessionsRejected: {
    name: 'meridian_cwmp_sessions_rejected_total',
    type: 'counter',
    labels: ['reason'],
    help: 'New sessions answered 503 + Retry-After; reason overload, backlog, linger_limit, device_busy or draining',
  },
  cwmpSessionDuration: {
    name: 'meridian_cwmp_session_duration_seconds',
    type: 'histogram',
    labels: ['outcome'],
    help: 'CWMP session length, Inform to end',
  },
  cwmpTlsHandshakes: {
    name: 'meridian_cwmp_tls_handshakes_total',
    type: 'counter',
    labels: ['resumed'],
    help: 'TLS handshakes of CPE connections; resumed true when the CPE resumed its session with a ticket (any replica sharing MERIDIAN_CWMP_TLS_TICKET_KEYS), false for a full handshake',
  },
  tlsCertificateExpiry: {
    name: 'meridian_tls_certificate_expiry_timestamp_seconds',
    type: 'gauge',
    labels: ['listener'],
    help: 'When the certificate a listener presents expires (its notAfter, Unix seconds): cwmp, cwmp-ecdsa, nbi or files; follows a renewal read from the files',
  },
  cwmpLingers: {
    name: 'meridian_cwmp_lingers_total',
    type: 'counter',
    labels: ['ended'],
    help: "Sessions held open for provisioning's next wave, by how the wait ended: command (one came), idle (provisioning had nothing more), caught_up (nothing more behind it) or cap (MERIDIAN_CWMP_LINGER_MAX_MS)",
  },
  cwmpLingerLimit: {
    name: 'meridian_cwmp_linger_limit',
    type: 'gauge',
    labels: [],
    help: 'New 0 BOOTSTRAP sessions this replica runs at once, adapted to how fast provisioning answers their waves (MERIDIAN_CWMP_LINGER_LIMIT_INITIAL at start); beyond it a session is held, then refused (linger_limit)',
  },
  cwmpInforms: {
    name: 'meridian_cwmp_informs_total',
    type: 'counter',
    labels: ['event'],
    help: 'Inform event codes received ("0 BOOTSTRAP", "2 PERIODIC", …; vendor "X …" codes as "X")',
  },
  cwmpQueueDepth: {
    name: 'meridian_cwmp_command_queue_depth',
    type: 'histogram',
    labels: [],
    help: "Commands in the device's queue when its session starts",
  },
  cwmpQueueAge: {
    name: 'meridian_cwmp_command_queue_age_seconds',
    type: 'histogram',
    labels: [],
    help: 'Age of a command (since its producer created it) when the gateway sends it to the CPE',
  },
  connectionRequests: {
    name: 'meridian_cwmp_connection_requests_total',
    type: 'counter',
    labels: ['method', 'outcome'],
    help: 'Connection request series; method http, udp or none, outcome sent or failed',
  },
  kafkaConsumerLag: {
    name: 'meridian_kafka_consumer_lag_messages',
    type: 'gauge',
    labels: ['topic', 'group'],
    help: 'Messages behind the high watermark after the last batch, summed over the partitions this process consumes',
  },
  uspRequests: {
    name: 'meridian_usp_requests_total',
    type: 'counter',
    labels: ['msg_type', 'outcome'],
    help: 'USP requests from Controllers answered by the translator, by request type (get, set, add, delete, operate, …); outcome ok, or the err_code of the Error that answered it',
  },
  uspRequestDuration: {
    name: 'meridian_usp_request_duration_seconds',
    type: 'histogram',
    labels: ['msg_type'],
    help: 'USP requests: from the Msg decoded to its answer (the CWMP exchanges with the CPE included)',
  },
  uspRecordsRefused: {
    name: 'meridian_usp_records_refused_total',
    type: 'counter',
    labels: ['reason'],
    help: 'USP Records the translator did not process: reason the Record error (7005 too large, 7100-7104) or unknown_agent (to_id names no registered device)',
  },
  uspNotifies: {
    name: 'meridian_usp_notifies_total',
    type: 'counter',
    labels: ['notif_type', 'outcome'],
    help: 'USP Notify messages to Controllers by type (ValueChange, Event, ObjectCreation, ObjectDeletion, OperationComplete, OnBoardRequest); outcome sent, resent (NotifRetry) or expired (no NotifyResp before NotifExpiration)',
  },
  busDeadLetters: {
    name: 'meridian_bus_dead_letters_total',
    type: 'counter',
    labels: ['topic', 'cause'],
    help: 'Messages a consumer set aside on the dead-letter topic (<topic>.dlq), by the topic it read; cause invalid (the message failed its schema) or failed (the handler failed every attempt)',
  },
  kafkaProduceDuration: {
    name: 'meridian_kafka_produce_duration_seconds',
    type: 'histogram',
    labels: ['topic', 'outcome'],
    help: 'Publishing one message until the broker acknowledged it (acks=all)',
  },
  datastoreCallDuration: {
    name: 'meridian_datastore_call_duration_seconds',
    type: 'histogram',
    labels: ['system', 'operation', 'outcome'],
    help: 'Calls to Redis (session store) and MongoDB/SQLite (store); operation is the port method',
  },
  provisioningPlans: {
    name: 'meridian_provisioning_plans_total',
    type: 'counter',
    labels: ['trigger'],
    help: 'Planner steps taken; trigger inform or result (not the Informs of a settled device that change nothing the planner reads)',
  },
  provisioningCommands: {
    name: 'meridian_provisioning_commands_total',
    type: 'counter',
    labels: [],
    help: 'Commands the planner published',
  },
  provisioningFaults: {
    name: 'meridian_provisioning_faults_total',
    type: 'counter',
    labels: ['kind'],
    help: 'Device faults the planner raised; kind preset (a preset failed MERIDIAN_PRESET_MAX_FAILURES times), conflict, …',
  },
  nbiRequests: {
    name: 'meridian_nbi_requests_total',
    type: 'counter',
    labels: ['method', 'route', 'status'],
    help: 'NBI requests by route template (/devices/:deviceId, …) and status code',
  },
  nbiRequestDuration: {
    name: 'meridian_nbi_request_duration_seconds',
    type: 'histogram',
    labels: ['method', 'route'],
    help: 'NBI request handling time',
  },
  filesRequests: {
    name: 'meridian_files_requests_total',
    type: 'counter',
    labels: ['method', 'status'],
    help: 'File server (firmware service, all-in-one) requests by method (GET, HEAD, other) and status code',
  },
  filesSentBytes: {
    name: 'meridian_files_sent_bytes_total',
    type: 'counter',
    labels: [],
    help: 'File content bytes the file server streamed to CPEs (whole files and ranges)',
  },
  filesTransfersActive: {
    name: 'meridian_files_transfers_active',
    type: 'gauge',
    labels: [],
    help: 'Downloads streaming now',
  },
  filesTransferDuration: {
    name: 'meridian_files_transfer_duration_seconds',
    type: 'histogram',
    labels: ['outcome'],
    help: 'A download from its first byte to its last; outcome complete, or aborted when the CPE went away (it may resume with a Range)',
  },
  campaignDevices: {
    name: 'meridian_campaign_devices',
    type: 'gauge',
    labels: ['campaign', 'state'],
    help: 'Devices of each running or paused campaign (its campaignId) by state: pending, inFlight, succeeded, failed, skipped (firmware service, all-in-one)',
  },
  campaignOutcomes: {
    name: 'meridian_campaign_outcomes_total',
    type: 'counter',
    labels: ['outcome', 'code'],
    help: 'Campaign devices ended by their transfer outcome (succeeded, failed, rolledBack, timedOut) and CWMP fault code (none without one)',
  },
} as const satisfies Record<string, MetricDefinition>;

type Definitions = typeof METRIC_DEFINITIONS;

const counter = (meter: Meter, key: keyof Definitions): SummedCounter =>
  new SummedCounter(meter, METRIC_DEFINITIONS[key]);

/**
 * The metrics port of Meridian's features: the instruments they record into and the Prometheus
 * text they are read as. The app creates one per process, provides it as METRICS, and registers
 * it globally so adapter wrappers (traced(), the Kafka bus) record into it too.
 */
export class Metrics {
  /** Every histogram of this process (the adapters' too), read on each scrape. */
  private readonly histograms: SummedHistogram[] = [];
  private readonly exporter = new PrometheusExporter({
    preventServerStart: true,
    withoutScopeInfo: true,
    withoutTargetInfo: true,
    metricProducers: [{ collect: async () => this.collectHistograms() }],
  });
  private readonly serializer = new PrometheusSerializer('', false, undefined, true, true);
  readonly provider = new MeterProvider({ readers: [this.exporter] });
  private readonly meter = this.provider.getMeter(METER);

  readonly cwmpRpcs = counter(this.meter, 'cwmpRpcs');
  readonly cwmpRpcFaults = counter(this.meter, 'cwmpRpcFaults');
  readonly cwmpRpcDuration = this.histogram('cwmpRpcDuration', SECONDS);
  readonly cwmpSessionsStarted = counter(this.meter, 'cwmpSessionsStarted');
  readonly cwmpSessionsActive: ObservableGauge = this.meter.createObservableGauge(
    METRIC_DEFINITIONS.cwmpSessionsActive.name,
    { description: METRIC_DEFINITIONS.cwmpSessionsActive.help },
  );
  readonly cwmpSessionsCompleted = counter(this.meter, 'cwmpSessionsCompleted');
  readonly cwmpSessionsRejected = counter(this.meter, 'cwmpSessionsRejected');
  readonly cwmpSessionDuration = this.histogram('cwmpSessionDuration', SESSION_SECONDS);
  readonly cwmpLingers = counter(this.meter, 'cwmpLingers');
  readonly cwmpTlsHandshakes = counter(this.meter, 'cwmpTlsHandshakes');
  private readonly tlsCertificateExpiry: Gauge = this.meter.createGauge(
    METRIC_DEFINITIONS.tlsCertificateExpiry.name,
    { description: METRIC_DEFINITIONS.tlsCertificateExpiry.help },
  );
  readonly cwmpLingerLimit: ObservableGauge = this.meter.createObservableGauge(
    METRIC_DEFINITIONS.cwmpLingerLimit.name,
    { description: METRIC_DEFINITIONS.cwmpLingerLimit.help },
  );
  readonly cwmpInforms = counter(this.meter, 'cwmpInforms');
  readonly cwmpQueueDepth = this.histogram('cwmpQueueDepth', DEPTH, '');
  readonly cwmpQueueAge = this.histogram('cwmpQueueAge', AGE_SECONDS);
  readonly connectionRequests = counter(this.meter, 'connectionRequests');
  readonly provisioningPlans = counter(this.meter, 'provisioningPlans');
  readonly provisioningCommands = counter(this.meter, 'provisioningCommands');
  readonly provisioningFaults = counter(this.meter, 'provisioningFaults');
  readonly nbiRequests = counter(this.meter, 'nbiRequests');
  readonly nbiRequestDuration = this.histogram('nbiRequestDuration', SECONDS);
  readonly filesRequests = counter(this.meter, 'filesRequests');
  readonly filesSentBytes = counter(this.meter, 'filesSentBytes');
  readonly filesTransfersActive: UpDownCounter = this.meter.createUpDownCounter(
    METRIC_DEFINITIONS.filesTransfersActive.name,
    { description: METRIC_DEFINITIONS.filesTransfersActive.help },
  );
  readonly filesTransferDuration = this.histogram('filesTransferDuration', TRANSFER_SECONDS);
  readonly campaignDevices: ObservableGauge = this.meter.createObservableGauge(
    METRIC_DEFINITIONS.campaignDevices.name,
    { description: METRIC_DEFINITIONS.campaignDevices.help },
  );
  readonly campaignOutcomes = counter(this.meter, 'campaignOutcomes');
  readonly datastoreCallDuration = this.histogram('datastoreCallDuration', SECONDS);
  readonly kafkaProduceDuration = this.histogram('kafkaProduceDuration', SECONDS);
  readonly busDeadLetters = counter(this.meter, 'busDeadLetters');
  readonly uspRequests = counter(this.meter, 'uspRequests');
  readonly uspRequestDuration = this.histogram('uspRequestDuration', SECONDS);
  readonly uspRecordsRefused = counter(this.meter, 'uspRecordsRefused');
  readonly uspNotifies = counter(this.meter, 'uspNotifies');

  /** The certificate (PEM, the leaf first) `listener` presents from now on: its expiry. */
  certificateInUse(listener: 'cwmp' | 'cwmp-ecdsa' | 'nbi' | 'files', pem: string | Buffer): void {
    const notAfter = Date.parse(new X509Certificate(pem).validTo) / 1000;
    this.tlsCertificateExpiry.record(notAfter, { listener });
  }

  private histogram(key: keyof Definitions, buckets: number[], unit = 's'): SummedHistogram {
    const summed = new SummedHistogram(METRIC_DEFINITIONS[key], buckets, unit);
    this.histograms.push(summed);
    return summed;
  }

  private collectHistograms(): CollectionResult {
    const metrics = this.histograms.flatMap((h) => h.data() ?? []);
    return {
      // The reader keeps its own resource (the SDK's) for every scope.
      resourceMetrics: {
        resource: emptyResource(),
        scopeMetrics: [{ scope: { name: METER }, metrics }],
      },
      errors: [],
    };
  }

  /** The Prometheus text exposition of every metric recorded so far. */
  async scrape(): Promise<string> {
    const { resourceMetrics, errors } = await this.exporter.collect();
    if (errors.length > 0) throw new AggregateError(errors, 'metrics collection failed');
    return this.serializer.serialize(resourceMetrics);
  }

  /**
   * Makes this the process's global MeterProvider (what adapterInstruments() record into),
   * replacing an earlier one (the OpenTelemetry API refuses a second registration otherwise).
   */
  registerGlobal(): void {
    globalMetrics.disable();
    globalMetrics.setGlobalMeterProvider(this.provider);
    registered = {
      provider: this.provider,
      datastoreCallDuration: this.datastoreCallDuration,
      kafkaProduceDuration: this.kafkaProduceDuration,
      busDeadLetters: this.busDeadLetters,
    };
  }

  async shutdown(): Promise<void> {
    await this.provider.shutdown();
  }
}

export const METRICS = Symbol('Metrics');

export const PROMETHEUS_CONTENT_TYPE = 'text/plain; version=0.0.4; charset=utf-8';

/** Instruments of adapters, on the global MeterProvider: no-ops until an app registers Metrics. */
export interface AdapterInstruments {
  datastoreCallDuration: Pick<Histogram, 'record'>;
  kafkaProduceDuration: Pick<Histogram, 'record'>;
  kafkaConsumerLag: Gauge;
  busDeadLetters: Pick<Counter, 'add'>;
}

/** The histograms of the Metrics registered last (registerGlobal), with its provider. */
let registered:
  | (Pick<
      AdapterInstruments,
      'datastoreCallDuration' | 'kafkaProduceDuration' | 'busDeadLetters'
    > & {
      provider: ApiMeterProvider;
    })
  | undefined;

/** Until an app registers Metrics, a histogram that records nothing. */
const NO_HISTOGRAM: Pick<Histogram, 'record'> = { record: () => undefined };
const NO_COUNTER: Pick<Counter, 'add'> = { add: () => undefined };

let bound: { provider: ApiMeterProvider; instruments: AdapterInstruments } | undefined;

/**
 * The adapter instruments of the MeterProvider registered now. Adapters call it on each use (an
 * identity check): they are built before, and independently of, the app's Metrics.
 */
export function adapterInstruments(): AdapterInstruments {
  const provider = globalMetrics.getMeterProvider();
  if (bound?.provider !== provider) {
    const meter = provider.getMeter(METER);
    const lag = METRIC_DEFINITIONS.kafkaConsumerLag;
    const own = registered?.provider === provider ? registered : undefined;
    bound = {
      provider,
      instruments: {
        datastoreCallDuration: own?.datastoreCallDuration ?? NO_HISTOGRAM,
        kafkaProduceDuration: own?.kafkaProduceDuration ?? NO_HISTOGRAM,
        kafkaConsumerLag: meter.createGauge(lag.name, { description: lag.help }),
        busDeadLetters: own?.busDeadLetters ?? NO_COUNTER,
      },
    };
  }
  return bound.instruments;
}
