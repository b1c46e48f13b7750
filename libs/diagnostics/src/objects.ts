import type { DiagnosticKind } from '@meridian/contracts';
import type { DataModelId } from '@meridian/data-model';

/** Where each diagnostic lives in each root data model (relative to the root object). */
export const DIAGNOSTIC_OBJECTS: Readonly<
  Record<DiagnosticKind, Readonly<Partial<Record<DataModelId, string>>>>
> = {
  ipPing: { 'tr-181': 'IP.Diagnostics.IPPing.', 'tr-098': 'IPPingDiagnostics.' },
  traceRoute: { 'tr-181': 'IP.Diagnostics.TraceRoute.', 'tr-098': 'TraceRouteDiagnostics.' },
  downloadDiagnostics: {
    'tr-181': 'IP.Diagnostics.DownloadDiagnostics.',
    'tr-098': 'DownloadDiagnostics.',
  },
  uploadDiagnostics: {
    'tr-181': 'IP.Diagnostics.UploadDiagnostics.',
    'tr-098': 'UploadDiagnostics.',
  },
  // TR-098 has only the UDP echo server (UDPEchoConfig), no client test.
  udpEcho: { 'tr-181': 'IP.Diagnostics.UDPEchoDiagnostics.' },
  nsLookup: { 'tr-181': 'DNS.Diagnostics.NSLookupDiagnostics.', 'tr-098': 'NSLookupDiagnostics.' },
  serverSelection: { 'tr-181': 'IP.Diagnostics.ServerSelectionDiagnostics.' },
};

/** Inputs a test cannot run without. */
export const REQUIRED_INPUTS: Readonly<Record<DiagnosticKind, readonly string[]>> = {
  ipPing: ['Host'],
  traceRoute: ['Host'],
  downloadDiagnostics: ['DownloadURL'],
  uploadDiagnostics: ['UploadURL', 'TestFileLength'],
  udpEcho: ['Host', 'Port'],
  nsLookup: ['HostName'],
  serverSelection: ['HostList'],
};

/** TR-098 names of table columns that TR-181 renamed; results always use TR-181's. */
export const TR098_RESULT_NAMES: Readonly<Record<string, string>> = {
  HopHost: 'Host',
  HopHostAddress: 'HostAddress',
  HopErrorCode: 'ErrorCode',
  HopRTTimes: 'RTTimes',
};

/** Result parameters that are comma-separated lists (TR-106 list of unsignedInt or string). */
export const LIST_RESULTS: Readonly<Record<string, 'number' | 'string'>> = {
  RTTimes: 'number',
  IPAddresses: 'string',
};

/** The full path of a diagnostic's object on a device of this model, or undefined. */
export function diagnosticObjectPath(kind: DiagnosticKind, model: DataModelId): string | undefined {
  const relative = DIAGNOSTIC_OBJECTS[kind][model];
  return relative === undefined ? undefined : `${ROOTS[model]}.${relative}`;
}

const ROOTS: Readonly<Record<DataModelId, string>> = {
  'tr-181': 'Device',
  'tr-098': 'InternetGatewayDevice',
};

/**
 * The root data model of a device, from the parameter names of its Inform (every Inform carries
 * DeviceInfo and ManagementServer parameters under the root object).
 */
export function dataModelOf(parameterNames: readonly string[]): DataModelId | undefined {
  for (const name of parameterNames) {
    if (name.startsWith('Device.')) return 'tr-181';
    if (name.startsWith('InternetGatewayDevice.')) return 'tr-098';
  }
  return undefined;
}
