import { SCHEMA_VERSION, type InformMessage } from '@meridian/contracts';

/** An Inform of one TR-181 device as the gateway publishes it. */
export function inform(overrides: Partial<InformMessage> = {}): InformMessage {
  return {
    schemaVersion: SCHEMA_VERSION,
    deviceId: '00D09E-SimRouter-SIM0001',
    deviceIdStruct: {
      manufacturer: 'Meridian',
      oui: '00D09E',
      productClass: 'SimRouter',
      serialNumber: 'SIM0001',
    },
    events: [{ eventCode: '1 BOOT', commandKey: '' }],
    parameterList: [
      { name: 'Device.DeviceInfo.SoftwareVersion', value: '1.2.3', type: 'xsd:string' },
      { name: 'Device.DeviceInfo.HardwareVersion', value: 'HW1', type: 'xsd:string' },
      {
        name: 'Device.ManagementServer.ConnectionRequestURL',
        value: 'http://127.0.0.1:17547/cr/SIM0001',
        type: 'xsd:string',
      },
      {
        name: 'Device.ManagementServer.PeriodicInformInterval',
        value: '300',
        type: 'xsd:unsignedInt',
      },
    ],
    retryCount: 0,
    currentTime: '2026-11-25T10:00:00Z',
    sessionId: 's1',
    gatewayId: 'gw-1',
    cwmpVersion: '1-0',
    remoteAddress: '127.0.0.1',
    time: '2026-11-25T10:00:00.000Z',
    ...overrides,
  };
}
