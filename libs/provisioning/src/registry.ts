import type { InformMessage } from '@meridian/contracts';
import type { InformFields, ParameterInput } from '@meridian/store';

/** What one Inform changes in the registry: the device record and the parameters it carried. */
export interface RegistryUpdate {
  deviceId: string;
  informTime: Date;
  fields: InformFields;
  parameters: ParameterInput[];
}

/** The same facts live under either root data model (TR-181 Device:2, TR-098 InternetGatewayDevice:1). */
const ROOTS = ['Device.', 'InternetGatewayDevice.'] as const;

function valueOf(inform: InformMessage, relativePath: string): string | undefined {
  for (const root of ROOTS) {
    const p = inform.parameterList.find((x) => x.name === root + relativePath);
    if (p) return p.value;
  }
  return undefined;
}

/** Pure: the registry update an Inform asks for. */
export function registryUpdateOf(inform: InformMessage): RegistryUpdate {
  const informTime = new Date(inform.time);
  const fields: InformFields = {
    identity: inform.deviceIdStruct,
    events: inform.events.map((e) => e.eventCode),
    softwareVersion: valueOf(inform, 'DeviceInfo.SoftwareVersion'),
    hardwareVersion: valueOf(inform, 'DeviceInfo.HardwareVersion'),
    connectionRequestUrl: valueOf(inform, 'ManagementServer.ConnectionRequestURL'),
    remoteAddress: inform.remoteAddress,
  };
  const parameters = inform.parameterList.map<ParameterInput>((p) => ({
    path: p.name,
    value: p.value,
    type: p.type,
    updatedAt: informTime,
  }));
  return { deviceId: inform.deviceId, informTime, fields, parameters };
}
