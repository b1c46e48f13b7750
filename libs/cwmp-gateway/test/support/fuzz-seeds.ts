/**
 * Envelopes to mutate: the codec's corpus of real-CPE-shaped messages, and what the simulator
 * sends (its Inform and its answer to every request below, in cwmp-1-0 and cwmp-1-2).
 */
import {
  encodeEnvelope,
  type CpeMethodRequest,
  type CwmpBody,
  type CwmpVersion,
} from '@meridian/cwmp';
import { buildInform, createDeviceState, handleRpc } from '@meridian/cpe-sim';
import { loadDataModel } from '@meridian/data-model';
// The codec's own corpus and mutations, shared rather than copied.
import { loadCorpus } from '../../../cwmp/test/corpus';

export { mutate } from '../../../cwmp/test/fuzz';

const T0 = Date.parse('2026-12-04T12:00:00Z');

const SIMULATOR_REQUESTS: CpeMethodRequest[] = [
  { name: 'GetRPCMethods' },
  { name: 'GetParameterValues', parameterNames: ['Device.DeviceInfo.', 'Device.WiFi.SSID.1.SSID'] },
  { name: 'GetParameterValues', parameterNames: ['Device.NoSuchThing'] },
  { name: 'GetParameterNames', parameterPath: 'Device.WiFi.', nextLevel: false },
  { name: 'GetParameterAttributes', parameterNames: ['Device.DeviceInfo.UpTime'] },
  {
    name: 'SetParameterValues',
    parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'fuzz', type: 'xsd:string' }],
    parameterKey: 'k1',
  },
  {
    name: 'SetParameterValues',
    parameterList: [{ name: 'Device.DeviceInfo.UpTime', value: '1', type: 'xsd:unsignedInt' }],
    parameterKey: 'k2',
  },
  { name: 'AddObject', objectName: 'Device.WiFi.SSID.', parameterKey: 'k3' },
  { name: 'Reboot', commandKey: 'r1' },
  {
    name: 'Download',
    commandKey: 'd1',
    fileType: '1 Firmware Upgrade Image',
    url: 'http://files.example/fw.bin',
    username: '',
    password: '',
    fileSize: 10,
    targetFileName: '',
    delaySeconds: 0,
    successURL: '',
    failureURL: '',
  },
  { name: 'GetQueuedTransfers' },
  { name: 'GetOptions', optionName: '' },
];

function simulatorMessages(): string[] {
  const state = createDeviceState(loadDataModel('tr-181'), {
    deviceId: {
      manufacturer: 'Meridian',
      oui: '00D09E',
      productClass: 'SimRouter',
      serialNumber: 'FUZZ0001',
    },
    index: 1,
    acsUrl: 'http://127.0.0.1:7547/',
    acsUsername: '',
    acsPassword: '',
    connectionRequestUrl: 'http://10.0.0.1:7548/',
    connectionRequestUsername: '',
    connectionRequestPassword: '',
    periodicInformInterval: 300,
    softwareVersion: '1.0.0',
    now: T0,
  });
  const bodies: CwmpBody[] = [
    buildInform(state, [{ eventCode: '0 BOOTSTRAP', commandKey: '' }], T0, 0),
    buildInform(state, [{ eventCode: 'M Reboot', commandKey: 'r1' }], T0, 2),
    ...SIMULATOR_REQUESTS.map((request) => handleRpc(state, request, T0).response),
  ];
  const versions: CwmpVersion[] = ['1-0', '1-2'];
  return versions.flatMap((cwmpVersion) =>
    bodies.map((body, i) => encodeEnvelope({ cwmpVersion, header: { id: `sim-${i}` }, body })),
  );
}

/** Every seed as text. */
export function fuzzSeeds(): string[] {
  return [...loadCorpus().map((entry) => entry.xml.toString('utf8')), ...simulatorMessages()];
}
