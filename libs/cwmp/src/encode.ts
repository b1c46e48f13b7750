import { CwmpEncodeError } from './errors';
import { isFaultCodeAllowed } from './faults';
import type {
  AllQueuedTransfer,
  ArgStruct,
  AutonDuOpResult,
  CwmpBody,
  CwmpEnvelope,
  CwmpFault,
  CwmpHeader,
  CwmpVersion,
  DeviceIdStruct,
  DuOperation,
  DuOpResult,
  EventStruct,
  OptionStruct,
  ParameterAttributeStruct,
  ParameterInfo,
  ParameterValue,
  QueuedTransfer,
  SetParameterAttributesStruct,
  TimeWindow,
  TransferCompleteFault,
  XsdType,
} from './model';
import { CWMP_NAMESPACES, isMethodInVersion } from './versions';
import { escapeXml } from './xml/escape';
import {
  DATE_TIME,
  DOWNLOAD_FILE_TYPE,
  EVENT_CODE,
  EXTENSIBLE_1_2,
  OBJECT_NAME,
  OUI,
  TRANSFER_FILE_TYPE,
  UPLOAD_FILE_TYPE,
  UUID,
  isValidXsdValue,
  tooLong,
} from './xsd';

function invalid(message: string): CwmpEncodeError {
  return new CwmpEncodeError('invalid-value', message);
}

/** <tag>text</tag>, checking the schema's maxLength. */
function str(tag: string, text: string, max: number): string {
  if (tooLong(text, max)) throw invalid(`${tag} is longer than ${max} characters`);
  return '<' + tag + '>' + escapeXml(text) + '</' + tag + '>';
}

/** <tag>text</tag> for a string restricted by a pattern (and a maxLength). */
function matching(tag: string, text: string, max: number, pattern: RegExp): string {
  if (!pattern.test(text))
    throw invalid(`${tag} ${JSON.stringify(text)} does not match ${pattern}`);
  return str(tag, text, max);
}

function checkUint(tag: string, n: number, min = 0): void {
  if (!Number.isInteger(n) || n < min || n > 0xffffffff) {
    throw invalid(`${tag} ${n} is not an xsd:unsignedInt${min > 0 ? ` >= ${min}` : ''}`);
  }
}

function uint(tag: string, n: number, min = 0): string {
  checkUint(tag, n, min);
  return '<' + tag + '>' + n + '</' + tag + '>';
}

function int(tag: string, n: number): string {
  if (!Number.isInteger(n) || n < -0x80000000 || n > 0x7fffffff) {
    throw invalid(`${tag} ${n} is not an xsd:int`);
  }
  return '<' + tag + '>' + n + '</' + tag + '>';
}

/** An xsd:int restricted to an enumeration. */
function oneOf(tag: string, n: number, allowed: readonly number[]): string {
  if (!allowed.includes(n)) throw invalid(`${tag} ${n} is not one of ${allowed.join(', ')}`);
  return '<' + tag + '>' + n + '</' + tag + '>';
}

// Booleans go out as 1/0: TR-069 allows true/false too, but some CPE parsers only read digits.
function bool(tag: string, b: boolean): string {
  return b ? '<' + tag + '>1</' + tag + '>' : '<' + tag + '>0</' + tag + '>';
}

function dateTime(tag: string, text: string): string {
  if (!DATE_TIME.test(text)) throw invalid(`${tag} ${JSON.stringify(text)} is not an xsd:dateTime`);
  return '<' + tag + '>' + text + '</' + tag + '>';
}

function arrayOpen(tag: string, itemType: string, count: number): string {
  return '<' + tag + ' soap-enc:arrayType="' + itemType + '[' + count + ']">';
}

function cardinality(what: string, count: number, min: number, max: number): void {
  if (count < min || count > max) {
    const range = max === Infinity ? `at least ${min}` : `${min} to ${max}`;
    throw new CwmpEncodeError(
      'cardinality',
      `${what} holds ${count} entries, the schema allows ${range}`,
    );
  }
}

// xsd:base64 is TR-069's name; the XML Schema type carrying it is SOAP-ENC's base64.
const VALUE_OPEN: Readonly<Record<XsdType, string>> = {
  'xsd:string': '<Value xsi:type="xsd:string">',
  'xsd:int': '<Value xsi:type="xsd:int">',
  'xsd:unsignedInt': '<Value xsi:type="xsd:unsignedInt">',
  'xsd:boolean': '<Value xsi:type="xsd:boolean">',
  'xsd:dateTime': '<Value xsi:type="xsd:dateTime">',
  'xsd:base64': '<Value xsi:type="soap-enc:base64">',
  'xsd:long': '<Value xsi:type="xsd:long">',
  'xsd:unsignedLong': '<Value xsi:type="xsd:unsignedLong">',
  'xsd:hexBinary': '<Value xsi:type="xsd:hexBinary">',
};

function parameterValueList(list: readonly ParameterValue[]): string {
  let out = arrayOpen('ParameterList', 'cwmp:ParameterValueStruct', list.length);
  for (const p of list) {
    const open = VALUE_OPEN[p.type];
    if (open === undefined) throw invalid(`${p.name}: unknown type ${String(p.type)}`);
    if (!isValidXsdValue(p.value, p.type)) {
      throw invalid(`${p.name}: ${JSON.stringify(p.value)} is not a valid ${p.type}`);
    }
    out +=
      '<ParameterValueStruct>' +
      str('Name', p.name, 256) +
      open +
      escapeXml(p.value) +
      '</Value></ParameterValueStruct>';
  }
  return out + '</ParameterList>';
}

function parameterNames(names: readonly string[]): string {
  cardinality('ParameterNames', names.length, 1, Infinity);
  let out = arrayOpen('ParameterNames', 'xsd:string', names.length);
  for (const name of names) out += str('string', name, 256);
  return out + '</ParameterNames>';
}

function accessList(list: readonly string[]): string {
  let out = arrayOpen('AccessList', 'xsd:string', list.length);
  for (const entry of list) {
    if (entry !== 'Subscriber')
      throw invalid(`AccessList entry ${JSON.stringify(entry)} is not "Subscriber"`);
    out += '<string>Subscriber</string>';
  }
  return out + '</AccessList>';
}

/** Notification 3–6 (lightweight notifications) exist from cwmp-1-2 on. */
function notification(n: number, v: CwmpVersion): string {
  return oneOf('Notification', n, v === '1-2' ? [0, 1, 2, 3, 4, 5, 6] : [0, 1, 2]);
}

// ---------------------------------------------------------------- structs

function deviceId(d: DeviceIdStruct): string {
  return (
    '<DeviceId>' +
    str('Manufacturer', d.manufacturer, 64) +
    matching('OUI', d.oui, 6, OUI) +
    str('ProductClass', d.productClass, 64) +
    str('SerialNumber', d.serialNumber, 64) +
    '</DeviceId>'
  );
}

function eventList(events: readonly EventStruct[], v: CwmpVersion): string {
  cardinality('Event', events.length, 0, 64);
  let out = arrayOpen('Event', 'cwmp:EventStruct', events.length);
  for (const e of events) {
    out +=
      '<EventStruct>' +
      matching('EventCode', e.eventCode, 64, EVENT_CODE[v]) +
      str('CommandKey', e.commandKey, 32) +
      '</EventStruct>';
  }
  return out + '</Event>';
}

/** Codes the FaultStruct of (Autonomous)TransferComplete accepts, by version. */
function transferFaultCodeAllowed(code: number, v: CwmpVersion): boolean {
  if (
    code === 0 ||
    code === 9001 ||
    code === 9002 ||
    code === 9010 ||
    code === 9011 ||
    code === 9012
  )
    return true;
  if (code >= 9800 && code <= 9899) return v !== '1-0';
  if (v === '1-1') return code >= 9014 && code <= 9799;
  if (v === '1-2') return (code >= 9014 && code <= 9020) || (code >= 9033 && code <= 9799);
  return false;
}

function transferFault(f: TransferCompleteFault, v: CwmpVersion): string {
  if (!transferFaultCodeAllowed(f.faultCode, v)) {
    throw invalid(`FaultStruct FaultCode ${f.faultCode} is not allowed in cwmp-${v}`);
  }
  return (
    '<FaultStruct>' +
    uint('FaultCode', f.faultCode) +
    str('FaultString', f.faultString, 256) +
    '</FaultStruct>'
  );
}

const DU_FAULT_CODES = new Set([
  0, 9001, 9003, 9012, 9013, 9015, 9016, 9017, 9018, 9022, 9023, 9024, 9025, 9026, 9027, 9028, 9029,
  9030, 9031, 9032,
]);

function opResultBody(r: DuOpResult): string {
  const code = r.fault.faultCode;
  if (!DU_FAULT_CODES.has(code) && !(code >= 9033 && code <= 9899)) {
    throw invalid(`Fault FaultCode ${code} is not a Deployment Unit fault code`);
  }
  if (
    r.currentState !== 'Installed' &&
    r.currentState !== 'Uninstalled' &&
    r.currentState !== 'Failed'
  ) {
    throw invalid(
      `CurrentState ${JSON.stringify(r.currentState)} is not Installed, Uninstalled or Failed`,
    );
  }
  return (
    matching('UUID', r.uuid, 36, UUID) +
    str('DeploymentUnitRef', r.deploymentUnitRef, Infinity) +
    str('Version', r.version, 32) +
    '<CurrentState>' +
    r.currentState +
    '</CurrentState>' +
    bool('Resolved', r.resolved) +
    str('ExecutionUnitRefList', r.executionUnitRefList, Infinity) +
    dateTime('StartTime', r.startTime) +
    dateTime('CompleteTime', r.completeTime) +
    '<Fault>' +
    uint('FaultCode', code) +
    str('FaultString', r.fault.faultString, Infinity) +
    '</Fault>'
  );
}

/** Optional elements of the DU operations: the schema has no empty value for them, so '' means absent. */
function optional(tag: string, text: string, max: number, pattern?: RegExp): string {
  if (text === '') return '';
  return pattern ? matching(tag, text, max, pattern) : str(tag, text, max);
}

function operation(op: DuOperation): string {
  switch (op.op) {
    case 'Install':
      return (
        '<Operations xsi:type="cwmp:InstallOpStruct">' +
        str('URL', op.url, 1024) +
        optional('UUID', op.uuid, 36, UUID) +
        optional('Username', op.username, 256) +
        optional('Password', op.password, 256) +
        optional('ExecutionEnvRef', op.executionEnvRef, 256) +
        '</Operations>'
      );
    case 'Update':
      return (
        '<Operations xsi:type="cwmp:UpdateOpStruct">' +
        optional('UUID', op.uuid, 36, UUID) +
        optional('Version', op.version, 32) +
        optional('URL', op.url, 1024) +
        optional('Username', op.username, 256) +
        optional('Password', op.password, 256) +
        '</Operations>'
      );
    case 'Uninstall':
      return (
        '<Operations xsi:type="cwmp:UninstallOpStruct">' +
        matching('UUID', op.uuid, 36, UUID) +
        optional('Version', op.version, 32) +
        optional('ExecutionEnvRef', op.executionEnvRef, 256) +
        '</Operations>'
      );
  }
}

function timeWindow(w: TimeWindow): string {
  return (
    '<TimeWindowStruct>' +
    uint('WindowStart', w.windowStart) +
    uint('WindowEnd', w.windowEnd) +
    matching('WindowMode', w.windowMode, 64, EXTENSIBLE_1_2) +
    str('UserMessage', w.userMessage, 256) +
    int('MaxRetries', w.maxRetries) +
    '</TimeWindowStruct>'
  );
}

function list<T>(
  tag: string,
  itemType: string,
  items: readonly T[],
  min: number,
  max: number,
  item: (t: T) => string,
): string {
  cardinality(tag, items.length, min, max);
  let out = arrayOpen(tag, itemType, items.length);
  for (const t of items) out += item(t);
  return out + '</' + tag + '>';
}

const queuedTransfer = (t: QueuedTransfer): string =>
  '<QueuedTransferStruct>' +
  str('CommandKey', t.commandKey, 32) +
  oneOf('State', t.state, [1, 2, 3]) +
  '</QueuedTransferStruct>';

function allQueuedTransfer(t: AllQueuedTransfer, v: CwmpVersion): string {
  return (
    '<AllQueuedTransferStruct>' +
    str('CommandKey', t.commandKey, 32) +
    oneOf('State', t.state, [1, 2, 3]) +
    bool('IsDownload', t.isDownload) +
    matching('FileType', t.fileType, 64, TRANSFER_FILE_TYPE[v]) +
    uint('FileSize', t.fileSize) +
    str('TargetFileName', t.targetFileName, 256) +
    '</AllQueuedTransferStruct>'
  );
}

const option = (o: OptionStruct): string =>
  '<OptionStruct>' +
  str('OptionName', o.optionName, 64) +
  uint('VoucherSN', o.voucherSN) +
  oneOf('State', o.state, [0, 1, 2, 3]) +
  oneOf('Mode', o.mode, [0, 1, 2]) +
  dateTime('StartDate', o.startDate) +
  (o.expirationDate === undefined ? '' : dateTime('ExpirationDate', o.expirationDate)) +
  oneOf('IsTransferable', o.isTransferable, [0, 1]) +
  '</OptionStruct>';

const arg = (a: ArgStruct): string =>
  '<ArgStruct>' + str('Name', a.name, 64) + str('Value', a.value, 256) + '</ArgStruct>';

const parameterInfo = (p: ParameterInfo): string =>
  '<ParameterInfoStruct>' +
  str('Name', p.name, 256) +
  bool('Writable', p.writable) +
  '</ParameterInfoStruct>';

function setAttributesStruct(s: SetParameterAttributesStruct, v: CwmpVersion): string {
  return (
    '<SetParameterAttributesStruct>' +
    str('Name', s.name, 256) +
    bool('NotificationChange', s.notificationChange) +
    notification(s.notification, v) +
    bool('AccessListChange', s.accessListChange) +
    accessList(s.accessList) +
    '</SetParameterAttributesStruct>'
  );
}

function attributeStruct(s: ParameterAttributeStruct, v: CwmpVersion): string {
  return (
    '<ParameterAttributeStruct>' +
    str('Name', s.name, 256) +
    notification(s.notification, v) +
    accessList(s.accessList) +
    '</ParameterAttributeStruct>'
  );
}

function autonOpResult(r: AutonDuOpResult): string {
  return (
    '<Results>' +
    opResultBody(r) +
    str('OperationPerformed', r.operationPerformed, Infinity) +
    '</Results>'
  );
}

// ---------------------------------------------------------------- faults

function fault(f: CwmpFault, v: CwmpVersion): string {
  if (!isFaultCodeAllowed(f.faultCode, v))
    throw invalid(`FaultCode ${f.faultCode} is not allowed in cwmp-${v}`);
  let detail =
    '<cwmp:Fault><FaultCode>' +
    f.faultCode +
    '</FaultCode>' +
    str('FaultString', f.faultString, Infinity);
  for (const p of f.setParameterValuesFault) {
    // cwmp-1-2 accepts only CPE codes here; 1-0/1-1 reuse the general FaultCodeType.
    const allowed =
      v === '1-2' ? p.faultCode >= 9000 && p.faultCode <= 9899 : isFaultCodeAllowed(p.faultCode, v);
    if (!allowed)
      throw invalid(`SetParameterValuesFault FaultCode ${p.faultCode} is not allowed in cwmp-${v}`);
    detail +=
      '<SetParameterValuesFault>' +
      str('ParameterName', p.parameterName, Infinity) +
      '<FaultCode>' +
      p.faultCode +
      '</FaultCode>' +
      str('FaultString', p.faultString, Infinity) +
      '</SetParameterValuesFault>';
  }
  // TR-069 A.2.3: faultcode "Client"/"Server" unqualified, faultstring "CWMP fault".
  return (
    '<soap-env:Fault><faultcode>' +
    f.faultcode +
    '</faultcode><faultstring>CWMP fault</faultstring><detail>' +
    detail +
    '</cwmp:Fault></detail></soap-env:Fault>'
  );
}

// ---------------------------------------------------------------- bodies

const empty = (name: string): string => '<cwmp:' + name + '/>';
const wrap = (name: string, content: string): string =>
  '<cwmp:' + name + '>' + content + '</cwmp:' + name + '>';

function encodeBody(b: CwmpBody, v: CwmpVersion): string {
  switch (b.name) {
    // ACS → CPE requests
    case 'GetRPCMethods':
    case 'FactoryReset':
    case 'GetQueuedTransfers':
    case 'GetAllQueuedTransfers':
      return empty(b.name);
    case 'SetParameterValues':
      return wrap(
        b.name,
        parameterValueList(b.parameterList) + str('ParameterKey', b.parameterKey, 32),
      );
    case 'GetParameterValues':
    case 'GetParameterAttributes':
      return wrap(b.name, parameterNames(b.parameterNames));
    case 'GetParameterNames':
      return wrap(
        b.name,
        str('ParameterPath', b.parameterPath, 256) + bool('NextLevel', b.nextLevel),
      );
    case 'SetParameterAttributes':
      return wrap(
        b.name,
        list(
          'ParameterList',
          'cwmp:SetParameterAttributesStruct',
          b.parameterList,
          1,
          Infinity,
          (s) => setAttributesStruct(s, v),
        ),
      );
    case 'AddObject':
    case 'DeleteObject':
      return wrap(
        b.name,
        matching('ObjectName', b.objectName, 256, OBJECT_NAME) +
          str('ParameterKey', b.parameterKey, 32),
      );
    case 'Reboot':
    case 'CancelTransfer':
      return wrap(b.name, str('CommandKey', b.commandKey, 32));
    case 'Download':
      return wrap(
        b.name,
        str('CommandKey', b.commandKey, 32) +
          matching('FileType', b.fileType, 64, DOWNLOAD_FILE_TYPE[v]) +
          str('URL', b.url, 256) +
          str('Username', b.username, 256) +
          str('Password', b.password, 256) +
          uint('FileSize', b.fileSize) +
          str('TargetFileName', b.targetFileName, 256) +
          uint('DelaySeconds', b.delaySeconds) +
          str('SuccessURL', b.successURL, 256) +
          str('FailureURL', b.failureURL, 256),
      );
    case 'Upload':
      return wrap(
        b.name,
        str('CommandKey', b.commandKey, 32) +
          matching('FileType', b.fileType, 64, UPLOAD_FILE_TYPE[v]) +
          str('URL', b.url, 256) +
          str('Username', b.username, 256) +
          str('Password', b.password, 256) +
          uint('DelaySeconds', b.delaySeconds),
      );
    case 'ScheduleInform':
      return wrap(
        b.name,
        uint('DelaySeconds', b.delaySeconds) + str('CommandKey', b.commandKey, 32),
      );
    case 'ScheduleDownload':
      return wrap(
        b.name,
        str('CommandKey', b.commandKey, 32) +
          matching('FileType', b.fileType, 64, DOWNLOAD_FILE_TYPE[v]) +
          str('URL', b.url, 256) +
          str('Username', b.username, 256) +
          str('Password', b.password, 256) +
          uint('FileSize', b.fileSize) +
          str('TargetFileName', b.targetFileName, 256) +
          list('TimeWindowList', 'cwmp:TimeWindowStruct', b.timeWindowList, 1, 2, timeWindow),
      );
    case 'ChangeDUState':
      cardinality('Operations', b.operations.length, 1, Infinity);
      return wrap(
        b.name,
        b.operations.map(operation).join('') + str('CommandKey', b.commandKey, 32),
      );
    case 'SetVouchers':
      return wrap(
        b.name,
        list('VoucherList', 'soap-enc:base64', b.voucherList, 1, Infinity, (voucher) => {
          if (!isValidXsdValue(voucher, 'xsd:base64'))
            throw invalid('VoucherList entry is not base64');
          return '<base64>' + voucher + '</base64>';
        }),
      );
    case 'GetOptions':
      return wrap(b.name, str('OptionName', b.optionName, 64));

    // CPE → ACS responses
    case 'GetRPCMethodsResponse':
      return wrap(
        b.name,
        list('MethodList', 'xsd:string', b.methodList, 1, Infinity, (m) => str('string', m, 64)),
      );
    case 'SetParameterValuesResponse':
    case 'DeleteObjectResponse':
      return wrap(b.name, oneOf('Status', b.status, [0, 1]));
    case 'GetParameterValuesResponse':
      return wrap(b.name, parameterValueList(b.parameterList));
    case 'GetParameterNamesResponse':
      return wrap(
        b.name,
        list(
          'ParameterList',
          'cwmp:ParameterInfoStruct',
          b.parameterList,
          0,
          Infinity,
          parameterInfo,
        ),
      );
    case 'GetParameterAttributesResponse':
      return wrap(
        b.name,
        list('ParameterList', 'cwmp:ParameterAttributeStruct', b.parameterList, 0, Infinity, (s) =>
          attributeStruct(s, v),
        ),
      );
    case 'AddObjectResponse':
      return wrap(
        b.name,
        uint('InstanceNumber', b.instanceNumber, 1) + oneOf('Status', b.status, [0, 1]),
      );
    case 'DownloadResponse':
    case 'UploadResponse':
      return wrap(
        b.name,
        oneOf('Status', b.status, [0, 1]) +
          dateTime('StartTime', b.startTime) +
          dateTime('CompleteTime', b.completeTime),
      );
    case 'GetQueuedTransfersResponse':
      return wrap(
        b.name,
        list('TransferList', 'cwmp:QueuedTransferStruct', b.transferList, 0, 16, queuedTransfer),
      );
    case 'GetAllQueuedTransfersResponse':
      return wrap(
        b.name,
        list('TransferList', 'cwmp:AllQueuedTransferStruct', b.transferList, 0, 16, (t) =>
          allQueuedTransfer(t, v),
        ),
      );
    case 'GetOptionsResponse':
      return wrap(
        b.name,
        list('OptionList', 'cwmp:OptionStruct', b.optionList, 0, Infinity, option),
      );
    case 'SetParameterAttributesResponse':
    case 'RebootResponse':
    case 'FactoryResetResponse':
    case 'ScheduleInformResponse':
    case 'ScheduleDownloadResponse':
    case 'CancelTransferResponse':
    case 'ChangeDUStateResponse':
    case 'SetVouchersResponse':
      return empty(b.name);

    // CPE → ACS requests
    case 'Inform':
      return wrap(
        b.name,
        deviceId(b.deviceId) +
          eventList(b.event, v) +
          uint('MaxEnvelopes', b.maxEnvelopes) +
          dateTime('CurrentTime', b.currentTime) +
          uint('RetryCount', b.retryCount) +
          parameterValueList(b.parameterList),
      );
    case 'TransferComplete':
      return wrap(
        b.name,
        str('CommandKey', b.commandKey, 32) +
          transferFault(b.faultStruct, v) +
          dateTime('StartTime', b.startTime) +
          dateTime('CompleteTime', b.completeTime),
      );
    case 'AutonomousTransferComplete':
      return wrap(
        b.name,
        str('AnnounceURL', b.announceURL, 1024) +
          str('TransferURL', b.transferURL, 1024) +
          bool('IsDownload', b.isDownload) +
          matching('FileType', b.fileType, 64, TRANSFER_FILE_TYPE[v]) +
          uint('FileSize', b.fileSize) +
          str('TargetFileName', b.targetFileName, 256) +
          transferFault(b.faultStruct, v) +
          dateTime('StartTime', b.startTime) +
          dateTime('CompleteTime', b.completeTime),
      );
    case 'Kicked':
      return wrap(
        b.name,
        str('Command', b.command, 32) +
          str('Referer', b.referer, 64) +
          str('Arg', b.arg, 256) +
          str('Next', b.next, 1024),
      );
    case 'RequestDownload':
      return wrap(
        b.name,
        matching('FileType', b.fileType, 64, DOWNLOAD_FILE_TYPE[v]) +
          list('FileTypeArg', 'cwmp:ArgStruct', b.fileTypeArg, 0, 16, arg),
      );
    case 'DUStateChangeComplete':
      cardinality('Results', b.results.length, 1, Infinity);
      return wrap(
        b.name,
        b.results.map((r) => '<Results>' + opResultBody(r) + '</Results>').join('') +
          str('CommandKey', b.commandKey, 32),
      );
    case 'AutonomousDUStateChangeComplete':
      cardinality('Results', b.results.length, 1, Infinity);
      return wrap(b.name, b.results.map(autonOpResult).join(''));

    // ACS → CPE responses
    case 'InformResponse':
      return INFORM_RESPONSE;
    case 'KickedResponse':
      return wrap(b.name, str('NextURL', b.nextURL, 1024));
    case 'TransferCompleteResponse':
    case 'AutonomousTransferCompleteResponse':
    case 'RequestDownloadResponse':
    case 'DUStateChangeCompleteResponse':
    case 'AutonomousDUStateChangeCompleteResponse':
      return empty(b.name);

    case 'Fault':
      return fault(b, v);
  }
}

// MaxEnvelopes is fixed at 1 (TR-069 A.3.3.1: the ACS MUST send 1).
const INFORM_RESPONSE = '<cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse>';

// ---------------------------------------------------------------- envelope

function envelopeOpen(v: CwmpVersion): string {
  return (
    '<?xml version="1.0" encoding="UTF-8"?>\n' +
    '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"' +
    ' xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/"' +
    ' xmlns:xsd="http://www.w3.org/2001/XMLSchema"' +
    ' xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"' +
    ' xmlns:cwmp="' +
    CWMP_NAMESPACES[v] +
    '">'
  );
}

const ENVELOPE_OPEN: Readonly<Record<CwmpVersion, string>> = {
  '1-0': envelopeOpen('1-0'),
  '1-1': envelopeOpen('1-1'),
  '1-2': envelopeOpen('1-2'),
};

/**
 * Header entries that the target version defines; others are dropped, since a CPE of that
 * version would not know them. NoMoreRequests was dropped from the protocol in 1.1 and no XSD
 * declares it, so it is only written in cwmp-1-0. SessionTimeout (cwmp-1-3.xsd),
 * SupportedCWMPVersions and UseCWMPVersion (cwmp-1-4.xsd) live in the cwmp-1-2 namespace.
 */
function encodeHeader(h: CwmpHeader, v: CwmpVersion): string {
  let out = '';
  if (h.id !== undefined)
    out += '<cwmp:ID soap-env:mustUnderstand="1">' + escapeXml(h.id) + '</cwmp:ID>';
  if (h.holdRequests !== undefined) {
    out +=
      '<cwmp:HoldRequests soap-env:mustUnderstand="1">' +
      (h.holdRequests ? '1' : '0') +
      '</cwmp:HoldRequests>';
  }
  if (h.noMoreRequests !== undefined && v === '1-0') {
    out +=
      '<cwmp:NoMoreRequests soap-env:mustUnderstand="0">' +
      (h.noMoreRequests ? '1' : '0') +
      '</cwmp:NoMoreRequests>';
  }
  if (v === '1-2') {
    if (h.sessionTimeout !== undefined) {
      checkUint('SessionTimeout', h.sessionTimeout);
      out +=
        '<cwmp:SessionTimeout soap-env:mustUnderstand="0">' +
        h.sessionTimeout +
        '</cwmp:SessionTimeout>';
    }
    if (h.supportedCWMPVersions !== undefined) {
      out +=
        '<cwmp:SupportedCWMPVersions soap-env:mustUnderstand="0">' +
        escapeXml(h.supportedCWMPVersions) +
        '</cwmp:SupportedCWMPVersions>';
    }
    if (h.useCWMPVersion !== undefined) {
      out +=
        '<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">' +
        escapeXml(h.useCWMPVersion) +
        '</cwmp:UseCWMPVersion>';
    }
  }
  return out === '' ? '' : '<soap-env:Header>' + out + '</soap-env:Header>';
}

/**
 * Serializes a CWMP envelope as SOAP 1.1 XML in the namespace of env.cwmpVersion. The output is
 * valid against that version's schema; anything that would not be (a message the version lacks,
 * a value outside its type, too many entries) raises CwmpEncodeError instead of being sent.
 */
export function encodeEnvelope(env: CwmpEnvelope): string {
  const v = env.cwmpVersion;
  const body = env.body;
  if (!isMethodInVersion(body.name, v)) {
    throw new CwmpEncodeError('not-in-version', `${body.name} does not exist in cwmp-${v}`);
  }
  try {
    return (
      ENVELOPE_OPEN[v] +
      encodeHeader(env.header, v) +
      '<soap-env:Body>' +
      encodeBody(body, v) +
      '</soap-env:Body></soap-env:Envelope>'
    );
  } catch (err) {
    if (err instanceof CwmpEncodeError)
      throw new CwmpEncodeError(err.reason, `${body.name}: ${err.message}`);
    throw err;
  }
}
