import type { DeviceIdStruct } from '@meridian/cwmp';
import type { DataModel } from '@meridian/data-model';
import { DIAGNOSTIC_OBJECTS } from '@meridian/diagnostics';
import type { DeviceState } from './state';
import { instantiate, type Draft } from './tree';

export interface DeviceProfileOptions {
  deviceId: DeviceIdStruct;
  /** Position of the device in its simulator: makes addresses unique. */
  index: number;
  acsUrl: string;
  acsUsername: string;
  acsPassword: string;
  connectionRequestUrl: string;
  connectionRequestUsername: string;
  connectionRequestPassword: string;
  periodicInformInterval: number;
  softwareVersion: string;
  /** Epoch ms of the boot. */
  now: number;
}

function mac(index: number, port: number): string {
  const bytes = [0x02, 0xd0, (index >> 16) & 0xff, (index >> 8) & 0xff, index & 0xff, port];
  return bytes.map((b) => b.toString(16).padStart(2, '0')).join(':');
}

/** A WAN address unique per device index, in 10.0.0.0/8. */
export function wanAddressOf(index: number): string {
  const n = index + 2;
  return `10.${(n >> 16) & 0xff}.${(n >> 8) & 0xff}.${n & 0xff}`;
}

/**
 * The objects of a typical home router and the values that make it look real; everything not
 * listed takes the model's default. Each entry is an instance path and its parameter values.
 */
function routerObjects(o: DeviceProfileOptions): [string, Record<string, string>][] {
  const serial = o.deviceId.serialNumber;
  const ssidSuffix = serial.slice(-4);
  return [
    ['Device.', { RootDataModelVersion: '2.17' }],
    [
      'Device.DeviceInfo.',
      {
        DeviceCategory: 'InternetGatewayDevice',
        Manufacturer: o.deviceId.manufacturer,
        ManufacturerOUI: o.deviceId.oui,
        ModelName: o.deviceId.productClass,
        ModelNumber: `${o.deviceId.productClass}-1000`,
        Description: 'Meridian simulated home router',
        ProductClass: o.deviceId.productClass,
        SerialNumber: serial,
        HardwareVersion: 'HW-1.0',
        SoftwareVersion: o.softwareVersion,
        ProvisioningCode: '',
        FirstUseDate: new Date(o.now).toISOString().replace(/\.\d+Z$/, 'Z'),
        HostName: `sim-${serial.toLowerCase()}`,
      },
    ],
    [
      'Device.ManagementServer.',
      {
        URL: o.acsUrl,
        Username: o.acsUsername,
        Password: o.acsPassword,
        // An interval of 0 means "no periodic Inform": the model's minimum interval is 1.
        PeriodicInformEnable: String(o.periodicInformInterval > 0),
        PeriodicInformInterval: String(
          o.periodicInformInterval > 0 ? o.periodicInformInterval : 86400,
        ),
        PeriodicInformTime: '0001-01-01T00:00:00Z',
        ConnectionRequestURL: o.connectionRequestUrl,
        ConnectionRequestUsername: o.connectionRequestUsername,
        ConnectionRequestPassword: o.connectionRequestPassword,
        CWMPRetryMinimumWaitInterval: '5',
        CWMPRetryIntervalMultiplier: '2000',
        SupportedConnReqMethods: 'HTTP',
        HTTPCompressionSupported: '',
      },
    ],
    [
      'Device.Time.',
      { Enable: 'true', Status: 'Synchronized', NTPServer1: 'pool.ntp.org', LocalTimeZone: 'UTC' },
    ],
    ...[1, 2].map((i): [string, Record<string, string>] => [
      `Device.Ethernet.Interface.${i}.`,
      {
        Enable: 'true',
        Status: 'Up',
        Name: i === 1 ? 'eth0' : 'eth1',
        Upstream: i === 1 ? 'true' : 'false',
        MACAddress: mac(o.index, i),
        MaxBitRate: '1000',
        DuplexMode: 'Full',
      },
    ]),
    [
      'Device.IP.Interface.1.',
      {
        Enable: 'true',
        Status: 'Up',
        Name: 'wan',
        Type: 'Normal',
        LowerLayers: 'Device.Ethernet.Interface.1.',
      },
    ],
    [
      'Device.IP.Interface.1.IPv4Address.1.',
      {
        Enable: 'true',
        Status: 'Enabled',
        IPAddress: wanAddressOf(o.index),
        SubnetMask: '255.0.0.0',
        AddressingType: 'DHCP',
      },
    ],
    [
      'Device.IP.Interface.2.',
      {
        Enable: 'true',
        Status: 'Up',
        Name: 'lan',
        Type: 'Normal',
        LowerLayers: 'Device.Ethernet.Interface.2.',
      },
    ],
    [
      'Device.IP.Interface.2.IPv4Address.1.',
      {
        Enable: 'true',
        Status: 'Enabled',
        IPAddress: '192.168.1.1',
        SubnetMask: '255.255.255.0',
        AddressingType: 'Static',
      },
    ],
    ...[1, 2].map((i): [string, Record<string, string>] => [
      `Device.WiFi.Radio.${i}.`,
      {
        Enable: 'true',
        Status: 'Up',
        Name: i === 1 ? 'wlan0' : 'wlan1',
        OperatingFrequencyBand: i === 1 ? '2.4GHz' : '5GHz',
        SupportedFrequencyBands: i === 1 ? '2.4GHz' : '5GHz',
        Channel: i === 1 ? '6' : '36',
        AutoChannelEnable: 'true',
        OperatingStandards: i === 1 ? 'b,g,n' : 'a,n,ac',
      },
    ]),
    ...[1, 2].map((i): [string, Record<string, string>] => [
      `Device.WiFi.SSID.${i}.`,
      {
        Enable: 'true',
        Status: 'Up',
        Alias: `cpe-ssid-${i}`,
        Name: `wl${i - 1}`,
        LowerLayers: `Device.WiFi.Radio.${i}.`,
        BSSID: mac(o.index, 0x10 + i),
        MACAddress: mac(o.index, 0x10 + i),
        SSID: `SIM-${ssidSuffix}${i === 2 ? '-5G' : ''}`,
      },
    ]),
    ...[1, 2].map((i): [string, Record<string, string>] => [
      `Device.WiFi.AccessPoint.${i}.`,
      {
        Enable: 'true',
        Status: 'Enabled',
        SSIDReference: `Device.WiFi.SSID.${i}.`,
        SSIDAdvertisementEnabled: 'true',
      },
    ]),
    ...[1, 2].map((i): [string, Record<string, string>] => [
      `Device.WiFi.AccessPoint.${i}.Security.`,
      { ModeEnabled: 'WPA2-Personal', KeyPassphrase: `sim-${serial}` },
    ]),
    ...[1, 2, 3].map((i): [string, Record<string, string>] => [
      `Device.Hosts.Host.${i}.`,
      {
        PhysAddress: mac(o.index, 0x20 + i),
        IPAddress: `192.168.1.${100 + i}`,
        HostName: `client-${i}`,
        Active: 'true',
        Layer1Interface: i === 3 ? 'Device.Ethernet.Interface.2.' : 'Device.WiFi.SSID.1.',
      },
    ]),
    ['Device.DNS.Client.', { Enable: 'true', Status: 'Enabled' }],
    [
      'Device.DNS.Client.Server.1.',
      { Enable: 'true', Status: 'Enabled', DNSServer: '10.0.0.1', Type: 'DHCPv4' },
    ],
    ['Device.DHCPv4.Server.', { Enable: 'true' }],
    [
      'Device.DHCPv4.Server.Pool.1.',
      {
        Enable: 'true',
        Status: 'Enabled',
        Interface: 'Device.IP.Interface.2.',
        MinAddress: '192.168.1.100',
        MaxAddress: '192.168.1.200',
        SubnetMask: '255.255.255.0',
        DNSServers: '192.168.1.1',
        IPRouters: '192.168.1.1',
        LeaseTime: '86400',
      },
    ],
    ['Device.NAT.', {}],
    [
      'Device.NAT.PortMapping.1.',
      {
        Enable: 'true',
        Status: 'Enabled',
        Interface: 'Device.IP.Interface.1.',
        ExternalPort: '8080',
        InternalPort: '80',
        Protocol: 'TCP',
        InternalClient: '192.168.1.101',
        Description: 'web server',
      },
    ],
  ];
}

/**
 * A TR-098 (InternetGatewayDevice:1) router: what an ACS needs of it (identity, management
 * server, a WAN and a LAN address) and its diagnostics.
 */
function igdObjects(o: DeviceProfileOptions): [string, Record<string, string>][] {
  const serial = o.deviceId.serialNumber;
  return [
    ['InternetGatewayDevice.', { DeviceSummary: 'InternetGatewayDevice:1.4[](Baseline:2)' }],
    [
      'InternetGatewayDevice.DeviceInfo.',
      {
        Manufacturer: o.deviceId.manufacturer,
        ManufacturerOUI: o.deviceId.oui,
        ModelName: o.deviceId.productClass,
        Description: 'Meridian simulated home router (TR-098)',
        ProductClass: o.deviceId.productClass,
        SerialNumber: serial,
        HardwareVersion: 'HW-1.0',
        SoftwareVersion: o.softwareVersion,
        ProvisioningCode: '',
        SpecVersion: '1.0',
      },
    ],
    [
      'InternetGatewayDevice.ManagementServer.',
      {
        URL: o.acsUrl,
        Username: o.acsUsername,
        Password: o.acsPassword,
        PeriodicInformEnable: String(o.periodicInformInterval > 0),
        PeriodicInformInterval: String(
          o.periodicInformInterval > 0 ? o.periodicInformInterval : 86400,
        ),
        PeriodicInformTime: '0001-01-01T00:00:00Z',
        ConnectionRequestURL: o.connectionRequestUrl,
        ConnectionRequestUsername: o.connectionRequestUsername,
        ConnectionRequestPassword: o.connectionRequestPassword,
        CWMPRetryMinimumWaitInterval: '5',
        CWMPRetryIntervalMultiplier: '2000',
      },
    ],
    [
      'InternetGatewayDevice.WANDevice.1.WANConnectionDevice.1.WANIPConnection.1.',
      {
        Enable: 'true',
        ConnectionStatus: 'Connected',
        Name: 'wan',
        ExternalIPAddress: wanAddressOf(o.index),
        SubnetMask: '255.0.0.0',
        AddressingType: 'DHCP',
      },
    ],
    [
      'InternetGatewayDevice.LANDevice.1.LANHostConfigManagement.IPInterface.1.',
      {
        Enable: 'true',
        IPInterfaceIPAddress: '192.168.1.1',
        IPInterfaceSubnetMask: '255.255.255.0',
      },
    ],
  ];
}

/**
 * The diagnostics objects every simulated router has (DiagnosticsState None), with the timeouts
 * (ms) and counts a router ships with where the model's zero value would be useless.
 */
function diagnosticsObjects(
  model: DataModel,
  id: 'tr-181' | 'tr-098',
): [string, Record<string, string>][] {
  const defaults: Record<string, string> = { Timeout: '1000', NumberOfRepetitions: '3' };
  return Object.values(DIAGNOSTIC_OBJECTS).flatMap((o) => {
    const relative = o[id];
    if (relative === undefined) return [];
    const path = `${model.root}.${relative}`;
    const names = new Set(model.object(path)?.parameters.map((p) => p.name));
    const values = Object.fromEntries(Object.entries(defaults).filter(([n]) => names.has(n)));
    return [[path, values]];
  });
}

/** A freshly booted (or factory-reset) router with the TR-181 model (or TR-098's). */
export function createDeviceState(model: DataModel, options: DeviceProfileOptions): DeviceState {
  const draft: Draft = { values: new Map(), objects: new Set(), nextInstance: new Map() };
  const objects =
    model.root === 'Device'
      ? [...routerObjects(options), ...diagnosticsObjects(model, 'tr-181')]
      : [...igdObjects(options), ...diagnosticsObjects(model, 'tr-098')];
  for (const [path, values] of objects) instantiate(model, draft, path, values);
  return {
    model,
    deviceId: options.deviceId,
    values: draft.values,
    objects: draft.objects,
    nextInstance: draft.nextInstance,
    attributes: new Map(),
    transfers: [],
    nextTransferId: 1,
    bootTime: options.now,
  };
}
