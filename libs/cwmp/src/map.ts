import { CwmpDecodeError } from './errors';
import type {
  AllQueuedTransfer,
  AutonDuOpResult,
  CwmpBody,
  CwmpEnvelope,
  CwmpFault,
  CwmpHeader,
  CwmpVersion,
  DuOpResult,
  DuOperation,
  Notification,
  OptionStruct,
  ParameterInfo,
  ParameterValue,
  QueuedTransfer,
  TimeWindow,
  TransferCompleteFault,
  XsdType,
} from './model';
import { versionOf } from './versions';
import { attribute, declaredNamespaces, namespaceOf, type XmlElement } from './xml/element';
import { normaliseEventCode, normaliseXsdType, parseCwmpBoolean, parseCwmpInt } from './values';

/**
 * Turns an element tree (from either XML layer) into a typed envelope. Lenient: prefixes and
 * namespaces of SOAP elements are ignored, struct fields may come in any order, missing
 * optional fields get defaults ('' / 0 / false / []), array items may have any element name.
 */
export function mapEnvelope(root: XmlElement): CwmpEnvelope {
  if (root.local !== 'Envelope') {
    throw new CwmpDecodeError('not-soap', `root element is <${root.qname}>, not a SOAP Envelope`);
  }
  const headerElement = child(root, 'Header');
  const bodyElement = child(root, 'Body');
  if (bodyElement === undefined) throw new CwmpDecodeError('not-soap', 'SOAP Envelope has no Body');
  const method = bodyElement.children[0];
  if (method === undefined) throw new CwmpDecodeError('invalid-content', 'SOAP Body is empty');

  const body = method.local === 'Fault' ? mapFault(method) : mapMethod(method);
  const versionSource = method.local === 'Fault' ? cwmpFaultOf(method) : method;
  return {
    cwmpVersion: detectVersion([
      versionSource,
      ...(headerElement?.children ?? []),
      root,
      bodyElement,
    ]),
    header: headerElement === undefined ? {} : mapHeader(headerElement),
    body,
  };
}

/**
 * The namespace of the method element decides; else that of a header entry; else any cwmp
 * namespace declared on the envelope. A device that declares none is taken as 1-0.
 */
function detectVersion(candidates: XmlElement[]): CwmpVersion {
  for (const element of candidates) {
    const version = versionOf(namespaceOf(element));
    if (version !== undefined) return version;
  }
  for (const element of candidates) {
    for (const uri of declaredNamespaces(element)) {
      const version = versionOf(uri);
      if (version !== undefined) return version;
    }
  }
  return '1-0';
}

// ---------------------------------------------------------------- tree helpers

function child(element: XmlElement, local: string): XmlElement | undefined {
  for (const c of element.children) if (c.local === local) return c;
  return undefined;
}

function text(element: XmlElement, local: string): string {
  const c = child(element, local);
  return c === undefined ? '' : c.text.trim();
}

function int(element: XmlElement, local: string): number {
  return parseCwmpInt(text(element, local), local);
}

function bool(element: XmlElement, local: string): boolean {
  return parseCwmpBoolean(text(element, local), local);
}

/** The items of a SOAP array; their element names and the arrayType count are not checked. */
function items(element: XmlElement, local: string): XmlElement[] {
  return child(element, local)?.children ?? [];
}

function strings(element: XmlElement, local: string): string[] {
  return items(element, local).map((item) => item.text.trim());
}

function oneOf<T extends number>(allowed: readonly T[], value: number, field: string): T {
  const found = allowed.find((a) => a === value);
  if (found === undefined) {
    throw new CwmpDecodeError(
      'invalid-content',
      `${field}: ${value} is not one of ${allowed.join(', ')}`,
    );
  }
  return found;
}

const STATUS = [0, 1] as const;
const status = (element: XmlElement): 0 | 1 => oneOf(STATUS, int(element, 'Status'), 'Status');
const NOTIFICATION = [0, 1, 2, 3, 4, 5, 6] as const;
const notification = (element: XmlElement): Notification =>
  oneOf(NOTIFICATION, int(element, 'Notification'), 'Notification');
const TRANSFER_STATE = [1, 2, 3] as const;

// ---------------------------------------------------------------- header

function mapHeader(header: XmlElement): CwmpHeader {
  const result: CwmpHeader = {};
  for (const entry of header.children) {
    const value = entry.text.trim();
    switch (entry.local) {
      case 'ID':
        result.id = value;
        break;
      case 'HoldRequests':
        result.holdRequests = parseCwmpBoolean(value, 'HoldRequests');
        break;
      case 'NoMoreRequests':
        result.noMoreRequests = parseCwmpBoolean(value, 'NoMoreRequests');
        break;
      case 'SessionTimeout':
        result.sessionTimeout = parseCwmpInt(value, 'SessionTimeout');
        break;
      case 'SupportedCWMPVersions':
        result.supportedCWMPVersions = value;
        break;
      case 'UseCWMPVersion':
        result.useCWMPVersion = value;
        break;
      // Other header entries (vendor extensions) are not ours to interpret.
    }
  }
  return result;
}

// ---------------------------------------------------------------- faults

function cwmpFaultOf(soapFault: XmlElement): XmlElement {
  const fault = child(soapFault, 'detail')?.children.find((c) => c.local === 'Fault');
  if (fault === undefined) {
    throw new CwmpDecodeError('invalid-content', 'SOAP Fault has no cwmp:Fault detail');
  }
  return fault;
}

function mapFault(soapFault: XmlElement): CwmpFault {
  const fault = cwmpFaultOf(soapFault);
  // "SOAP-ENV:Client", "Client", "soap:Server.Busy" → Client | Server
  const code = text(soapFault, 'faultcode');
  const faultcode = /(^|:)server/i.test(code) ? 'Server' : 'Client';
  return {
    name: 'Fault',
    faultcode,
    faultCode: int(fault, 'FaultCode'),
    faultString: text(fault, 'FaultString'),
    setParameterValuesFault: fault.children
      .filter((c) => c.local === 'SetParameterValuesFault')
      .map((f) => ({
        parameterName: text(f, 'ParameterName'),
        faultCode: int(f, 'FaultCode'),
        faultString: text(f, 'FaultString'),
      })),
  };
}

function transferFault(element: XmlElement, local: string): TransferCompleteFault {
  const fault = child(element, local);
  if (fault === undefined) return { faultCode: 0, faultString: '' };
  return { faultCode: int(fault, 'FaultCode'), faultString: text(fault, 'FaultString') };
}

// ---------------------------------------------------------------- structs

const typeCache = new Map<string, XsdType>();

function xsdType(declared: string): XsdType {
  let cached = typeCache.get(declared);
  if (cached === undefined) {
    cached = normaliseXsdType(declared);
    // Bounded: a device could send endless distinct spellings.
    if (typeCache.size < 256) typeCache.set(declared, cached);
  }
  return cached;
}

/** Hot path of Inform and GetParameterValuesResponse: one pass over each struct. */
function parameterValues(list: XmlElement | undefined): ParameterValue[] {
  if (list === undefined) return [];
  const result: ParameterValue[] = [];
  const scanned = list.list;
  if (scanned?.shape === 'values') {
    for (const { name, second, type } of scanned.structs) {
      result.push({
        name: name.trim(),
        value: second.trim(),
        type: type === undefined ? 'xsd:string' : xsdType(type),
      });
    }
    return result;
  }
  for (const struct of list.children) {
    let name = '';
    let value = '';
    let type: XsdType = 'xsd:string';
    for (const field of struct.children) {
      if (field.local === 'Name') name = field.text.trim();
      else if (field.local === 'Value') {
        value = field.text.trim();
        const declared = attribute(field, 'type');
        if (declared !== undefined) type = xsdType(declared);
      }
    }
    result.push({ name, value, type });
  }
  return result;
}

function parameterInfos(list: XmlElement | undefined): ParameterInfo[] {
  const scanned = list?.list;
  if (scanned?.shape === 'names') {
    return scanned.structs.map(({ name, second }) => ({
      name: name.trim(),
      writable: parseCwmpBoolean(second, 'Writable'),
    }));
  }
  return (list?.children ?? []).map((s) => ({
    name: text(s, 'Name'),
    writable: bool(s, 'Writable'),
  }));
}

const OP_STRUCTS = new Map<string, DuOperation['op']>([
  ['installopstruct', 'Install'],
  ['updateopstruct', 'Update'],
  ['uninstallopstruct', 'Uninstall'],
]);

function duOperation(element: XmlElement): DuOperation {
  // Operations carry xsi:type="cwmp:InstallOpStruct"; some encoders wrap a struct element instead.
  const wrapped = element.children.find((c) => c.local.endsWith('OpStruct'));
  const struct = wrapped ?? element;
  const declared = (wrapped?.qname ?? attribute(element, 'type') ?? '').toLowerCase();
  const kind = OP_STRUCTS.get(declared.slice(declared.indexOf(':') + 1)) ?? inferOperation(struct);
  const uuid = text(struct, 'UUID');
  switch (kind) {
    case 'Install':
      return {
        op: 'Install',
        url: text(struct, 'URL'),
        uuid,
        username: text(struct, 'Username'),
        password: text(struct, 'Password'),
        executionEnvRef: text(struct, 'ExecutionEnvRef'),
      };
    case 'Update':
      return {
        op: 'Update',
        uuid,
        version: text(struct, 'Version'),
        url: text(struct, 'URL'),
        username: text(struct, 'Username'),
        password: text(struct, 'Password'),
      };
    case 'Uninstall':
      return {
        op: 'Uninstall',
        uuid,
        version: text(struct, 'Version'),
        executionEnvRef: text(struct, 'ExecutionEnvRef'),
      };
  }
}

/** Without xsi:type, the fields tell: only Install has URL and ExecutionEnvRef, only Update URL and Version. */
function inferOperation(struct: XmlElement): DuOperation['op'] {
  const has = (local: string): boolean => child(struct, local) !== undefined;
  if (has('URL')) return has('Version') && !has('ExecutionEnvRef') ? 'Update' : 'Install';
  return 'Uninstall';
}

function duOpResult(element: XmlElement): DuOpResult {
  return {
    uuid: text(element, 'UUID'),
    deploymentUnitRef: text(element, 'DeploymentUnitRef'),
    version: text(element, 'Version'),
    currentState: text(element, 'CurrentState'),
    resolved: bool(element, 'Resolved'),
    executionUnitRefList: text(element, 'ExecutionUnitRefList'),
    startTime: text(element, 'StartTime'),
    completeTime: text(element, 'CompleteTime'),
    fault: transferFault(element, 'Fault'),
  };
}

const OPERATIONS = ['Install', 'Update', 'Uninstall'] as const;

function autonDuOpResult(element: XmlElement): AutonDuOpResult {
  const performed = text(element, 'OperationPerformed');
  const operationPerformed = OPERATIONS.find((op) => op.toLowerCase() === performed.toLowerCase());
  if (operationPerformed === undefined) {
    throw new CwmpDecodeError(
      'invalid-content',
      `OperationPerformed: "${performed}" is not Install, Update or Uninstall`,
    );
  }
  return { ...duOpResult(element), operationPerformed };
}

function queuedTransfer(element: XmlElement): QueuedTransfer {
  return {
    commandKey: text(element, 'CommandKey'),
    state: oneOf(TRANSFER_STATE, int(element, 'State'), 'State'),
  };
}

function allQueuedTransfer(element: XmlElement): AllQueuedTransfer {
  return {
    ...queuedTransfer(element),
    isDownload: bool(element, 'IsDownload'),
    fileType: text(element, 'FileType'),
    fileSize: int(element, 'FileSize'),
    targetFileName: text(element, 'TargetFileName'),
  };
}

function timeWindow(element: XmlElement): TimeWindow {
  return {
    windowStart: int(element, 'WindowStart'),
    windowEnd: int(element, 'WindowEnd'),
    windowMode: text(element, 'WindowMode'),
    userMessage: text(element, 'UserMessage'),
    maxRetries: int(element, 'MaxRetries'),
  };
}

function option(element: XmlElement): OptionStruct {
  const result: OptionStruct = {
    optionName: text(element, 'OptionName'),
    voucherSN: int(element, 'VoucherSN'),
    state: int(element, 'State'),
    mode: int(element, 'Mode'),
    startDate: text(element, 'StartDate'),
    isTransferable: int(element, 'IsTransferable'),
  };
  // Optional in the schema: absent means the option never expires.
  const expiration = child(element, 'ExpirationDate');
  if (expiration !== undefined) result.expirationDate = expiration.text.trim();
  return result;
}

// ---------------------------------------------------------------- methods

type MethodMapper = (element: XmlElement) => CwmpBody;

const METHODS = new Map<string, MethodMapper>([
  // CPE → ACS requests
  [
    'Inform',
    (e) => {
      const deviceId = child(e, 'DeviceId');
      return {
        name: 'Inform',
        deviceId: {
          manufacturer: deviceId === undefined ? '' : text(deviceId, 'Manufacturer'),
          oui: deviceId === undefined ? '' : text(deviceId, 'OUI'),
          productClass: deviceId === undefined ? '' : text(deviceId, 'ProductClass'),
          serialNumber: deviceId === undefined ? '' : text(deviceId, 'SerialNumber'),
        },
        event: items(e, 'Event').map((s) => ({
          eventCode: normaliseEventCode(text(s, 'EventCode')),
          commandKey: text(s, 'CommandKey'),
        })),
        maxEnvelopes: parseCwmpInt(text(e, 'MaxEnvelopes'), 'MaxEnvelopes', 1),
        currentTime: text(e, 'CurrentTime'),
        retryCount: int(e, 'RetryCount'),
        parameterList: parameterValues(child(e, 'ParameterList')),
      };
    },
  ],
  [
    'TransferComplete',
    (e) => ({
      name: 'TransferComplete',
      commandKey: text(e, 'CommandKey'),
      faultStruct: transferFault(e, 'FaultStruct'),
      startTime: text(e, 'StartTime'),
      completeTime: text(e, 'CompleteTime'),
    }),
  ],
  [
    'AutonomousTransferComplete',
    (e) => ({
      name: 'AutonomousTransferComplete',
      announceURL: text(e, 'AnnounceURL'),
      transferURL: text(e, 'TransferURL'),
      isDownload: bool(e, 'IsDownload'),
      fileType: text(e, 'FileType'),
      fileSize: int(e, 'FileSize'),
      targetFileName: text(e, 'TargetFileName'),
      faultStruct: transferFault(e, 'FaultStruct'),
      startTime: text(e, 'StartTime'),
      completeTime: text(e, 'CompleteTime'),
    }),
  ],
  [
    'Kicked',
    (e) => ({
      name: 'Kicked',
      command: text(e, 'Command'),
      referer: text(e, 'Referer'),
      arg: text(e, 'Arg'),
      next: text(e, 'Next'),
    }),
  ],
  [
    'RequestDownload',
    (e) => ({
      name: 'RequestDownload',
      fileType: text(e, 'FileType'),
      fileTypeArg: items(e, 'FileTypeArg').map((a) => ({
        name: text(a, 'Name'),
        value: text(a, 'Value'),
      })),
    }),
  ],
  [
    'DUStateChangeComplete',
    (e) => ({
      name: 'DUStateChangeComplete',
      results: repeated(e, 'Results').map(duOpResult),
      commandKey: text(e, 'CommandKey'),
    }),
  ],
  [
    'AutonomousDUStateChangeComplete',
    (e) => ({
      name: 'AutonomousDUStateChangeComplete',
      results: repeated(e, 'Results').map(autonDuOpResult),
    }),
  ],
  ['GetRPCMethods', () => ({ name: 'GetRPCMethods' })],

  // ACS → CPE responses
  ['InformResponse', () => ({ name: 'InformResponse', maxEnvelopes: 1 })],
  ['TransferCompleteResponse', () => ({ name: 'TransferCompleteResponse' })],
  ['AutonomousTransferCompleteResponse', () => ({ name: 'AutonomousTransferCompleteResponse' })],
  ['KickedResponse', (e) => ({ name: 'KickedResponse', nextURL: text(e, 'NextURL') })],
  ['RequestDownloadResponse', () => ({ name: 'RequestDownloadResponse' })],
  ['DUStateChangeCompleteResponse', () => ({ name: 'DUStateChangeCompleteResponse' })],
  [
    'AutonomousDUStateChangeCompleteResponse',
    () => ({ name: 'AutonomousDUStateChangeCompleteResponse' }),
  ],
  [
    'GetRPCMethodsResponse',
    (e) => ({ name: 'GetRPCMethodsResponse', methodList: strings(e, 'MethodList') }),
  ],

  // ACS → CPE requests
  [
    'SetParameterValues',
    (e) => ({
      name: 'SetParameterValues',
      parameterList: parameterValues(child(e, 'ParameterList')),
      parameterKey: text(e, 'ParameterKey'),
    }),
  ],
  [
    'GetParameterValues',
    (e) => ({ name: 'GetParameterValues', parameterNames: strings(e, 'ParameterNames') }),
  ],
  [
    'GetParameterNames',
    (e) => ({
      name: 'GetParameterNames',
      parameterPath: text(e, 'ParameterPath'),
      nextLevel: bool(e, 'NextLevel'),
    }),
  ],
  [
    'SetParameterAttributes',
    (e) => ({
      name: 'SetParameterAttributes',
      parameterList: items(e, 'ParameterList').map((s) => ({
        name: text(s, 'Name'),
        notificationChange: bool(s, 'NotificationChange'),
        notification: notification(s),
        accessListChange: bool(s, 'AccessListChange'),
        accessList: strings(s, 'AccessList'),
      })),
    }),
  ],
  [
    'GetParameterAttributes',
    (e) => ({ name: 'GetParameterAttributes', parameterNames: strings(e, 'ParameterNames') }),
  ],
  [
    'AddObject',
    (e) => ({
      name: 'AddObject',
      objectName: text(e, 'ObjectName'),
      parameterKey: text(e, 'ParameterKey'),
    }),
  ],
  [
    'DeleteObject',
    (e) => ({
      name: 'DeleteObject',
      objectName: text(e, 'ObjectName'),
      parameterKey: text(e, 'ParameterKey'),
    }),
  ],
  ['Reboot', (e) => ({ name: 'Reboot', commandKey: text(e, 'CommandKey') })],
  [
    'Download',
    (e) => ({
      name: 'Download',
      commandKey: text(e, 'CommandKey'),
      fileType: text(e, 'FileType'),
      url: text(e, 'URL'),
      username: text(e, 'Username'),
      password: text(e, 'Password'),
      fileSize: int(e, 'FileSize'),
      targetFileName: text(e, 'TargetFileName'),
      delaySeconds: int(e, 'DelaySeconds'),
      successURL: text(e, 'SuccessURL'),
      failureURL: text(e, 'FailureURL'),
    }),
  ],
  [
    'Upload',
    (e) => ({
      name: 'Upload',
      commandKey: text(e, 'CommandKey'),
      fileType: text(e, 'FileType'),
      url: text(e, 'URL'),
      username: text(e, 'Username'),
      password: text(e, 'Password'),
      delaySeconds: int(e, 'DelaySeconds'),
    }),
  ],
  ['FactoryReset', () => ({ name: 'FactoryReset' })],
  [
    'ScheduleInform',
    (e) => ({
      name: 'ScheduleInform',
      delaySeconds: int(e, 'DelaySeconds'),
      commandKey: text(e, 'CommandKey'),
    }),
  ],
  ['GetQueuedTransfers', () => ({ name: 'GetQueuedTransfers' })],
  ['GetAllQueuedTransfers', () => ({ name: 'GetAllQueuedTransfers' })],
  [
    'ScheduleDownload',
    (e) => ({
      name: 'ScheduleDownload',
      commandKey: text(e, 'CommandKey'),
      fileType: text(e, 'FileType'),
      url: text(e, 'URL'),
      username: text(e, 'Username'),
      password: text(e, 'Password'),
      fileSize: int(e, 'FileSize'),
      targetFileName: text(e, 'TargetFileName'),
      timeWindowList: items(e, 'TimeWindowList').map(timeWindow),
    }),
  ],
  ['CancelTransfer', (e) => ({ name: 'CancelTransfer', commandKey: text(e, 'CommandKey') })],
  [
    'ChangeDUState',
    (e) => ({
      name: 'ChangeDUState',
      operations: repeated(e, 'Operations').map(duOperation),
      commandKey: text(e, 'CommandKey'),
    }),
  ],
  ['SetVouchers', (e) => ({ name: 'SetVouchers', voucherList: strings(e, 'VoucherList') })],
  ['GetOptions', (e) => ({ name: 'GetOptions', optionName: text(e, 'OptionName') })],

  // CPE → ACS responses
  [
    'SetParameterValuesResponse',
    (e) => ({ name: 'SetParameterValuesResponse', status: status(e) }),
  ],
  [
    'GetParameterValuesResponse',
    (e) => ({
      name: 'GetParameterValuesResponse',
      parameterList: parameterValues(child(e, 'ParameterList')),
    }),
  ],
  [
    'GetParameterNamesResponse',
    (e) => ({
      name: 'GetParameterNamesResponse',
      parameterList: parameterInfos(child(e, 'ParameterList')),
    }),
  ],
  ['SetParameterAttributesResponse', () => ({ name: 'SetParameterAttributesResponse' })],
  [
    'GetParameterAttributesResponse',
    (e) => ({
      name: 'GetParameterAttributesResponse',
      parameterList: items(e, 'ParameterList').map((s) => ({
        name: text(s, 'Name'),
        notification: notification(s),
        accessList: strings(s, 'AccessList'),
      })),
    }),
  ],
  [
    'AddObjectResponse',
    (e) => ({
      name: 'AddObjectResponse',
      instanceNumber: int(e, 'InstanceNumber'),
      status: status(e),
    }),
  ],
  ['DeleteObjectResponse', (e) => ({ name: 'DeleteObjectResponse', status: status(e) })],
  ['RebootResponse', () => ({ name: 'RebootResponse' })],
  [
    'DownloadResponse',
    (e) => ({
      name: 'DownloadResponse',
      status: status(e),
      startTime: text(e, 'StartTime'),
      completeTime: text(e, 'CompleteTime'),
    }),
  ],
  [
    'UploadResponse',
    (e) => ({
      name: 'UploadResponse',
      status: status(e),
      startTime: text(e, 'StartTime'),
      completeTime: text(e, 'CompleteTime'),
    }),
  ],
  ['FactoryResetResponse', () => ({ name: 'FactoryResetResponse' })],
  ['ScheduleInformResponse', () => ({ name: 'ScheduleInformResponse' })],
  [
    'GetQueuedTransfersResponse',
    (e) => ({
      name: 'GetQueuedTransfersResponse',
      transferList: items(e, 'TransferList').map(queuedTransfer),
    }),
  ],
  [
    'GetAllQueuedTransfersResponse',
    (e) => ({
      name: 'GetAllQueuedTransfersResponse',
      transferList: items(e, 'TransferList').map(allQueuedTransfer),
    }),
  ],
  ['ScheduleDownloadResponse', () => ({ name: 'ScheduleDownloadResponse' })],
  ['CancelTransferResponse', () => ({ name: 'CancelTransferResponse' })],
  ['ChangeDUStateResponse', () => ({ name: 'ChangeDUStateResponse' })],
  ['SetVouchersResponse', () => ({ name: 'SetVouchersResponse' })],
  [
    'GetOptionsResponse',
    (e) => ({ name: 'GetOptionsResponse', optionList: items(e, 'OptionList').map(option) }),
  ],
]);

/** Elements the schema repeats directly (maxOccurs="unbounded") instead of wrapping in an array. */
function repeated(element: XmlElement, local: string): XmlElement[] {
  return element.children.filter((c) => c.local === local);
}

function mapMethod(method: XmlElement): CwmpBody {
  const mapper = METHODS.get(method.local);
  if (mapper === undefined) {
    throw new CwmpDecodeError('unknown-method', `unknown CWMP method <${method.qname}>`);
  }
  return mapper(method);
}
