import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import type { INestApplicationContext } from '@nestjs/common';
import { BUS, InProcessBus, type BusTopic, type Subscription } from '@meridian/bus';
import type { TopicMessages } from '@meridian/contracts';
import { SESSION_STORE, InMemorySessionStore, type SessionStore } from '@meridian/session-store';
import { METRICS, type Metrics } from '@meridian/telemetry';
import { defaultGatewayConfig, type GatewayConfigOverrides } from '../../src/config';
import { CwmpGatewayModule } from '../../src/cwmp-gateway.module';
import { GatewayService } from '../../src/gateway.service';
import {
  CONNECTION_REQUESTER,
  type ConnectionRequester,
  type DownstreamBacklog,
  type KnownDevice,
} from '../../src/tokens';

export interface GatewayHarnessOptions {
  connectionRequester?: ConnectionRequester;
  knownDevice?: KnownDevice;
  downstreamBacklog?: DownstreamBacklog;
  /** Shared adapters (several replicas); the harness creates in-memory ones otherwise. */
  bus?: InProcessBus;
  sessions?: SessionStore;
  /** Where the gateway records its metrics (read them with `metrics.scrape()`). */
  metrics?: Metrics;
}

export interface RunningGateway {
  app: INestApplicationContext;
  port: number;
  bus: InProcessBus;
  sessions: SessionStore;
  /** Everything published on `topic` since start (a consumer group of the test's own). */
  published<T extends BusTopic>(topic: T): TopicMessages[T][];
  close(): Promise<void>;
}

/** The gateway module on real HTTP (ephemeral port on loopback) with in-memory adapters. */
export async function startGateway(
  overrides: GatewayConfigOverrides = {},
  options: GatewayHarnessOptions = {},
): Promise<RunningGateway> {
  const bus = options.bus ?? new InProcessBus();
  const sessions = options.sessions ?? new InMemorySessionStore();
  const seen = new Map<BusTopic, unknown[]>();
  // A group of its own: on a shared bus every harness sees every message.
  const observer = `test-observer-${Math.random().toString(36).slice(2)}`;
  const subscriptions: Subscription[] = [];
  for (const topic of [
    'cwmp.inform',
    'cwmp.events',
    'cwmp.results',
    'cwmp.connection-requests',
  ] as const) {
    seen.set(topic, []);
    subscriptions.push(
      await bus.subscribe(topic, observer, async (message) => {
        seen.get(topic)?.push(message.value);
      }),
    );
  }
  const config = defaultGatewayConfig({ port: 0, host: '127.0.0.1', ...overrides });
  const app = await NestFactory.createApplicationContext(
    CwmpGatewayModule.forRoot({
      config,
      knownDevice: options.knownDevice,
      downstreamBacklog: options.downstreamBacklog,
      providers: [
        { provide: BUS, useValue: bus },
        { provide: SESSION_STORE, useValue: sessions },
        ...(options.metrics ? [{ provide: METRICS, useValue: options.metrics }] : []),
        ...(options.connectionRequester
          ? [{ provide: CONNECTION_REQUESTER, useValue: options.connectionRequester }]
          : []),
      ],
    }),
    { logger: false },
  );
  await app.init();
  const port = app.get(GatewayService).address().port;
  return {
    app,
    port,
    bus,
    sessions,
    published: <T extends BusTopic>(topic: T) => (seen.get(topic) ?? []) as TopicMessages[T][],
    close: async () => {
      await app.close();
      await Promise.all(subscriptions.map((subscription) => subscription.close()));
      // Adapters passed in belong to the caller.
      if (!options.bus) await bus.close();
      if (!options.sessions) await sessions.close();
    },
  };
}

// The bus delivers asynchronously: the gateway's tests poll.
export { eventually } from '@meridian/testing';
