import 'reflect-metadata';
import { join, resolve } from 'node:path';
import { Global, Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { BUS, InProcessBus } from '@meridian/bus';
import { ConfigError, gatewaySpec, infrastructureSpec, list, port, readConfig } from '@meridian/config';
import { InMemorySessionStore, SESSION_STORE } from '@meridian/session-store';
import { STORE, createSqliteStore } from '@meridian/store';
import { startTelemetry } from '@meridian/telemetry';
import { CwmpGatewayModule } from '../../cwmp-gateway/src/cwmp-gateway.module';
import { gatewayConfigOf, gatewayExtraSpec } from '../../cwmp-gateway/src/env';
import { parseApiKeys } from '../../nbi/src/auth';
import { NbiModule, setupOpenApi } from '../../nbi/src/nbi.module';
import { ProvisioningModule } from '../../provisioning/src/provisioning.module';
import { localAdminKey } from './api-key';

const meridianSpec = {
  ...infrastructureSpec,
  ...gatewaySpec,
  ...gatewayExtraSpec,
  MERIDIAN_NBI_PORT: port(7557),
  MERIDIAN_NBI_API_KEYS: list([]),
};

/**
 * The all-in-one: gateway, registry and NBI in one process on the embedded adapters (in-process
 * bus, in-memory session store, SQLite store under MERIDIAN_DATA_DIR). No server to install.
 */
async function main(): Promise<void> {
  const logger = new Logger('meridian');
  const env = readConfig(meridianSpec);
  const dataDir = resolve(env.MERIDIAN_DATA_DIR);
  const telemetry = startTelemetry({ serviceName: 'meridian', otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT });

  let apiKeys = parseApiKeys(env.MERIDIAN_NBI_API_KEYS);
  if (apiKeys.length === 0) {
    const local = localAdminKey(dataDir);
    apiKeys = parseApiKeys([`local-admin:admin:${local.key}`]);
    logger.log(`NBI admin key ${local.created ? 'created in' : 'read from'} ${local.file}`);
  }

  const bus = new InProcessBus();
  const sessionStore = new InMemorySessionStore();
  const store = createSqliteStore(join(dataDir, 'meridian.db'));

  @Global()
  @Module({
    providers: [
      { provide: BUS, useValue: bus },
      { provide: SESSION_STORE, useValue: sessionStore },
      { provide: STORE, useValue: store },
    ],
    exports: [BUS, SESSION_STORE, STORE],
  })
  class EmbeddedAdapters {}

  @Module({
    imports: [
      EmbeddedAdapters,
      CwmpGatewayModule.forRoot({ config: gatewayConfigOf(env) }),
      ProvisioningModule,
      NbiModule.forRoot({ apiKeys }),
    ],
  })
  class MeridianModule {}

  const app = await NestFactory.create(MeridianModule, {
    logger: [env.MERIDIAN_LOG_LEVEL, 'error', 'warn'],
  });
  app.enableShutdownHooks();
  setupOpenApi(app);
  await app.listen(env.MERIDIAN_NBI_PORT, env.MERIDIAN_CWMP_HOST);
  logger.log(
    `CWMP on ${env.MERIDIAN_CWMP_HOST}:${env.MERIDIAN_CWMP_PORT}, NBI on http://${env.MERIDIAN_CWMP_HOST}:${env.MERIDIAN_NBI_PORT} (OpenAPI at /api-docs), data in ${dataDir}`,
  );

  let stopping = false;
  const stop = async (signal: string): Promise<void> => {
    if (stopping) return;
    stopping = true;
    logger.log(`${signal}: stopping`);
    await app.close();
    await bus.close();
    await sessionStore.close();
    await store.close();
    await telemetry.shutdown();
  };
  for (const signal of ['SIGINT', 'SIGTERM'] as const) {
    process.once(signal, () => void stop(signal).then(() => process.exit(0)));
  }
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
