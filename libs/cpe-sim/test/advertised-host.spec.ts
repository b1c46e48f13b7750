import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { parseArgs } from '../src/cli';
import { createSimulator } from '../src/simulator';

const URL_PATH = 'Device.ManagementServer.ConnectionRequestURL';

describe('connection request URL', () => {
  it('names the advertised host, the listener bound elsewhere', async () => {
    const sim = await createSimulator({
      count: 1,
      acsUrl: 'http://127.0.0.1:1/',
      crHost: '127.0.0.1',
      crPort: 0,
      crAdvertisedHost: 'cpe-sim',
      bootOnStart: false,
    });
    try {
      const url = new URL(sim.devices[0]?.storedValue(URL_PATH) ?? '');
      expect(url.hostname).toBe('cpe-sim');
      expect(url.port).toBe(String(sim.connectionRequestPort));
    } finally {
      await sim.stop();
    }
  });

  it('names the listener address by default', async () => {
    const sim = await createSimulator({
      count: 1,
      acsUrl: 'http://127.0.0.1:1/',
      crPort: 0,
      bootOnStart: false,
    });
    try {
      expect(new URL(sim.devices[0]?.storedValue(URL_PATH) ?? '').hostname).toBe('127.0.0.1');
    } finally {
      await sim.stop();
    }
  });

  it('is set with --cr-advertised-host', () => {
    expect(parseArgs(['--cr-host', '0.0.0.0', '--cr-advertised-host', 'cpe-sim'])).toMatchObject({
      crHost: '0.0.0.0',
      crAdvertisedHost: 'cpe-sim',
    });
  });
});

/**
 * The compose file's `sim` profile: the gateways must be able to reach the simulators' listener,
 * so the command (a YAML block list of strings) must advertise a host other than loopback or a
 * wildcard, and bind one they can reach.
 */
describe('docker-compose sim profile', () => {
  const compose = readFileSync(join(__dirname, '../../../docker-compose.yml'), 'utf8');
  /** The `- item` lines of the cpe-sim service's command, quotes removed. */
  const simCommand = (): string[] => {
    const service = /^ {2}cpe-sim:\n((?: {4}.*\n|\s*\n)+)/m.exec(compose)?.[1] ?? '';
    const command = /^ {4}command:\n((?: {6}.*\n)+)/m.exec(service)?.[1] ?? '';
    return command
      .split('\n')
      .map((line) => /^ {6}- (.*)$/.exec(line)?.[1]?.replace(/^["']|["']$/g, ''))
      .filter((item): item is string => item !== undefined);
  };
  const after = (args: string[], flag: string): string | undefined =>
    args.includes(flag) ? args[args.indexOf(flag) + 1] : undefined;

  it('advertises the service name in the ConnectionRequestURL and listens beyond loopback', () => {
    const args = simCommand();
    expect(args[0]).toBe('node');
    const advertised = after(args, '--cr-advertised-host');
    expect(advertised).toBeDefined();
    expect(advertised).not.toMatch(/^(127\.|localhost$|0\.0\.0\.0$|::1?$)/);
    // The host named is a compose service (its DNS name on the compose network).
    expect(compose).toMatch(new RegExp(`^ {2}${advertised}:$`, 'm'));
    expect(after(args, '--cr-host')).toBe('0.0.0.0');
  });
});
