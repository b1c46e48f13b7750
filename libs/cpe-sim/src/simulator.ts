import type { CwmpVersion } from '@meridian/cwmp';
import { loadDataModel, type DataModelId } from '@meridian/data-model';
import { ConnectionRequestServer } from './connection-request';
import { Limiter } from './session/limiter';
import {
  SimulatedCpe,
  type DiagnosticsProfile,
  type SessionRecord,
  type TransferProfile,
} from './simulated-cpe';

export interface SimulatorOptions {
  /** Number of devices. */
  count: number;
  /** ACS URL (ManagementServer.URL). */
  acsUrl: string;
  /** ACS credentials (ManagementServer.Username/Password); empty: no Authorization sent. */
  username?: string;
  password?: string;
  /** Most sessions running at once. Default 50. */
  concurrency?: number;
  /** PeriodicInformInterval in seconds; 0 disables periodic Informs. Default 300. */
  periodicInformInterval?: number;
  oui?: string;
  productClass?: string;
  manufacturer?: string;
  serialPrefix?: string;
  /** Serial number of the first device is serialPrefix + firstIndex, zero-padded to 6 digits. */
  firstIndex?: number;
  softwareVersion?: string;
  /** Port of the connection request listener; 0 picks a free one. Default 17547. */
  crPort?: number;
  /** Address the listener binds to. Default 127.0.0.1. */
  crHost?: string;
  /**
   * Host the ConnectionRequestURL names, where the ACS reaches the listener (a container's
   * service name when crHost is 0.0.0.0). Default crHost.
   */
  crAdvertisedHost?: string;
  connectionRequestUsername?: string;
  connectionRequestPassword?: string;
  cwmpVersion?: CwmpVersion;
  /** Inform at start: "0 BOOTSTRAP"+"1 BOOT" when bootstrap (default), else "1 BOOT". */
  bootOnStart?: boolean;
  bootstrap?: boolean;
  rebootDelayMs?: number;
  timeoutMs?: number;
  /** PEM of the CAs the devices trust for an https ACS URL; default Node's bundled CAs. */
  acsCa?: string | Buffer;
  onSession?: (cpe: SimulatedCpe, record: SessionRecord) => void;
  /** The devices' root data model: TR-181 Device:2 (default) or TR-098 InternetGatewayDevice:1. */
  dataModel?: DataModelId;
  /** How diagnostics behave (an error state, a delay before reporting). */
  diagnostics?: DiagnosticsProfile;
  /**
   * Shares (0 to 1, summing to at most 1) of the devices whose downloads go wrong so; the others
   * install what the file says.
   */
  transferShares?: TransferShare[];
}

export interface TransferShare {
  share: number;
  profile: TransferProfile;
}

/**
 * The profile of the device numbered `index`: its place in [0, 1) is the fractional part of
 * index × the golden ratio, so every run gives a device the same one and each share is spread
 * evenly over the numbers (a canary of the first devices meets every share).
 */
export function transferProfileOf(
  index: number,
  shares: readonly TransferShare[],
): TransferProfile | undefined {
  const place = (index * 0.6180339887498949) % 1;
  let from = 0;
  for (const { share, profile } of shares) {
    if (place < from + share) return profile;
    from += share;
  }
  return undefined;
}

export interface Simulator {
  readonly devices: readonly SimulatedCpe[];
  device(serialNumber: string): SimulatedCpe | undefined;
  /** The connection request listener's port. */
  readonly connectionRequestPort: number;
  /** Resolves when every device's first session has ended (whatever its outcome). */
  readonly booted: Promise<SessionRecord[]>;
  stop(): Promise<void>;
}

export function serialOf(prefix: string, index: number): string {
  return `${prefix}${String(index).padStart(6, '0')}`;
}

/** Starts N simulated CPEs sharing one connection request listener and one session cap. */
export async function createSimulator(options: SimulatorOptions): Promise<Simulator> {
  const model = loadDataModel(options.dataModel ?? 'tr-181');
  const limiter = new Limiter(options.concurrency ?? 50);
  const byserial = new Map<string, SimulatedCpe>();
  const crHost = options.crHost ?? '127.0.0.1';
  const cr = new ConnectionRequestServer((serial) => {
    const cpe = byserial.get(serial);
    if (cpe === undefined) return undefined;
    return {
      credentials: () => ({
        username: cpe.managementServer('ConnectionRequestUsername') ?? '',
        password: cpe.managementServer('ConnectionRequestPassword') ?? '',
      }),
      connectionRequest: () => void cpe.inform(['6 CONNECTION REQUEST']),
    };
  });
  const crPort = await cr.listen(options.crPort ?? 17547, crHost);
  const crAdvertisedHost = options.crAdvertisedHost ?? crHost;
  const first = options.firstIndex ?? 1;
  const devices: SimulatedCpe[] = [];
  for (let i = 0; i < options.count; i++) {
    const serialNumber = serialOf(options.serialPrefix ?? 'SIM', first + i);
    const transfers = transferProfileOf(first + i, options.transferShares ?? []);
    const cpe = new SimulatedCpe({
      model,
      cwmpVersion: options.cwmpVersion ?? '1-2',
      limiter,
      rebootDelayMs: options.rebootDelayMs ?? 2000,
      timeoutMs: options.timeoutMs ?? 30_000,
      ...(options.acsCa ? { acsCa: options.acsCa } : {}),
      onSession: options.onSession,
      ...(options.diagnostics ? { diagnostics: options.diagnostics } : {}),
      ...(transfers ? { transfers } : {}),
      profile: {
        deviceId: {
          manufacturer: options.manufacturer ?? 'Meridian',
          oui: options.oui ?? '00D09E',
          productClass: options.productClass ?? 'SimRouter',
          serialNumber,
        },
        index: first + i,
        acsUrl: options.acsUrl,
        acsUsername: options.username ?? '',
        acsPassword: options.password ?? '',
        connectionRequestUrl: `http://${crAdvertisedHost}:${crPort}/${serialNumber}`,
        connectionRequestUsername: options.connectionRequestUsername ?? serialNumber,
        connectionRequestPassword: options.connectionRequestPassword ?? 'cr-secret',
        periodicInformInterval: options.periodicInformInterval ?? 300,
        softwareVersion: options.softwareVersion ?? '1.0.0',
      },
    });
    byserial.set(serialNumber, cpe);
    devices.push(cpe);
  }
  const booted =
    options.bootOnStart === false
      ? Promise.resolve([])
      : Promise.all(devices.map((d) => d.boot(options.bootstrap ?? true)));
  return {
    devices,
    device: (serial) => byserial.get(serial),
    connectionRequestPort: crPort,
    booted,
    stop: async () => {
      await Promise.all(devices.map((d) => d.stop()));
      await cr.close();
    },
  };
}
