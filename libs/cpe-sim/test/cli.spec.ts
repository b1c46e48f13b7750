import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { parseArgs } from '../src/cli';
import { transferProfileOf } from '../src/simulator';
import { Limiter } from '../src/session/limiter';
import { retryDelaySeconds } from '../src/simulated-cpe';

describe('parseArgs', () => {
  it('reads the CAs trusted for an https ACS from --acs-ca, and names the flag when it cannot', () => {
    const dir = mkdtempSync(join(tmpdir(), 'cpe-sim-cli-'));
    try {
      const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----\n';
      writeFileSync(join(dir, 'ca.pem'), pem);
      const options = parseArgs(['--acs', 'https://acs.example/', '--acs-ca', join(dir, 'ca.pem')]);
      expect(options).toMatchObject({ acsUrl: 'https://acs.example/' });
      expect(options !== 'help' && options.acsCa?.toString()).toBe(pem);
      expect(() => parseArgs(['--acs-ca', join(dir, 'missing.pem')])).toThrow(
        /--acs-ca .*missing\.pem/,
      );
    } finally {
      rmSync(dir, { recursive: true, force: true });
    }
  });

  it('reads the documented flags', () => {
    expect(
      parseArgs([
        '--count',
        '100',
        '--acs',
        'http://127.0.0.1:7547/',
        '--concurrency',
        '50',
        '--periodic',
        '300',
        '--oui',
        '00D09E',
        '--product-class',
        'SimRouter',
        '--serial-prefix',
        'SIM',
        '--cr-port',
        '17547',
        '--username',
        'acs',
        '--password',
        'pw',
        '--cwmp-version',
        '1-0',
        '--no-bootstrap',
      ]),
    ).toEqual({
      count: 100,
      acsUrl: 'http://127.0.0.1:7547/',
      concurrency: 50,
      periodicInformInterval: 300,
      oui: '00D09E',
      productClass: 'SimRouter',
      serialPrefix: 'SIM',
      crPort: 17547,
      username: 'acs',
      password: 'pw',
      cwmpVersion: '1-0',
      bootstrap: false,
    });
  });

  it('rejects bad values and unknown flags', () => {
    expect(() => parseArgs(['--count', '0'])).toThrow(/--count/);
    expect(() => parseArgs(['--cwmp-version', '1-4'])).toThrow(/--cwmp-version/);
    expect(() => parseArgs(['--acs', 'not a url'])).toThrow();
    expect(() => parseArgs(['--bogus'])).toThrow(/unknown option/);
    expect(parseArgs(['--help'])).toBe('help');
  });
});

describe('Limiter', () => {
  it('never runs more tasks at once than its cap', async () => {
    const limiter = new Limiter(2);
    let peak = 0;
    const task = () =>
      limiter.run(async () => {
        peak = Math.max(peak, limiter.running);
        await new Promise((r) => setTimeout(r, 5));
      });
    await Promise.all(Array.from({ length: 10 }, task));
    expect(peak).toBe(2);
    expect(limiter.running).toBe(0);
  });
});

describe('retryDelaySeconds (TR-069 3.2.1.1, defaults m=5 k=2000)', () => {
  it('follows Table 3: 5-10 s, 10-20 s, 20-40 s … capped from the 10th retry', () => {
    expect([retryDelaySeconds(1, 5, 2000, 0), retryDelaySeconds(1, 5, 2000, 1)]).toEqual([5, 10]);
    expect([retryDelaySeconds(2, 5, 2000, 0), retryDelaySeconds(2, 5, 2000, 1)]).toEqual([10, 20]);
    expect([retryDelaySeconds(3, 5, 2000, 0), retryDelaySeconds(3, 5, 2000, 1)]).toEqual([20, 40]);
    expect(retryDelaySeconds(10, 5, 2000, 1)).toBe(5120);
    expect(retryDelaySeconds(15, 5, 2000, 1)).toBe(5120);
  });
});

describe('transfer profiles', () => {
  it('parses shares of failing, rolling back and silent devices', () => {
    expect(
      parseArgs([
        '--transfer-fail',
        '9010:0.2',
        '--transfer-rollback',
        '0.1',
        '--transfer-silent',
        '0.05',
      ]),
    ).toMatchObject({
      transferShares: [
        { share: 0.2, profile: { outcome: 'fail', faultCode: 9010 } },
        { share: 0.1, profile: { outcome: 'rollBack' } },
        { share: 0.05, profile: { outcome: 'silent' } },
      ],
    });
    expect(() => parseArgs(['--transfer-fail', '9010:2'])).toThrow('--transfer-fail needs a share');
  });

  it('gives each share about its part of the devices, spread over the numbers', () => {
    const shares = [
      { share: 0.2, profile: { outcome: 'fail' as const, faultCode: 9010 } },
      { share: 0.1, profile: { outcome: 'rollBack' as const } },
    ];
    const profiles = Array.from({ length: 1000 }, (_, i) => transferProfileOf(i + 1, shares));
    const count = (outcome: string) => profiles.filter((p) => p?.outcome === outcome).length;
    expect(count('fail')).toBeGreaterThanOrEqual(195);
    expect(count('fail')).toBeLessThanOrEqual(205);
    expect(count('rollBack')).toBeGreaterThanOrEqual(95);
    expect(count('rollBack')).toBeLessThanOrEqual(105);
    // The first 10 devices (a canary) already meet a failing one.
    expect(profiles.slice(0, 10).some((p) => p?.outcome === 'fail')).toBe(true);
    expect(transferProfileOf(7, [])).toBeUndefined();
  });
});
