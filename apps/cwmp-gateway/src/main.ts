import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { readFileSync } from 'node:fs';
import { BUS, InProcessBus, KafkaBus, type Bus } from '@meridian/bus';
import { ConfigError } from '@meridian/config';
import {
  InMemorySessionStore,
  RedisSessionStore,
  SESSION_STORE,
  type SessionStore,
} from '@meridian/session-store';
import { startTelemetry } from '@meridian/telemetry';
import type { GatewayConfig } from './config';
import { CwmpGatewayModule } from './cwmp-gateway.module';
import { gatewayConfigOf, readStandaloneEnv, type StandaloneGatewayEnv } from './env';

/** The standalone gateway: adapters chosen by MERIDIAN_BUS / MERIDIAN_SESSION_STORE. */
async function main(): Promise<void> {
  const env = readStandaloneEnv();
  const logger = new Logger('cwmp-gateway');
  const config = gatewayConfigOf(env, readTls(env));
  const telemetry = startTelemetry({
    serviceName: 'cwmp-gateway',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
  });
  const bus = await createBus(env, config);
  const store = createSessionStore(env);
  const app = await NestFactory.createApplicationContext(
    CwmpGatewayModule.forRoot({
      config,
      providers: [
        { provide: BUS, useValue: bus },
        { provide: SESSION_STORE, useValue: store },
      ],
    }),
    { logger: [env.MERIDIAN_LOG_LEVEL === 'verbose' ? 'verbose' : env.MERIDIAN_LOG_LEVEL] },
  );
  await app.init();

  const stop = async (signal: string): Promise<void> => {
    logger.log(`${signal}: stopping`);
    // The listener first (sessions in progress finish), then what it used.
    await app.close();
    await bus.close();
    await store.close();
    await telemetry.shutdown();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => {
      stop(signal).then(
        () => process.exit(0),
        (error: unknown) => {
          logger.error(`shutdown failed: ${String(error)}`);
          process.exit(1);
        },
      );
    });
  }
}

function readTls(env: StandaloneGatewayEnv): GatewayConfig['tls'] {
  const { MERIDIAN_CWMP_TLS_CERT: cert, MERIDIAN_CWMP_TLS_KEY: key } = env;
  if (cert === undefined && key === undefined) return undefined;
  if (cert === undefined || key === undefined) {
    throw new ConfigError(['MERIDIAN_CWMP_TLS_CERT and MERIDIAN_CWMP_TLS_KEY go together']);
  }
  return { cert: readFileSync(cert), key: readFileSync(key) };
}

async function createBus(env: StandaloneGatewayEnv, config: GatewayConfig): Promise<Bus> {
  if (env.MERIDIAN_BUS === 'memory') return new InProcessBus();
  return KafkaBus.connect({
    brokers: env.MERIDIAN_KAFKA_BROKERS,
    clientId: config.gatewayId,
    partitions: env.MERIDIAN_KAFKA_PARTITIONS,
  });
}

function createSessionStore(env: StandaloneGatewayEnv): SessionStore {
  if (env.MERIDIAN_SESSION_STORE === 'memory') return new InMemorySessionStore();
  return RedisSessionStore.connect(env.MERIDIAN_REDIS_URL);
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.message : String(error)}\n`);
  process.exit(1);
});
