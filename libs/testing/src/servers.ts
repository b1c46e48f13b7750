import { execFile, execFileSync } from 'node:child_process';
import { homedir } from 'node:os';
import { join, resolve } from 'node:path';
import { promisify } from 'node:util';

/** Where the servers of scripts/infra listen, unless the environment says otherwise. */
export const REDIS_URL = process.env.MERIDIAN_REDIS_URL ?? 'redis://127.0.0.1:6379';
export const BROKERS = (process.env.MERIDIAN_KAFKA_BROKERS ?? '127.0.0.1:9092').split(',');
export const MONGO_URL = process.env.MERIDIAN_MONGO_URL ?? 'mongodb://127.0.0.1:27017/meridian';
export const MQTT_URL = process.env.MERIDIAN_USP_MQTT_URL ?? 'mqtt://127.0.0.1:1883';

/**
 * The secured listeners of scripts/infra's servers, and its test PKI (made once under
 * `<MERIDIAN_INFRA_DIR>/tls`): Redis over TLS requiring a client certificate, Kafka SASL_SSL
 * (PLAIN, SCRAM-SHA-512) and SSL requiring a client certificate, Mosquitto over TLS requiring a
 * client certificate and the password.
 */
export const SECURED = (() => {
  const env = process.env;
  const tls = join(env.MERIDIAN_INFRA_DIR ?? join(homedir(), '.cache/meridian-infra'), 'tls');
  const port = (variable: string, fallback: number) => Number(env[variable] ?? fallback);
  return {
    redisUrl: `rediss://127.0.0.1:${port('MERIDIAN_REDIS_TLS_PORT', 6380)}`,
    kafkaSaslBroker: `127.0.0.1:${port('MERIDIAN_KAFKA_SASL_PORT', 9094)}`,
    kafkaTlsBroker: `127.0.0.1:${port('MERIDIAN_KAFKA_TLS_PORT', 9095)}`,
    mqttUrl: `mqtts://127.0.0.1:${port('MERIDIAN_MQTT_TLS_PORT', 8883)}`,
    username: 'meridian',
    password: 'meridian-secret',
    /** PEM files: the CA, and a client certificate (CN meridian) and key it signed. */
    caFile: join(tls, 'ca.crt'),
    certFile: join(tls, 'client.crt'),
    keyFile: join(tls, 'client.key'),
    /** The servers' certificate (127.0.0.1, localhost) and key, for a TLS server of a test's own. */
    serverCertFile: join(tls, 'server.crt'),
    serverKeyFile: join(tls, 'server.key'),
  };
})();

/**
 * The MERIDIAN_* settings of a service on the secured Kafka listener (SASL_SSL with `mechanism`,
 * the test CA) as the test user, which holds no ACL until a test grants some (grantKafkaAcls).
 */
export const securedKafkaEnv = (
  mechanism: 'plain' | 'scram-sha-512' = 'scram-sha-512',
  password = SECURED.password,
): Record<string, string> => ({
  MERIDIAN_KAFKA_BROKERS: SECURED.kafkaSaslBroker,
  MERIDIAN_KAFKA_TLS: 'true',
  MERIDIAN_KAFKA_TLS_CA: SECURED.caFile,
  MERIDIAN_KAFKA_SASL_MECHANISM: mechanism,
  MERIDIAN_KAFKA_SASL_USERNAME: SECURED.username,
  MERIDIAN_KAFKA_SASL_PASSWORD: password,
});

/** The same for Redis's TLS listener (database `db`), with the client certificate. */
export const securedRedisEnv = (db = ''): Record<string, string> => ({
  MERIDIAN_REDIS_URL: `${SECURED.redisUrl}${db === '' ? '' : `/${db}`}`,
  MERIDIAN_REDIS_TLS_CA: SECURED.caFile,
  MERIDIAN_REDIS_TLS_CERT: SECURED.certFile,
  MERIDIAN_REDIS_TLS_KEY: SECURED.keyFile,
});

export type InfraServer = 'redis' | 'kafka' | 'mongo' | 'mqtt';
export type InfraAction = 'up' | 'down' | 'status';

type Env = Record<string, string | undefined>;

/** Per server: the variable naming the address tests use, and the one naming scripts/infra's port. */
const SERVERS: Record<InfraServer, { address: string; portVariable: string; port: string }> = {
  redis: { address: 'MERIDIAN_REDIS_URL', portVariable: 'MERIDIAN_REDIS_PORT', port: '6379' },
  kafka: { address: 'MERIDIAN_KAFKA_BROKERS', portVariable: 'MERIDIAN_KAFKA_PORT', port: '9092' },
  mongo: { address: 'MERIDIAN_MONGO_URL', portVariable: 'MERIDIAN_MONGO_PORT', port: '27017' },
  mqtt: { address: 'MERIDIAN_USP_MQTT_URL', portVariable: 'MERIDIAN_MQTT_PORT', port: '1883' },
};

/** The ports of a URL's or a broker list's hosts (`redis://u:p@h:1/0`, `h1:1,h2:2`). */
function portsOf(address: string, fallback: string): string[] {
  const hosts = address
    .replace(/^[a-z+]+:\/\//i, '')
    .replace(/[/?].*$/, '')
    .replace(/^.*@/, '')
    .split(',');
  return hosts.map((host) => /:(\d+)$/.exec(host)?.[1] ?? fallback);
}

/**
 * scripts/infra acts on the servers of MERIDIAN_INFRA_DIR on the ports of MERIDIAN_*_PORT,
 * whatever URLs the tests were given. A test that restarts a server must restart the one it
 * tests, never another (a developer's, another run's): a mismatch is refused before anything
 * is stopped or started.
 */
export function checkInfraTarget(servers: InfraServer[], env: Env = process.env): void {
  for (const server of servers) {
    const { address, portVariable, port } = SERVERS[server];
    const infraPort = env[portVariable] ?? port;
    const ports = portsOf(env[address] ?? `127.0.0.1:${port}`, port);
    if (ports.length !== 1 || ports[0] !== infraPort) {
      throw new Error(
        `refusing to let scripts/infra act on ${server}: the tests use port ${ports.join(', ')}, ` +
          `scripts/infra's ${server} is on ${infraPort} (${portVariable}) in ` +
          `${env.MERIDIAN_INFRA_DIR ?? '~/.cache/meridian-infra'} (MERIDIAN_INFRA_DIR); ` +
          `set both to the servers under test`,
      );
    }
  }
}

const INFRA = resolve(__dirname, '../../../scripts/infra');

/** `scripts/infra <action> <servers>` on the servers the tests use (checkInfraTarget). */
export async function infraCommand(action: InfraAction, servers: InfraServer[]): Promise<void> {
  checkInfraTarget(servers);
  await promisify(execFile)(INFRA, [action, ...servers], { env: process.env });
}

/** infraCommand, synchronous (jest's beforeAll/afterAll hooks that must finish first). */
export function infraCommandSync(action: InfraAction, servers: InfraServer[]): void {
  checkInfraTarget(servers);
  execFileSync(INFRA, [action, ...servers], { stdio: 'ignore', env: process.env });
}
