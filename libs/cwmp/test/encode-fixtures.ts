import type { CwmpBody, CwmpHeader, CwmpMethodName, CwmpVersion } from '../src/model';

type BodyOf<N extends CwmpMethodName> = Extract<CwmpBody, { name: N }>;

/** Text that exercises escaping: the five entities, CR/LF/tab, non-ASCII and an astral character. */
export const AWKWARD_TEXT = `a<b>&c"d'e Grüße ✓ 😀\r\n\tend`;

const T0 = '2026-11-25T19:47:08Z';
const T1 = '2026-11-25T19:48:09.250+01:00';
const UNKNOWN_TIME = '0001-01-01T00:00:00Z';
const DU_UUID = '6ba7b810-9dad-11d1-80b4-00c04fd430c8';

/**
 * One message of every name of model.ts, valid in every namespace version that defines it
 * (so only the codes and patterns cwmp-1-0 already knows). The mapped type makes a new model
 * message without a fixture a compile error; encode.spec.ts checks the same at run time.
 */
export const FIXTURES: { [N in CwmpMethodName]: BodyOf<N> } = {
  GetRPCMethods: { name: 'GetRPCMethods' },
  SetParameterValues: {
    name: 'SetParameterValues',
    parameterList: [
      {
        name: 'Device.ManagementServer.PeriodicInformInterval',
        value: '300',
        type: 'xsd:unsignedInt',
      },
      { name: 'Device.DeviceInfo.ProvisioningCode', value: AWKWARD_TEXT, type: 'xsd:string' },
      { name: 'Device.WiFi.SSID.1.Enable', value: 'true', type: 'xsd:boolean' },
    ],
    parameterKey: 'c0ffee00c0ffee00c0ffee00c0ffee00',
  },
  GetParameterValues: {
    name: 'GetParameterValues',
    parameterNames: ['Device.DeviceInfo.', 'Device.ManagementServer.URL'],
  },
  GetParameterNames: { name: 'GetParameterNames', parameterPath: 'Device.', nextLevel: true },
  SetParameterAttributes: {
    name: 'SetParameterAttributes',
    parameterList: [
      {
        name: 'Device.DeviceInfo.SoftwareVersion',
        notificationChange: true,
        notification: 2,
        accessListChange: true,
        accessList: ['Subscriber'],
      },
      {
        name: 'Device.IP.',
        notificationChange: false,
        notification: 0,
        accessListChange: false,
        accessList: [],
      },
    ],
  },
  GetParameterAttributes: { name: 'GetParameterAttributes', parameterNames: [''] },
  AddObject: { name: 'AddObject', objectName: 'Device.NAT.PortMapping.', parameterKey: 'k1' },
  DeleteObject: { name: 'DeleteObject', objectName: 'Device.NAT.PortMapping.3.', parameterKey: '' },
  Reboot: { name: 'Reboot', commandKey: 'reboot-1' },
  Download: {
    name: 'Download',
    commandKey: 'fw-2026',
    fileType: '1 Firmware Upgrade Image',
    url: 'http://files.example.net:7567/fw.bin?a=1&b=2',
    username: 'user',
    password: 'p<a>ss',
    fileSize: 4294967295,
    targetFileName: 'fw.bin',
    delaySeconds: 0,
    successURL: '',
    failureURL: '',
  },
  Upload: {
    name: 'Upload',
    commandKey: 'log-1',
    fileType: '2 Vendor Log File',
    url: 'http://files.example.net/upload',
    username: '',
    password: '',
    delaySeconds: 10,
  },
  FactoryReset: { name: 'FactoryReset' },
  ScheduleInform: { name: 'ScheduleInform', delaySeconds: 60, commandKey: 'si' },
  GetQueuedTransfers: { name: 'GetQueuedTransfers' },
  GetAllQueuedTransfers: { name: 'GetAllQueuedTransfers' },
  ScheduleDownload: {
    name: 'ScheduleDownload',
    commandKey: 'sd',
    fileType: '1 Firmware Upgrade Image',
    url: 'https://files.example.net/fw.bin',
    username: '',
    password: '',
    fileSize: 1024,
    targetFileName: '',
    timeWindowList: [
      {
        windowStart: 0,
        windowEnd: 3600,
        windowMode: '1 At Any Time',
        userMessage: '',
        maxRetries: -1,
      },
      {
        windowStart: 7200,
        windowEnd: 10800,
        windowMode: '4 Confirmation Needed',
        userMessage: 'Update?',
        maxRetries: 3,
      },
    ],
  },
  CancelTransfer: { name: 'CancelTransfer', commandKey: 'sd' },
  ChangeDUState: {
    name: 'ChangeDUState',
    operations: [
      {
        op: 'Install',
        url: 'http://files.example.net/app.ipk',
        uuid: DU_UUID,
        username: 'u',
        password: 'p',
        executionEnvRef: 'Device.SoftwareModules.ExecEnv.1.',
      },
      {
        op: 'Install',
        url: 'http://files.example.net/other.ipk',
        uuid: '',
        username: '',
        password: '',
        executionEnvRef: '',
      },
      { op: 'Update', uuid: DU_UUID, version: '2.0', url: '', username: '', password: '' },
      { op: 'Uninstall', uuid: DU_UUID, version: '', executionEnvRef: '' },
    ],
    commandKey: 'du-1',
  },
  SetVouchers: { name: 'SetVouchers', voucherList: ['dm91Y2hlcg==', 'QUJD'] },
  GetOptions: { name: 'GetOptions', optionName: 'X_EXAMPLE_Option' },

  GetRPCMethodsResponse: {
    name: 'GetRPCMethodsResponse',
    methodList: ['GetRPCMethods', 'SetParameterValues', 'GetParameterValues', 'Reboot'],
  },
  SetParameterValuesResponse: { name: 'SetParameterValuesResponse', status: 0 },
  GetParameterValuesResponse: {
    name: 'GetParameterValuesResponse',
    parameterList: [
      { name: 'Device.A', value: 'text', type: 'xsd:string' },
      { name: 'Device.B', value: '-2147483648', type: 'xsd:int' },
      { name: 'Device.C', value: '4294967295', type: 'xsd:unsignedInt' },
      { name: 'Device.D', value: '0', type: 'xsd:boolean' },
      { name: 'Device.E', value: UNKNOWN_TIME, type: 'xsd:dateTime' },
      { name: 'Device.F', value: 'SGVsbG8=', type: 'xsd:base64' },
      { name: 'Device.G', value: '-9223372036854775808', type: 'xsd:long' },
      { name: 'Device.H', value: '18446744073709551615', type: 'xsd:unsignedLong' },
      { name: 'Device.I', value: '00FFab', type: 'xsd:hexBinary' },
      { name: 'Device.J', value: '', type: 'xsd:string' },
    ],
  },
  GetParameterNamesResponse: {
    name: 'GetParameterNamesResponse',
    parameterList: [
      { name: 'Device.', writable: false },
      { name: 'Device.DeviceInfo.ProvisioningCode', writable: true },
    ],
  },
  SetParameterAttributesResponse: { name: 'SetParameterAttributesResponse' },
  GetParameterAttributesResponse: {
    name: 'GetParameterAttributesResponse',
    parameterList: [
      { name: 'Device.DeviceInfo.UpTime', notification: 1, accessList: ['Subscriber'] },
    ],
  },
  AddObjectResponse: { name: 'AddObjectResponse', instanceNumber: 7, status: 0 },
  DeleteObjectResponse: { name: 'DeleteObjectResponse', status: 1 },
  RebootResponse: { name: 'RebootResponse' },
  DownloadResponse: {
    name: 'DownloadResponse',
    status: 1,
    startTime: UNKNOWN_TIME,
    completeTime: UNKNOWN_TIME,
  },
  UploadResponse: { name: 'UploadResponse', status: 0, startTime: T0, completeTime: T1 },
  FactoryResetResponse: { name: 'FactoryResetResponse' },
  ScheduleInformResponse: { name: 'ScheduleInformResponse' },
  GetQueuedTransfersResponse: {
    name: 'GetQueuedTransfersResponse',
    transferList: [
      { commandKey: 'fw-2026', state: 1 },
      { commandKey: 'log-1', state: 2 },
    ],
  },
  GetAllQueuedTransfersResponse: {
    name: 'GetAllQueuedTransfersResponse',
    transferList: [
      {
        commandKey: 'fw-2026',
        state: 2,
        isDownload: true,
        fileType: '1 Firmware Upgrade Image',
        fileSize: 100,
        targetFileName: 'fw.bin',
      },
      {
        commandKey: '',
        state: 3,
        isDownload: false,
        fileType: '4 Vendor Log File',
        fileSize: 0,
        targetFileName: '',
      },
    ],
  },
  ScheduleDownloadResponse: { name: 'ScheduleDownloadResponse' },
  CancelTransferResponse: { name: 'CancelTransferResponse' },
  ChangeDUStateResponse: { name: 'ChangeDUStateResponse' },
  SetVouchersResponse: { name: 'SetVouchersResponse' },
  GetOptionsResponse: {
    name: 'GetOptionsResponse',
    optionList: [
      {
        optionName: 'Opt1',
        voucherSN: 12,
        state: 1,
        mode: 2,
        startDate: T0,
        expirationDate: T1,
        isTransferable: 1,
      },
      { optionName: 'Opt2', voucherSN: 13, state: 0, mode: 0, startDate: T0, isTransferable: 0 },
    ],
  },

  Inform: {
    name: 'Inform',
    deviceId: {
      manufacturer: 'Acme & Sons',
      oui: '00D09E',
      productClass: 'IGD-1',
      serialNumber: 'SN 42/α',
    },
    event: [
      { eventCode: '1 BOOT', commandKey: '' },
      { eventCode: 'M Reboot', commandKey: 'reboot-1' },
      { eventCode: 'X 00D09E Vendor Thing', commandKey: '' },
    ],
    maxEnvelopes: 1,
    currentTime: T1,
    retryCount: 0,
    parameterList: [
      { name: 'Device.DeviceInfo.HardwareVersion', value: 'HW<1>', type: 'xsd:string' },
      {
        name: 'Device.ManagementServer.ParameterKey',
        value: 'c0ffee00c0ffee00c0ffee00c0ffee00',
        type: 'xsd:string',
      },
      {
        name: 'Device.ManagementServer.ConnectionRequestURL',
        value: 'http://10.0.0.1:7547/cr?x=1&y=2',
        type: 'xsd:string',
      },
    ],
  },
  TransferComplete: {
    name: 'TransferComplete',
    commandKey: 'fw-2026',
    faultStruct: { faultCode: 0, faultString: '' },
    startTime: T0,
    completeTime: T1,
  },
  AutonomousTransferComplete: {
    name: 'AutonomousTransferComplete',
    announceURL: 'http://announce.example.net/',
    transferURL: 'http://files.example.net/fw.bin',
    isDownload: true,
    fileType: '1 Firmware Upgrade Image',
    fileSize: 123456,
    targetFileName: 'fw.bin',
    faultStruct: { faultCode: 9010, faultString: 'Download failed: 404' },
    startTime: T0,
    completeTime: T1,
  },
  Kicked: {
    name: 'Kicked',
    command: 'setup',
    referer: 'http://portal/',
    arg: 'a=b&c=d',
    next: 'http://portal/next',
  },
  RequestDownload: {
    name: 'RequestDownload',
    fileType: '3 Vendor Configuration File',
    fileTypeArg: [{ name: 'Version', value: '1.2.3' }],
  },
  DUStateChangeComplete: {
    name: 'DUStateChangeComplete',
    results: [
      {
        uuid: DU_UUID,
        deploymentUnitRef: 'Device.SoftwareModules.DeploymentUnit.1',
        version: '1.0',
        currentState: 'Installed',
        resolved: true,
        executionUnitRefList: 'Device.SoftwareModules.ExecutionUnit.1',
        startTime: T0,
        completeTime: T1,
        fault: { faultCode: 0, faultString: '' },
      },
    ],
    commandKey: 'du-1',
  },
  AutonomousDUStateChangeComplete: {
    name: 'AutonomousDUStateChangeComplete',
    results: [
      {
        uuid: DU_UUID,
        deploymentUnitRef: '',
        version: '',
        currentState: 'Failed',
        resolved: false,
        executionUnitRefList: '',
        startTime: UNKNOWN_TIME,
        completeTime: UNKNOWN_TIME,
        fault: { faultCode: 9028, faultString: 'Unknown Deployment Unit' },
        operationPerformed: 'Uninstall',
      },
    ],
  },

  InformResponse: { name: 'InformResponse', maxEnvelopes: 1 },
  TransferCompleteResponse: { name: 'TransferCompleteResponse' },
  AutonomousTransferCompleteResponse: { name: 'AutonomousTransferCompleteResponse' },
  KickedResponse: { name: 'KickedResponse', nextURL: 'http://portal/next?x=1&y=2' },
  RequestDownloadResponse: { name: 'RequestDownloadResponse' },
  DUStateChangeCompleteResponse: { name: 'DUStateChangeCompleteResponse' },
  AutonomousDUStateChangeCompleteResponse: { name: 'AutonomousDUStateChangeCompleteResponse' },

  Fault: {
    name: 'Fault',
    faultcode: 'Client',
    faultCode: 9003,
    faultString: 'Invalid arguments',
    setParameterValuesFault: [
      {
        parameterName: 'Device.WiFi.SSID.1.SSID',
        faultCode: 9007,
        faultString: 'Invalid parameter value',
      },
      { parameterName: 'Device.DeviceInfo.UpTime', faultCode: 9008, faultString: '' },
    ],
  },
};

/** Messages that use what only later versions allow (extensible codes, lightweight notification). */
export const VERSIONED_FIXTURES: { label: string; version: CwmpVersion; body: CwmpBody }[] = [
  {
    label: 'Download-vendor-file-type',
    version: '1-2',
    body: { ...FIXTURES.Download, fileType: 'X MERIDIAN Signed Image' },
  },
  {
    label: 'SetParameterAttributes-lightweight',
    version: '1-2',
    body: {
      ...FIXTURES.SetParameterAttributes,
      parameterList: [{ ...FIXTURES.SetParameterAttributes.parameterList[0]!, notification: 6 }],
    },
  },
  {
    label: 'Inform-1-4-events',
    version: '1-2',
    body: {
      ...FIXTURES.Inform,
      event: [
        { eventCode: '13 WAKEUP', commandKey: '' },
        { eventCode: '11 DU STATE CHANGE COMPLETE', commandKey: '' },
        { eventCode: 'M ChangeDUState', commandKey: 'du-1' },
      ],
    },
  },
  {
    label: 'TransferComplete-time-window-fault',
    version: '1-2',
    body: {
      ...FIXTURES.TransferComplete,
      faultStruct: { faultCode: 9020, faultString: 'no window left' },
    },
  },
  {
    label: 'Fault-acs-version',
    version: '1-2',
    body: {
      name: 'Fault',
      faultcode: 'Server',
      faultCode: 8006,
      faultString: 'ACS version incompatible with CPE',
      setParameterValuesFault: [],
    },
  },
  {
    label: 'Fault-vendor',
    version: '1-1',
    body: {
      name: 'Fault',
      faultcode: 'Server',
      faultCode: 9801,
      faultString: '',
      setParameterValuesFault: [],
    },
  },
  {
    label: 'Fault-retry',
    version: '1-0',
    body: {
      name: 'Fault',
      faultcode: 'Server',
      faultCode: 8005,
      faultString: 'Retry request',
      setParameterValuesFault: [],
    },
  },
];

/** Every header entry set: the encoder keeps those the version defines. */
export const FULL_HEADER: CwmpHeader = {
  id: 'id<1>&"2"',
  holdRequests: true,
  noMoreRequests: true,
  sessionTimeout: 30,
  supportedCWMPVersions: '1.0,1.1,1.2,1.3,1.4',
  useCWMPVersion: '1.4',
};
