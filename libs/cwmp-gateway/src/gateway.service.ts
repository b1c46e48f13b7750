import {
  Inject,
  Injectable,
  Logger,
  Optional,
  type OnApplicationBootstrap,
  type OnApplicationShutdown,
} from '@nestjs/common';
import type { Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { BUS, isDeadLetterBus, type Bus, type Subscription } from '@meridian/bus';
import { Topics } from '@meridian/contracts';
import { SESSION_STORE, type SessionStore } from '@meridian/session-store';
import { Authenticator } from './auth/authenticator';
import { COMMANDS_GROUP, CommandIntake, REJECTS_GROUP } from './commands/command-intake';
import type { GatewayConfig } from './config';
import { CwmpHttpHandler } from './http/cwmp-http-handler';
import { close, createCwmpServer, listen } from './http/server';
import { LiveSessions } from './session/live-sessions';
import { SessionExchange } from './session/session-exchange';
import {
  CONNECTION_REQUESTER,
  DOWNSTREAM_BACKLOG,
  GATEWAY_CONFIG,
  KNOWN_DEVICE,
  type ConnectionRequester,
  type DownstreamBacklog,
  type KnownDevice,
} from './tokens';

/** Starts and stops the gateway's listener and command consumer with the Nest application. */
@Injectable()
export class GatewayService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(GatewayService.name);
  private server: Server | undefined;
  private subscriptions: Subscription[] = [];
  private bound: AddressInfo | undefined;
  readonly sessions: SessionExchange;
  private readonly intake: CommandIntake;

  constructor(
    @Inject(GATEWAY_CONFIG) private readonly config: GatewayConfig,
    @Inject(BUS) private readonly bus: Bus,
    @Inject(SESSION_STORE) private readonly store: SessionStore,
    @Optional()
    @Inject(CONNECTION_REQUESTER)
    private readonly connectionRequester?: ConnectionRequester,
    @Optional() @Inject(KNOWN_DEVICE) knownDevice?: KnownDevice,
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
      store,
      connectionRequester,
      gatewayId: config.gatewayId,
    });
    this.sessions = new SessionExchange({
      config,
      bus,
      store,
      authenticator: new Authenticator(config.auth),
      liveSessions: new LiveSessions(config.maxConcurrentSessions, config.sessionTimeoutMs),
      knownDevice: config.autoRegister ? undefined : knownDevice,
      downstreamBacklog,
      onSessionEnded: this.intake.knockIfWaiting,
    });
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
    const handler = new CwmpHttpHandler(this.sessions.exchange, this.config.maxBodyBytes);
    this.server = createCwmpServer(this.config, handler.listener);
    this.bound = await listen(this.server, this.config.port, this.config.host);
    const scheme = this.config.tls ? 'https' : 'http';
    this.logger.log(
      `CWMP on ${scheme}://${this.bound.address}:${this.bound.port} (auth ${this.config.auth.mode})`,
    );
  }

  async onApplicationShutdown(): Promise<void> {
    if (this.server) await close(this.server);
    await Promise.all(this.subscriptions.map((s) => s.close()));
    this.server = undefined;
    this.subscriptions = [];
  }

  /** Where the listener is bound (its real port when configured with port 0). */
  address(): AddressInfo {
    if (!this.bound) throw new Error('the CWMP listener is not started');
    return this.bound;
  }
}
