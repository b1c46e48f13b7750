import type { EventStruct, Inform, ParameterValue } from '@meridian/cwmp';
import type { DeviceState } from './state';
import { valueOf } from './rpc';

/**
 * The Inform parameter list: TR-181's forced inform parameters (Device.RootDataModelVersion,
 * DeviceInfo.HardwareVersion/SoftwareVersion/ProvisioningCode, ManagementServer.ParameterKey/
 * ConnectionRequestURL/AliasBasedAddressing) plus what ACSs commonly key on (WAN address,
 * uptime, periodic settings, WiFi): 19 parameters, about 3.6 KB, as real routers send.
 */
export const INFORM_PARAMETERS: readonly string[] = [
  'Device.RootDataModelVersion',
  'Device.DeviceInfo.HardwareVersion',
  'Device.DeviceInfo.SoftwareVersion',
  'Device.DeviceInfo.ProvisioningCode',
  'Device.DeviceInfo.ModelName',
  'Device.DeviceInfo.UpTime',
  'Device.ManagementServer.ParameterKey',
  'Device.ManagementServer.ConnectionRequestURL',
  'Device.ManagementServer.AliasBasedAddressing',
  'Device.ManagementServer.PeriodicInformEnable',
  'Device.ManagementServer.PeriodicInformInterval',
  'Device.IP.Interface.1.IPv4Address.1.IPAddress',
  'Device.IP.Interface.1.Status',
  'Device.IP.Interface.2.IPv4Address.1.IPAddress',
  'Device.Ethernet.Interface.1.MACAddress',
  'Device.WiFi.Radio.1.Channel',
  'Device.WiFi.SSID.1.SSID',
  'Device.WiFi.SSID.2.SSID',
  'Device.Hosts.HostNumberOfEntries',
];

/** TR-098's forced inform parameters (DeviceSummary, DeviceInfo, ManagementServer, WAN address). */
export const IGD_INFORM_PARAMETERS: readonly string[] = [
  'InternetGatewayDevice.DeviceSummary',
  'InternetGatewayDevice.DeviceInfo.HardwareVersion',
  'InternetGatewayDevice.DeviceInfo.SoftwareVersion',
  'InternetGatewayDevice.DeviceInfo.ProvisioningCode',
  'InternetGatewayDevice.DeviceInfo.SpecVersion',
  'InternetGatewayDevice.ManagementServer.ParameterKey',
  'InternetGatewayDevice.ManagementServer.ConnectionRequestURL',
  'InternetGatewayDevice.ManagementServer.PeriodicInformEnable',
  'InternetGatewayDevice.ManagementServer.PeriodicInformInterval',
  'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.ExternalIPAddress',
];

export function informParameters(state: DeviceState, now: number): ParameterValue[] {
  const names = state.model.root === 'Device' ? INFORM_PARAMETERS : IGD_INFORM_PARAMETERS;
  // Rows deleted by the ACS (e.g. an SSID) simply drop out of the list.
  return names.filter((p) => state.values.has(p)).map((p) => valueOf(state, p, now));
}

export function buildInform(
  state: DeviceState,
  events: EventStruct[],
  now: number,
  retryCount: number,
  changed: readonly string[] = [],
): Inform {
  const forced = informParameters(state, now);
  // TR-069 3.2.1: parameters with notification on whose value changed join the list.
  const extra = changed.filter((p) => state.values.has(p) && !forced.some((f) => f.name === p));
  return {
    name: 'Inform',
    deviceId: state.deviceId,
    event: events,
    maxEnvelopes: 1,
    currentTime: new Date(now).toISOString(),
    retryCount,
    parameterList: [...forced, ...extra.map((p) => valueOf(state, p, now))],
  };
}
