import 'reflect-metadata';
import { readFileSync } from 'node:fs';
import { Logger, Module } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { adaptersModule, createStore, nestLogLevels, stopOnSignals } from '@meridian/adapters';
import {
  ConfigError,
  filesSecretOf,
  filesSpec,
  infrastructureSpec,
  optional,
  readConfig,
  str,
} from '@meridian/config';
import { FirmwareModule } from '@meridian/firmware';
import { STORE } from '@meridian/store';
import { startTelemetry } from '@meridian/telemetry';

const firmwareSpec = {
  ...infrastructureSpec,
  ...filesSpec,
  MERIDIAN_FILES_TLS_CERT: optional(str()),
  MERIDIAN_FILES_TLS_KEY: optional(str()),
};

/** The standalone firmware service: the file server CPEs download from. */
async function main(): Promise<void> {
  const env = readConfig(firmwareSpec);
  const secret = filesSecretOf(env);
  if (secret === undefined) {
    throw new ConfigError([
      'MERIDIAN_FILES_SECRET: required, 16+ characters (the NBI signs with it)',
    ]);
  }
  const certFile = env.MERIDIAN_FILES_TLS_CERT;
  const keyFile = env.MERIDIAN_FILES_TLS_KEY;
  if ((certFile === undefined) !== (keyFile === undefined)) {
    throw new ConfigError(['MERIDIAN_FILES_TLS_CERT and MERIDIAN_FILES_TLS_KEY go together']);
  }
  const telemetry = startTelemetry({
    serviceName: 'firmware',
    otlpEndpoint: env.MERIDIAN_OTLP_ENDPOINT,
  });
  const store = await createStore(env);

  @Module({
    imports: [
      adaptersModule({ [STORE]: store }),
      FirmwareModule.forRoot({
        host: env.MERIDIAN_FILES_HOST,
        port: env.MERIDIAN_FILES_PORT,
        secret,
        tls:
          certFile && keyFile
            ? { cert: readFileSync(certFile), key: readFileSync(keyFile) }
            : undefined,
      }),
    ],
  })
  class FirmwareApp {}

  const app = await NestFactory.createApplicationContext(FirmwareApp, {
    logger: nestLogLevels(env.MERIDIAN_LOG_LEVEL),
  });
  stopOnSignals(new Logger('firmware'), async () => {
    await app.close();
    await store.close();
    await telemetry.shutdown();
  });
}

main().catch((error: unknown) => {
  console.error(error instanceof ConfigError ? error.message : error);
  process.exit(1);
});
