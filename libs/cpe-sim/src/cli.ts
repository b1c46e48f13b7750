import { readFileSync } from 'node:fs';
import type { CwmpVersion } from '@meridian/cwmp';
import type { SimulatorOptions } from './simulator';

export const USAGE = `Usage: node dist/apps/cpe-sim/src/main.js [options]
  --count N              number of devices (default 1)
  --acs URL              ACS URL (default http://127.0.0.1:7547/); https:// for TLS
  --acs-ca FILE          PEM of the CAs trusted for an https ACS (default Node's bundled CAs)
  --username U           ACS username (ManagementServer.Username)
  --password P           ACS password (ManagementServer.Password)
  --concurrency N        most sessions at once (default 50)
  --periodic SECONDS     PeriodicInformInterval, 0 for none (default 300)
  --oui OUI              ManufacturerOUI (default 00D09E)
  --product-class PC     ProductClass (default SimRouter)
  --serial-prefix P      serial numbers are P000001, P000002, … (default SIM)
  --first-index N        number of the first device (default 1)
  --cr-port PORT         connection request listener port, 0 for any (default 17547)
  --cr-host HOST         listener address (default 127.0.0.1)
  --cr-advertised-host H host named in ConnectionRequestURL, reachable by the ACS (default --cr-host)
  --cr-username U        ConnectionRequestUsername (default: the serial number)
  --cr-password P        ConnectionRequestPassword (default cr-secret)
  --cwmp-version V       1-0, 1-1 or 1-2 (default 1-2)
  --no-bootstrap         first Inform is "1 BOOT" instead of "0 BOOTSTRAP" + "1 BOOT"
  --data-model M         tr-181 (Device:2, default) or tr-098 (InternetGatewayDevice:1)
  --diagnostics-error S  every diagnostic ends in this state, e.g. Error_CannotResolveHostName
  --diagnostics-delay MS wait this long after a diagnostic before reporting it (default 0)
  --transfer-fail CODE:SHARE  this share (0-1) of devices ends downloads with fault CODE (e.g. 9010:0.2)
  --transfer-rollback SHARE   this share reboots after a download and comes back on the old version
  --transfer-silent SHARE     this share never reports a download
  --help`;

function share(flag: string, text: string): number {
  const n = Number(text);
  if (text === '' || !(n >= 0 && n <= 1))
    throw new Error(`${flag} needs a share from 0 to 1, got ${text}`);
  return n;
}

const VERSIONS: readonly CwmpVersion[] = ['1-0', '1-1', '1-2'];

function integer(flag: string, text: string | undefined, min: number): number {
  const n = Number(text);
  if (text === undefined || !Number.isInteger(n) || n < min) {
    throw new Error(`${flag} needs an integer >= ${min}, got ${text ?? 'nothing'}`);
  }
  return n;
}

/** Parses the command line; throws an Error naming the bad flag. `help` means print usage. */
export function parseArgs(argv: readonly string[]): SimulatorOptions | 'help' {
  const o: SimulatorOptions = { count: 1, acsUrl: 'http://127.0.0.1:7547/' };
  for (let i = 0; i < argv.length; i++) {
    const flag = argv[i]!;
    const value = () => {
      const v = argv[++i];
      if (v === undefined) throw new Error(`${flag} needs a value`);
      return v;
    };
    switch (flag) {
      case '--help':
        return 'help';
      case '--count':
        o.count = integer(flag, value(), 1);
        break;
      case '--acs':
        o.acsUrl = new URL(value()).href;
        break;
      case '--acs-ca': {
        const file = value();
        try {
          o.acsCa = readFileSync(file);
        } catch (error) {
          throw new Error(`--acs-ca ${file}: ${(error as Error).message}`);
        }
        break;
      }
      case '--username':
        o.username = value();
        break;
      case '--password':
        o.password = value();
        break;
      case '--concurrency':
        o.concurrency = integer(flag, value(), 1);
        break;
      case '--periodic':
        o.periodicInformInterval = integer(flag, value(), 0);
        break;
      case '--oui':
        o.oui = value();
        break;
      case '--product-class':
        o.productClass = value();
        break;
      case '--serial-prefix':
        o.serialPrefix = value();
        break;
      case '--first-index':
        o.firstIndex = integer(flag, value(), 0);
        break;
      case '--cr-port':
        o.crPort = integer(flag, value(), 0);
        break;
      case '--cr-host':
        o.crHost = value();
        break;
      case '--cr-advertised-host':
        o.crAdvertisedHost = value();
        break;
      case '--cr-username':
        o.connectionRequestUsername = value();
        break;
      case '--cr-password':
        o.connectionRequestPassword = value();
        break;
      case '--cwmp-version': {
        const v = value();
        if (!VERSIONS.includes(v as CwmpVersion))
          throw new Error(`--cwmp-version must be one of ${VERSIONS.join(', ')}`);
        o.cwmpVersion = v as CwmpVersion;
        break;
      }
      case '--no-bootstrap':
        o.bootstrap = false;
        break;
      case '--data-model': {
        const v = value();
        if (v !== 'tr-181' && v !== 'tr-098')
          throw new Error('--data-model must be tr-181 or tr-098');
        o.dataModel = v;
        break;
      }
      case '--diagnostics-error':
        o.diagnostics = { ...o.diagnostics, error: value() };
        break;
      case '--diagnostics-delay':
        o.diagnostics = { ...o.diagnostics, delayMs: integer(flag, value(), 0) };
        break;
      case '--transfer-fail': {
        const [code = '', part = ''] = value().split(':');
        const faultCode = integer(flag, code, 9000);
        o.transferShares = [
          ...(o.transferShares ?? []),
          { share: share(flag, part), profile: { outcome: 'fail', faultCode } },
        ];
        break;
      }
      case '--transfer-rollback':
        o.transferShares = [
          ...(o.transferShares ?? []),
          { share: share(flag, value()), profile: { outcome: 'rollBack' } },
        ];
        break;
      case '--transfer-silent':
        o.transferShares = [
          ...(o.transferShares ?? []),
          { share: share(flag, value()), profile: { outcome: 'silent' } },
        ];
        break;
      default:
        throw new Error(`unknown option ${flag}`);
    }
  }
  return o;
}
