import { X509Certificate } from 'node:crypto';
import { readFileSync } from 'node:fs';
import type { SASLOptions } from 'kafkajs';
import type { KafkaSecurity } from '@meridian/bus';
import {
  ConfigError,
  type ConfigOf,
  type infrastructureSpec,
  type uspSpec,
} from '@meridian/config';
import { watchChanges } from './watch-changes';

/*
 * How the services reach a carrier's secured Kafka, Redis, MongoDB and MQTT servers (TLS with the
 * carrier's CAs and client certificates, and passwords), and the certificates of their own HTTPS
 * listeners, from the MERIDIAN_* variables (PEM files read here, at start). Each function names
 * every problem of its variables at once (ConfigError), before anything connects or listens.
 */

type Read = (file: string) => Buffer;

/** TLS material of a client: CAs to trust, and its own certificate and key. */
export interface ClientTls {
  ca?: Buffer;
  cert?: Buffer;
  key?: Buffer;
}

/** The PEM files of `<prefix>_CA`, `_CERT`, `_KEY`, read; a certificate needs its key. */
function pemFiles(
  prefix: string,
  files: { ca?: string; cert?: string; key?: string },
  read: Read,
  problems: string[],
): ClientTls {
  if ((files.cert === undefined) !== (files.key === undefined)) {
    problems.push(`${prefix}_CERT and ${prefix}_KEY go together`);
  }
  const tls: ClientTls = {};
  for (const part of ['ca', 'cert', 'key'] as const) {
    const path = files[part];
    if (path === undefined) continue;
    const name = `${prefix}_${part.toUpperCase()}`;
    try {
      tls[part] = read(path);
    } catch (error) {
      problems.push(`${name}=${path} cannot be read: ${(error as Error).message}`);
    }
  }
  return tls;
}

const anyOf = (tls: { ca?: string; cert?: string; key?: string }): boolean =>
  tls.ca !== undefined || tls.cert !== undefined || tls.key !== undefined;

type KafkaEnv = Pick<
  ConfigOf<typeof infrastructureSpec>,
  | 'MERIDIAN_KAFKA_TLS'
  | 'MERIDIAN_KAFKA_TLS_CA'
  | 'MERIDIAN_KAFKA_TLS_CERT'
  | 'MERIDIAN_KAFKA_TLS_KEY'
  | 'MERIDIAN_KAFKA_SASL_MECHANISM'
  | 'MERIDIAN_KAFKA_SASL_USERNAME'
  | 'MERIDIAN_KAFKA_SASL_PASSWORD'
>;

/** TLS and SASL of every Kafka client of a service (MERIDIAN_KAFKA_TLS*, MERIDIAN_KAFKA_SASL_*). */
export function kafkaSecurityOf(env: KafkaEnv, read: Read = readFileSync): KafkaSecurity {
  const problems: string[] = [];
  const files = {
    ca: env.MERIDIAN_KAFKA_TLS_CA,
    cert: env.MERIDIAN_KAFKA_TLS_CERT,
    key: env.MERIDIAN_KAFKA_TLS_KEY,
  };
  if (!env.MERIDIAN_KAFKA_TLS && anyOf(files)) {
    problems.push('MERIDIAN_KAFKA_TLS_CA, _CERT and _KEY need MERIDIAN_KAFKA_TLS=true');
  }
  const tls = pemFiles('MERIDIAN_KAFKA_TLS', files, read, problems);
  const mechanism = env.MERIDIAN_KAFKA_SASL_MECHANISM;
  const username = env.MERIDIAN_KAFKA_SASL_USERNAME;
  const password = env.MERIDIAN_KAFKA_SASL_PASSWORD;
  if (mechanism === 'none' && (username !== undefined || password !== undefined)) {
    problems.push(
      'MERIDIAN_KAFKA_SASL_USERNAME and _PASSWORD need MERIDIAN_KAFKA_SASL_MECHANISM (plain, scram-sha-256 or scram-sha-512)',
    );
  }
  if (mechanism !== 'none' && (username === undefined || password === undefined)) {
    problems.push(
      `MERIDIAN_KAFKA_SASL_MECHANISM=${mechanism} needs MERIDIAN_KAFKA_SASL_USERNAME and _PASSWORD`,
    );
  }
  if (mechanism === 'plain' && !env.MERIDIAN_KAFKA_TLS) {
    problems.push(
      'MERIDIAN_KAFKA_SASL_MECHANISM=plain sends the password as it is: it needs MERIDIAN_KAFKA_TLS=true',
    );
  }
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...(env.MERIDIAN_KAFKA_TLS ? { ssl: Object.keys(tls).length > 0 ? tls : true } : {}),
    ...(mechanism !== 'none' && username !== undefined && password !== undefined
      ? { sasl: { mechanism, username, password } as SASLOptions }
      : {}),
  };
}

type RedisEnv = Pick<
  ConfigOf<typeof infrastructureSpec>,
  | 'MERIDIAN_REDIS_URL'
  | 'MERIDIAN_REDIS_TLS_CA'
  | 'MERIDIAN_REDIS_TLS_CERT'
  | 'MERIDIAN_REDIS_TLS_KEY'
>;

/**
 * ioredis options of MERIDIAN_REDIS_URL's TLS (rediss://): the CAs and client certificate of
 * MERIDIAN_REDIS_TLS_*; none for a redis:// URL.
 */
export function redisTlsOf(env: RedisEnv, read: Read = readFileSync): { tls?: ClientTls } {
  const problems: string[] = [];
  const files = {
    ca: env.MERIDIAN_REDIS_TLS_CA,
    cert: env.MERIDIAN_REDIS_TLS_CERT,
    key: env.MERIDIAN_REDIS_TLS_KEY,
  };
  const secure = /^rediss:/i.test(env.MERIDIAN_REDIS_URL);
  if (!secure && anyOf(files)) {
    problems.push('MERIDIAN_REDIS_TLS_CA, _CERT and _KEY need a rediss:// MERIDIAN_REDIS_URL');
  }
  const tls = pemFiles('MERIDIAN_REDIS_TLS', files, read, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  // ioredis makes a rediss:// URL TLS by itself; options given here replace its empty ones.
  return secure && Object.keys(tls).length > 0 ? { tls } : {};
}

type MongoEnv = Pick<
  ConfigOf<typeof infrastructureSpec>,
  'MERIDIAN_MONGO_TLS_CA' | 'MERIDIAN_MONGO_TLS_CERT' | 'MERIDIAN_MONGO_TLS_KEY'
>;

/**
 * TLS to MongoDB with the PEM files of MERIDIAN_MONGO_TLS_* (any of them turns TLS on);
 * undefined when none is set (the URL's own TLS options, if any, apply).
 */
export function mongoTlsOf(env: MongoEnv, read: Read = readFileSync): ClientTls | undefined {
  const problems: string[] = [];
  const files = {
    ca: env.MERIDIAN_MONGO_TLS_CA,
    cert: env.MERIDIAN_MONGO_TLS_CERT,
    key: env.MERIDIAN_MONGO_TLS_KEY,
  };
  const tls = pemFiles('MERIDIAN_MONGO_TLS', files, read, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return anyOf(files) ? tls : undefined;
}

type MqttEnv = Pick<
  ConfigOf<typeof uspSpec>,
  | 'MERIDIAN_USP_MQTT_URL'
  | 'MERIDIAN_USP_MQTT_USERNAME'
  | 'MERIDIAN_USP_MQTT_PASSWORD'
  | 'MERIDIAN_USP_MQTT_TLS_CA'
  | 'MERIDIAN_USP_MQTT_TLS_CERT'
  | 'MERIDIAN_USP_MQTT_TLS_KEY'
>;

/** The USP translator's MQTT credentials and TLS material (MERIDIAN_USP_MQTT_*). */
export function mqttSecurityOf(
  env: MqttEnv,
  read: Read = readFileSync,
): ClientTls & { username?: string; password?: string } {
  const problems: string[] = [];
  const files = {
    ca: env.MERIDIAN_USP_MQTT_TLS_CA,
    cert: env.MERIDIAN_USP_MQTT_TLS_CERT,
    key: env.MERIDIAN_USP_MQTT_TLS_KEY,
  };
  const secure = /^(mqtts|wss):/i.test(env.MERIDIAN_USP_MQTT_URL ?? '');
  if (!secure && anyOf(files)) {
    problems.push(
      'MERIDIAN_USP_MQTT_TLS_CA, _CERT and _KEY need an mqtts:// or wss:// MERIDIAN_USP_MQTT_URL',
    );
  }
  const { MERIDIAN_USP_MQTT_USERNAME: username, MERIDIAN_USP_MQTT_PASSWORD: password } = env;
  if (password !== undefined && username === undefined) {
    problems.push('MERIDIAN_USP_MQTT_PASSWORD needs MERIDIAN_USP_MQTT_USERNAME');
  }
  const tls = pemFiles('MERIDIAN_USP_MQTT_TLS', files, read, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return {
    ...tls,
    ...(username !== undefined ? { username } : {}),
    ...(password !== undefined ? { password } : {}),
  };
}

/**
 * An HTTPS listener's certificate (chain) and key, from `<prefix>_CERT` and `_KEY` (e.g.
 * MERIDIAN_NBI_TLS); undefined when neither is set: plain HTTP.
 */
export function listenerTlsOf(
  prefix: string,
  files: { cert?: string; key?: string },
  read: Read = readFileSync,
): { cert: Buffer; key: Buffer } | undefined {
  const problems: string[] = [];
  const { cert, key } = pemFiles(prefix, files, read, problems);
  if (problems.length > 0) throw new ConfigError(problems);
  return cert && key ? { cert, key } : undefined;
}

/**
 * A listener's certificate and key (`listenerTlsOf`) read again every `intervalMs` and given to
 * `server` when they change (a renewal in place); a key that does not match its certificate (a
 * renewal written halfway) is reported once and the pair in use stays. Returns the function that
 * stops it.
 */
export function watchListenerTls(
  prefix: string,
  files: { cert?: string; key?: string },
  current: { cert: Buffer; key: Buffer },
  server: { setSecureContext(pair: { cert: Buffer; key: Buffer }): void },
  logger: { log(message: string): void; warn(message: string): void },
  intervalMs?: number,
): () => void {
  return watchChanges({
    current,
    read: () => listenerTlsOf(prefix, files) ?? current,
    parts: ({ cert, key }) => ({ certificate: [cert, key] }),
    apply: (renewed) => {
      server.setSecureContext(renewed);
      logger.log(
        `${prefix}_CERT read again and applied (valid until ${new X509Certificate(renewed.cert).validTo})`,
      );
    },
    report: (problem) => logger.warn(`${prefix}: ${problem}; the certificate in use stays`),
    ...(intervalMs !== undefined ? { intervalMs } : {}),
  });
}

/**
 * The USP translator's MQTT TLS files read again every `intervalMs` and handed to `client` when
 * they change (a client certificate rotated in its Secret): its next connection presents them.
 * Returns the function that stops it.
 */
export function watchMqttSecurity(
  env: MqttEnv,
  current: ReturnType<typeof mqttSecurityOf>,
  client: { setSecurity(security: ReturnType<typeof mqttSecurityOf>): void },
  logger: { log(message: string): void; warn(message: string): void },
  intervalMs?: number,
): () => void {
  return watchChanges({
    current,
    read: () => mqttSecurityOf(env),
    parts: ({ ca, cert, key }) => ({ CA: ca ?? '', 'client certificate': [cert ?? '', key ?? ''] }),
    apply: (renewed, changed) => {
      client.setSecurity(renewed);
      logger.log(`MQTT ${changed.join(', ')} read again: the next connection presents them`);
    },
    report: (problem) => logger.warn(`${problem}; the MQTT TLS material in use stays`),
    ...(intervalMs !== undefined ? { intervalMs } : {}),
  });
}
