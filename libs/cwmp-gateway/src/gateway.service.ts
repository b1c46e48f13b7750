import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Server } from 'node:http';
import { Server as TlsServer, type TLSSocket } from 'node:tls';
import type { AddressInfo } from 'node:net';
import { BUS, isDeadLetterBus, type Bus, type Subscription } from '@meridian/bus';
import { Topics } from '@meridian/contracts';
import { SESSION_STORE, type SessionStore } from '@meridian/session-store';
import type { ObservableCallback } from '@opentelemetry/api';
import { METRICS, Metrics } from '@meridian/telemetry';
import { Authenticator } from './auth/authenticator';
import { COMMANDS_GROUP, CommandIntake, REJECTS_GROUP } from './commands/command-intake';
import { DiagnosticDeadlines } from './commands/diagnostic-deadlines';
import { PeriodicSweep } from './commands/periodic-sweep';
import type { GatewayConfig, GatewayTlsConfig } from './config';
import { CwmpHttpHandler } from './http/cwmp-http-handler';
import {
  close,
  createCwmpServer,
  listen,
  secureContextOptions,
  stopAccepting,
} from './http/server';
import { lingerAdmissionOf } from './session/linger-admission';
import { LiveSessions } from './session/live-sessions';
import { SessionExchange } from './session/session-exchange';
import { SessionMetrics } from './session/session-metrics';
import {
  CONNECTION_REQUESTER,
  DOWNSTREAM_BACKLOG,
  GATEWAY_CONFIG,
  KNOWN_DEVICE,
  type ConnectionRequester,
  type DownstreamBacklog,
  type KnownDevice,
} from './tokens';

const DRAIN_POLL_MS = 50;
const DRAIN_CUT_MS = 1_000;
/** How often each replica looks for diagnostics whose CPE never reported back. */
const DEADLINE_SWEEP_MS = 1_000;
/** How often each replica looks for connection requests owed by a gateway that died. */
const OWED_KNOCK_SWEEP_MS = 5_000;

/** Starts and stops the gateway's listener and command consumer with the Nest application. */
@Injectable()
export class GatewayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GatewayService.name);
  private server: Server | undefined;
  private subscriptions: Subscription[] = [];
  private bound: AddressInfo | undefined;
  private readonly exchange: SessionExchange;
  private readonly intake: CommandIntake;
  private readonly liveSessions: LiveSessions;
  private draining = false;
  private readonly observeActive: ObservableCallback;
  private readonly observeLingerLimit: ObservableCallback;
  private readonly sweeps: PeriodicSweep[];

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(SESSION_STORE) private readonly sessions: SessionStore,
    @Optional()
    @Inject(CONNECTION_REQUESTER)
    private readonly connectionRequester?: ConnectionRequester,
    @Optional() @Inject(KNOWN_DEVICE) knownDevice?: KnownDevice,
    // Without one (module tests), a registry nobody reads.
    @Optional() @Inject(METRICS) private readonly metrics: Metrics = new Metrics(),
    @Optional() @Inject(DOWNSTREAM_BACKLOG) downstreamBacklog?: DownstreamBacklog,
  ) {
    if (!config.autoRegister && !knownDevice) {
      // Refusing every device, or admitting every one, would both be silent misconfigurations.
      throw new Error(
        'auto-registration is off (MERIDIAN_AUTO_REGISTER=false) but the gateway has no device registry (KNOWN_DEVICE)',
      );
    }
    this.intake = new CommandIntake({
      bus,
      sessions,
      connectionRequester,
      gatewayId: config.gatewayId,
      metrics,
      idleTtlMs: config.sessionTimeoutMs,
    });
    this.liveSessions = new LiveSessions(config.maxConcurrentSessions, config.sessionTimeoutMs);
    const lingerAdmission = lingerAdmissionOf(config);
    this.exchange = new SessionExchange({
      config,
      bus,
      sessions,
      authenticator: new Authenticator(config.auth),
      liveSessions: this.liveSessions,
      knownDevice: config.autoRegister ? undefined : knownDevice,
      downstreamBacklog,
      lingerAdmission,
      onSessionEnded: this.intake.knockIfWaiting,
      metrics: new SessionMetrics(metrics),
      draining: () => this.draining,
    });
    this.observeActive = (result) => result.observe(this.liveSessions.count(Date.now()));
    metrics.cwmpSessionsActive.addCallback(this.observeActive);
    this.observeLingerLimit = (result) => {
      if (lingerAdmission) result.observe(lingerAdmission.limit);
    };
    metrics.cwmpLingerLimit.addCallback(this.observeLingerLimit);
    const deadlines = new DiagnosticDeadlines({
      bus,
      sessions,
      onReleased: this.intake.knockIfWaiting,
    });
    this.sweeps = [
      new PeriodicSweep('diagnostic deadlines', DEADLINE_SWEEP_MS, () => deadlines.sweep()),
      new PeriodicSweep('owed connection requests', OWED_KNOCK_SWEEP_MS, () =>
        this.intake.knockOwed(),
      ),
    ];
  }

  async onApplicationBootstrap(): Promise<void> {
    this.subscriptions.push(
      await this.bus.subscribe(Topics.commands, COMMANDS_GROUP, this.intake.handle),
    );
    if (isDeadLetterBus(this.bus)) {
      this.subscriptions.push(
        await this.bus.subscribeDeadLetters(
          Topics.commands,
          REJECTS_GROUP,
          this.intake.rejectDeadLetter,
        ),
      );
    }
    for (const sweep of this.sweeps) sweep.start();
    const handler = new CwmpHttpHandler(
      this.exchange.exchange,
      this.config.maxBodyBytes,
      this.config.tls?.clientCertificates?.mode,
    );
    this.server = createCwmpServer(this.config, handler.listener);
    if (this.config.tls) this.certificatesInUse(this.config.tls);
    if (this.server instanceof TlsServer) {
      this.server.on('secureConnection', (socket: TLSSocket) =>
        this.metrics.cwmpTlsHandshakes.add(1, { resumed: String(socket.isSessionReused()) }),
      );
    }
    this.bound = await listen(this.server, this.config.port, this.config.host);
    const scheme = this.config.tls ? 'https' : 'http';
    const clientCertificates = this.config.tls?.clientCertificates?.mode ?? 'off';
    this.logger.log(
      `CWMP on ${scheme}://${this.bound.address}:${this.bound.port} (auth ${this.config.auth.mode}, client certificates ${clientCertificates})`,
    );
  }

  /**
   * Graceful drain (SIGTERM): stop accepting connections and new sessions (503 + Retry-After on
   * connections already open), let the sessions in flight finish until `deadlineMs`, then close
   * the connections left. The command consumer keeps running until the application closes, which
   * then leaves the group with every handled offset committed. Resolves with the sessions still
   * live at the deadline (0 when all finished).
   */
  async drain(deadlineMs: number): Promise<number> {
    this.draining = true;
    const server = this.server;
    if (!server) return 0;
    const closed = stopAccepting(server);
    const deadline = Date.now() + deadlineMs;
    while (this.liveSessions.count(Date.now()) > 0 && Date.now() < deadline) {
      await new Promise((resolve) => setTimeout(resolve, DRAIN_POLL_MS));
    }
    const left = this.liveSessions.count(Date.now());
    this.logger.log(
      left === 0
        ? 'drained: every session finished'
        : `drain deadline reached with ${left} session(s) live`,
    );
    // Sessions past the deadline are abandoned: their connections are cut shortly after.
    server.closeIdleConnections();
    const cut = setTimeout(() => server.closeAllConnections(), DRAIN_CUT_MS);
    await closed;
    clearTimeout(cut);
    return left;
  }

  async onApplicationShutdown(): Promise<void> {
    this.metrics.cwmpSessionsActive.removeCallback(this.observeActive);
    this.metrics.cwmpLingerLimit.removeCallback(this.observeLingerLimit);
    if (this.server) await close(this.server);
    await Promise.all(this.sweeps.map((sweep) => sweep.stop()));
    await Promise.all(this.subscriptions.map((s) => s.close()));
    this.server = undefined;
    this.subscriptions = [];
  }

  /** Where the listener is bound (its real port when configured with port 0). */
  address(): AddressInfo {
    if (!this.bound) throw new Error('the CWMP listener is not started');
    return this.bound;
  }

  /**
   * New TLS material for the handshakes from now on (a renewed certificate, rotated ticket keys,
   * other client CAs); connections open keep theirs. A CPE holding a ticket of old keys makes a
   * full handshake once. Throws, and keeps what is in use, when a key does not match its
   * certificate.
   */
  setTls(tls: GatewayTlsConfig): void {
    if (!(this.server instanceof TlsServer)) throw new Error('the CWMP listener is not on TLS');
    this.server.setSecureContext(secureContextOptions(tls));
    this.certificatesInUse(tls);
  }

  private certificatesInUse(tls: GatewayTlsConfig): void {
    this.metrics.certificateInUse('cwmp', tls.cert);
    if (tls.ecdsa) this.metrics.certificateInUse('cwmp-ecdsa', tls.ecdsa.cert);
  }
}
