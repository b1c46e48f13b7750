import { loadDataModel, type DataModelId } from '@meridian/data-model';
import { createDeviceState } from '../src/device/profile';
import type { DeviceState } from '../src/device/state';

export const NOW = Date.parse('2026-11-25T12:00:00Z');

export function freshDevice(model: DataModelId = 'tr-181'): DeviceState {
  return createDeviceState(loadDataModel(model), {
    deviceId: {
      manufacturer: 'Meridian',
      oui: '00D09E',
      productClass: 'SimRouter',
      serialNumber: 'SIM000001',
    },
    index: 1,
    acsUrl: 'http://127.0.0.1:7547/',
    acsUsername: 'acs',
    acsPassword: 'secret',
    connectionRequestUrl: 'http://127.0.0.1:17547/SIM000001',
    connectionRequestUsername: 'cr',
    connectionRequestPassword: 'crpass',
    periodicInformInterval: 300,
    softwareVersion: '1.0.0',
    now: NOW - 60_000,
  });
}
