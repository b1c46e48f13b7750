import type { CwmpMethodName, CwmpVersion } from './model';

/** CWMP versions: namespaces and what each defines, reading a namespace, and negotiation. */

export const CWMP_NAMESPACES: Readonly<Record<CwmpVersion, string>> = {
  '1-0': 'urn:dslforum-org:cwmp-1-0',
  '1-1': 'urn:dslforum-org:cwmp-1-1',
  '1-2': 'urn:dslforum-org:cwmp-1-2',
};

const RANK: Readonly<Record<CwmpVersion, number>> = { '1-0': 0, '1-1': 1, '1-2': 2 };

/** First namespace version whose schema defines each message (cwmp-1-0.xsd … cwmp-1-4.xsd). */
export const METHOD_SINCE: Readonly<Record<CwmpMethodName, CwmpVersion>> = {
  GetRPCMethods: '1-0',
  GetRPCMethodsResponse: '1-0',
  SetParameterValues: '1-0',
  SetParameterValuesResponse: '1-0',
  GetParameterValues: '1-0',
  GetParameterValuesResponse: '1-0',
  GetParameterNames: '1-0',
  GetParameterNamesResponse: '1-0',
  SetParameterAttributes: '1-0',
  SetParameterAttributesResponse: '1-0',
  GetParameterAttributes: '1-0',
  GetParameterAttributesResponse: '1-0',
  AddObject: '1-0',
  AddObjectResponse: '1-0',
  DeleteObject: '1-0',
  DeleteObjectResponse: '1-0',
  Reboot: '1-0',
  RebootResponse: '1-0',
  Download: '1-0',
  DownloadResponse: '1-0',
  Upload: '1-0',
  UploadResponse: '1-0',
  FactoryReset: '1-0',
  FactoryResetResponse: '1-0',
  ScheduleInform: '1-0',
  ScheduleInformResponse: '1-0',
  GetQueuedTransfers: '1-0',
  GetQueuedTransfersResponse: '1-0',
  SetVouchers: '1-0',
  SetVouchersResponse: '1-0',
  GetOptions: '1-0',
  GetOptionsResponse: '1-0',
  Inform: '1-0',
  InformResponse: '1-0',
  TransferComplete: '1-0',
  TransferCompleteResponse: '1-0',
  Kicked: '1-0',
  KickedResponse: '1-0',
  RequestDownload: '1-0',
  RequestDownloadResponse: '1-0',
  Fault: '1-0',
  GetAllQueuedTransfers: '1-1',
  GetAllQueuedTransfersResponse: '1-1',
  AutonomousTransferComplete: '1-1',
  AutonomousTransferCompleteResponse: '1-1',
  ScheduleDownload: '1-2',
  ScheduleDownloadResponse: '1-2',
  CancelTransfer: '1-2',
  CancelTransferResponse: '1-2',
  ChangeDUState: '1-2',
  ChangeDUStateResponse: '1-2',
  DUStateChangeComplete: '1-2',
  DUStateChangeCompleteResponse: '1-2',
  AutonomousDUStateChangeComplete: '1-2',
  AutonomousDUStateChangeCompleteResponse: '1-2',
};

/** Whether a message exists in a namespace version, i.e. encodeEnvelope accepts it there. */
export function isMethodInVersion(name: CwmpMethodName, version: CwmpVersion): boolean {
  return RANK[METHOD_SINCE[name]] <= RANK[version];
}

const CWMP_NAMESPACE = /^urn:dslforum-org:cwmp-1-(\d+)$/;

export function versionOf(uri: string | undefined): CwmpVersion | undefined {
  const m = uri === undefined ? null : CWMP_NAMESPACE.exec(uri.trim());
  if (m === null) return undefined;
  const minor = Number(m[1]);
  // cwmp-1-3/1-4 keep the 1-2 namespace; a device inventing a newer one speaks at least 1-2.
  return minor === 0 ? '1-0' : minor === 1 ? '1-1' : '1-2';
}

/**
 * A session's version as the device registry keeps it: the name of its schema ("cwmp-1-2";
 * 1.3 and 1.4 speak that one too).
 */
export const cwmpVersionName = (version: string): string => `cwmp-${version}`;

/**
 * Whether a device whose registry says `name` (cwmpVersionName) understands the message; false
 * when the version is unknown (a device never heard from, or one recorded before it was kept).
 */
export function deviceSupports(name: CwmpMethodName, versionName: string | undefined): boolean {
  const version = versionName?.startsWith('cwmp-')
    ? versionOf(`urn:dslforum-org:${versionName}`)
    : undefined;
  return version !== undefined && isMethodInVersion(name, version);
}

/** Every CWMP protocol version this reducer implements. */
export const ACS_CWMP_VERSIONS: readonly string[] = ['1.0', '1.1', '1.2', '1.3', '1.4'];

export type VersionNegotiation =
  /** The CPE sent no SupportedCWMPVersions: reply in its namespace, no UseCWMPVersion. */
  | { kind: 'notAsked' }
  | { kind: 'use'; useCwmpVersion: string; cwmpVersion: CwmpVersion }
  /** No version in common: fault 8006 (TR-069 A.5.1). */
  | { kind: 'incompatible' };

interface Version {
  text: string;
  major: number;
  minor: number;
}

function parseVersion(text: string): Version | null {
  const match = /^(\d+)\.(\d+)$/.exec(text.trim());
  return match
    ? {
        text: `${Number(match[1])}.${Number(match[2])}`,
        major: Number(match[1]),
        minor: Number(match[2]),
      }
    : null;
}

function parseList(list: readonly string[]): Version[] {
  return list.map(parseVersion).filter((v): v is Version => v !== null);
}

/** The namespace a protocol version writes: 1.3 and 1.4 kept urn:dslforum-org:cwmp-1-2. */
function namespaceOf(version: { major: number; minor: number }): CwmpVersion {
  if (version.major === 1 && version.minor === 0) return '1-0';
  if (version.major === 1 && version.minor === 1) return '1-1';
  return '1-2';
}

function lower(a: CwmpVersion, b: CwmpVersion): CwmpVersion {
  return a < b ? a : b;
}

/**
 * CWMP version negotiation (TR-069 Amendment 5+, A.2.2 SupportedCWMPVersions/UseCWMPVersion):
 * a CPE that lists its versions in the Inform gets, in the InformResponse, the highest version
 * both sides support; the session then speaks that version's namespace, never one above the
 * namespace the CPE used.
 */
export function negotiateCwmpVersion(
  supportedCwmpVersions: string | undefined,
  cpeNamespace: CwmpVersion,
  acsVersions: readonly string[],
): VersionNegotiation {
  if (supportedCwmpVersions === undefined) return { kind: 'notAsked' };
  const ours = parseList(acsVersions);
  const common = parseList(supportedCwmpVersions.split(',')).filter((v) =>
    ours.some((o) => o.major === v.major && o.minor === v.minor),
  );
  const best = common.reduce<Version | null>(
    (top, v) =>
      top === null || v.major > top.major || (v.major === top.major && v.minor > top.minor)
        ? v
        : top,
    null,
  );
  if (best === null) return { kind: 'incompatible' };
  return {
    kind: 'use',
    useCwmpVersion: best.text,
    cwmpVersion: lower(namespaceOf(best), cpeNamespace),
  };
}
