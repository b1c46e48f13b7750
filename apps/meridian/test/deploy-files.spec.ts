import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parse } from 'yaml';

/*
 * The compose file and the Helm chart carry every service of apps/ (the simulator and the
 * all-in-one aside: the chart has the all-in-one as an option), each probed on /health/ready
 * where it serves it: the NBI on its own port, the others on the ops port (MERIDIAN_OPS_PORT,
 * 9464). `scripts/check-helm` checks the rendered chart; this checks the sources both are made
 * from, so a new app under apps/ fails here until it lands in both.
 */

const ROOT = join(__dirname, '../../..');
const OPS_PORT = 9464;
const NBI_PORT = 7557;
const TLS_SETTINGS = [
  'MERIDIAN_CWMP_TLS_CERT',
  'MERIDIAN_CWMP_TLS_KEY',
  'MERIDIAN_CWMP_TLS_ECDSA_CERT',
  'MERIDIAN_CWMP_TLS_ECDSA_KEY',
  'MERIDIAN_CWMP_TLS_CA',
  'MERIDIAN_CWMP_TLS_CLIENT_CERT',
  'MERIDIAN_CWMP_TLS_TICKET_KEYS',
  'MERIDIAN_CWMP_TLS_TICKET_LIFETIME_SECONDS',
];

interface ComposeService {
  image?: string;
  profiles?: string[];
  command?: string[];
  healthcheck?: { test?: string[]; disable?: boolean };
  environment?: Record<string, string>;
  volumes?: string[];
}
interface HelmService {
  enabled?: boolean;
  command?: string[];
  opsPort?: number;
  ports?: { name: string; port: number }[];
  readinessProbe?: { httpGet?: { path: string; port: string } };
  livenessProbe?: { httpGet?: { path: string; port: string } };
  pdb?: { enabled?: boolean };
}

const services = readdirSync(join(ROOT, 'apps')).filter(
  (app) => app !== 'cpe-sim' && app !== 'meridian',
);
const entryPoint = (app: string) => `dist/apps/${app}/src/main.js`;
const probePort = (app: string) => (app === 'nbi' ? NBI_PORT : OPS_PORT);

describe('docker-compose.yml', () => {
  const compose = parse(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as { services: Record<string, ComposeService> };

  it.each(services)('runs %s with a healthcheck on /health/ready', (app) => {
    const entry = Object.entries(compose.services).find(([, s]) =>
      s.command?.includes(entryPoint(app)),
    );
    expect(entry).toBeDefined();
    const [, service] = entry!;
    expect(service.profiles).toBeUndefined();
    expect(service.healthcheck?.disable).not.toBe(true);
    expect(service.healthcheck?.test?.join(' ')).toContain(
      `http://127.0.0.1:${probePort(app)}/health/ready`,
    );
  });

  it('passes the CPE TLS settings to the gateways, with the certificates mounted', () => {
    const gateway = compose.services['cwmp-gateway'];
    for (const name of TLS_SETTINGS) {
      expect(gateway?.environment?.[name]).toMatch(new RegExp(`^\\$\\{${name}:-`));
    }
    expect(gateway?.volumes).toContainEqual(expect.stringMatching(/:\/etc\/meridian\/tls:ro$/));
  });
});

describe('the Helm chart values', () => {
  const values = parse(readFileSync(join(ROOT, 'helm/meridian/values.yaml'), 'utf8')) as {
    services: Record<string, HelmService | null>;
  };

  it.each(services)('carries %s, probed on /health/ready and /health/live', (app) => {
    const service = Object.values(values.services).find((s) =>
      s?.command?.includes(entryPoint(app)),
    );
    expect(service).toBeDefined();
    // On by default, but the USP translator: Controllers that speak USP are an option.
    expect(service!.enabled).toBe(app !== 'usp-translator');
    expect(service!.pdb?.enabled).toBe(true);
    const port = app === 'nbi' ? 'http' : 'ops';
    expect(service!.readinessProbe?.httpGet).toEqual({ path: '/health/ready', port });
    expect(service!.livenessProbe?.httpGet).toEqual({ path: '/health/live', port });
    if (port === 'ops') expect(service!.opsPort).toBe(OPS_PORT);
    else expect(service!.ports).toContainEqual({ name: 'http', port: NBI_PORT });
  });
});
