import { indexSnapshot, resolvePath, UspError } from '../src';
import { snapshot } from './snapshot';

const index = indexSnapshot(snapshot);

describe('resolving USP paths against the parameter cache', () => {
  it.each([
    [
      'Device.IP.Interface.[Name=="eth0"].IPv4Address.[Status=="Enabled"].IPAddress',
      ['Device.IP.Interface.1.IPv4Address.1.IPAddress'],
    ],
    ['Device.IP.Interface.3', []],
    ['Device.IP.Interface.10.Name', ['Device.IP.Interface.10.Name']],
    [
      'Device.IP.Interface.[Type=="Normal"].Status',
      ['Device.IP.Interface.1.Status', 'Device.IP.Interface.10.Status'],
    ],
    [
      'Device.IP.Interface.[Type == "Normal"].Status',
      ['Device.IP.Interface.1.Status', 'Device.IP.Interface.10.Status'],
    ],
    [
      'Device.IP.Interface.[Type=="Normal"].IPv4Address.[AddressingType=="Static"].IPAddress',
      [
        'Device.IP.Interface.1.IPv4Address.1.IPAddress',
        'Device.IP.Interface.10.IPv4Address.1.IPAddress',
      ],
    ],
    [
      'Device.IP.Interface.[Type=="Normal"&&Stats.ErrorsSent>0].IPv4Address.[AddressingType=="Static"].IPAddress',
      ['Device.IP.Interface.1.IPv4Address.1.IPAddress'],
    ],
    ['Device.DSL.Line.[Enable==true].CurrentProfile', ['Device.DSL.Line.1.CurrentProfile']],
    ['Device.DSL.Line.[Enable==1].CurrentProfile', ['Device.DSL.Line.1.CurrentProfile']],
    ['Device.DSL.Line.[Enable!=true].CurrentProfile', ['Device.DSL.Line.2.CurrentProfile']],
    [
      'Device.IP.Interface.*.IPv6Address.[ValidLifetime<2021-06-06T08:00:00Z].IPAddress',
      ['Device.IP.Interface.1.IPv6Address.1.IPAddress'],
    ],
    [
      'Device.USB.USBHosts.Host.*.Device.[DeviceClass==08].',
      [
        'Device.USB.USBHosts.Host.1.Device.1.DeviceClass',
        'Device.USB.USBHosts.Host.1.Device.1.Product',
      ],
    ],
    [
      'Device.PCP.Client.*.Server.[Capabilities~="IPv6Firewall"].',
      ['Device.PCP.Client.1.Server.1.Capabilities', 'Device.PCP.Client.1.Server.1.ServerHostName'],
    ],
    [
      'Device.PeriodicStatistics.SampleSet.[SampleSeconds~=5].',
      [
        'Device.PeriodicStatistics.SampleSet.1.SampleSeconds',
        'Device.PeriodicStatistics.SampleSet.1.Name',
      ],
    ],
    [
      'Device.IP.Interface.*.Type',
      ['Device.IP.Interface.1.Type', 'Device.IP.Interface.2.Type', 'Device.IP.Interface.10.Type'],
    ],
    ['Device.NAT.PortMapping.1.Interface+.Name', ['Device.IP.Interface.1.Name']],
    // A reference value written with unique-key addressing (R-ARC.11).
    ['Device.NAT.PortMapping.2.Interface+.Name', ['Device.IP.Interface.10.Name']],
    [
      'Device.NAT.PortMapping.*.Interface+.Alias',
      ['Device.IP.Interface.1.Alias', 'Device.IP.Interface.10.Alias'],
    ],
    [
      'Device.NAT.PortMapping.[RemoteHost==""&&ExternalPort==0&&Protocol=="TCP"].Protocol',
      ['Device.NAT.PortMapping.1.Protocol'],
    ],
    ['Device.WiFi.SSID.1.LowerLayers#1+.Name', ['Device.WiFi.Radio.1.Name']],
    ['Device.WiFi.SSID.1.LowerLayers+.Name', ['Device.WiFi.Radio.1.Name']],
    ['Device.WiFi.SSID.1.LowerLayers#2+.Name', ['Device.WiFi.Radio.2.Name']],
    ['Device.WiFi.SSID.1.LowerLayers#3+.Name', []],
    [
      'Device.WiFi.SSID.*.LowerLayers#*+.Name',
      ['Device.WiFi.Radio.1.Name', 'Device.WiFi.Radio.2.Name'],
    ],
    [
      'Device.WiFi.AccessPoint.[SSIDReference+.SSID=="MyHome"].AssociatedDevice.[OperatingStandard=="ac"].SignalStrength',
      ['Device.WiFi.AccessPoint.1.AssociatedDevice.1.SignalStrength'],
    ],
    [
      'Device.WiFi.AccessPoint.*.AssociatedDevice.[SignalStrength>=-52].SignalStrength',
      [
        'Device.WiFi.AccessPoint.1.AssociatedDevice.1.SignalStrength',
        'Device.WiFi.AccessPoint.2.AssociatedDevice.1.SignalStrength',
      ],
    ],
    ['Device.IP.Interface.[Name=="nope"].Status', []],
    ['Device.Hosts.Host.*.', []],
    ['Device.Nothing.', []],
    ['Device.IP.Interface.1.Nothing', []],
  ])('%s', (path, parameters) => {
    expect(resolvePath(index, path).parameters).toEqual(parameters);
  });

  it('returns the objects a partial path, a command or an event addresses', () => {
    expect(resolvePath(index, 'Device.IP.Interface.[Alias=="WAN"].').objects).toEqual([
      'Device.IP.Interface.1.',
    ]);
    expect(resolvePath(index, 'Device.IP.Interface.*.').objects).toEqual([
      'Device.IP.Interface.1.',
      'Device.IP.Interface.2.',
      'Device.IP.Interface.10.',
    ]);
    expect(resolvePath(index, 'Device.IP.Interface.[Name=="eth0"].Reset()')).toEqual({
      objects: ['Device.IP.Interface.1.'],
      parameters: [],
    });
    expect(resolvePath(index, 'Device.Boot!')).toEqual({ objects: ['Device.'], parameters: [] });
    expect(resolvePath(index, 'Device.Hosts.Host.')).toEqual({
      objects: ['Device.Hosts.Host.'],
      parameters: [],
    });
  });

  it('returns every parameter beneath a partial path, instances in numeric order', () => {
    const { parameters } = resolvePath(index, 'Device.IP.Interface.');
    expect(parameters[0]).toBe('Device.IP.Interface.1.Name');
    expect(parameters.indexOf('Device.IP.Interface.2.Name')).toBeLessThan(
      parameters.indexOf('Device.IP.Interface.10.Name'),
    );
    expect(parameters).toHaveLength(28);
  });

  it('matches no search on a value the cache does not hold, yet lists the parameter by name', () => {
    const namesOnly = indexSnapshot(
      new Map([
        ['Device.Hosts.Host.1.HostName', { type: 'xsd:string' }],
        ['Device.Hosts.Host.2.HostName', { value: 'tv', type: 'xsd:string' }],
      ]),
    );
    expect(resolvePath(namesOnly, 'Device.Hosts.Host.[HostName!="tv"].').objects).toEqual([]);
    expect(resolvePath(namesOnly, 'Device.Hosts.Host.*.HostName').parameters).toEqual([
      'Device.Hosts.Host.1.HostName',
      'Device.Hosts.Host.2.HostName',
    ]);
  });

  it.each([
    [
      'Device.DSL.Line.[Enable=="true"].CurrentProfile',
      /Enable is a boolean: write true or false unquoted/,
    ],
    ['Device.DSL.Line.[Enable>true].CurrentProfile', /only == and != apply/],
    ['Device.IP.Interface.[Name>"a"].Status', /Name is a string: only == and != apply/],
    ['Device.IP.Interface.[Stats.ErrorsSent=="3"].Status', /compare it with an unquoted integer/],
    [
      'Device.IP.Interface.*.IPv6Address.[ValidLifetime<"soon"].IPAddress',
      /compare it with an unquoted dateTime/,
    ],
    [
      'Device.IP.Interface.*.IPv6Address.[ValidLifetime<0001-01-01T00:00:00Z].IPAddress',
      /Unknown Time/,
    ],
  ])("refuses %s with 7008 (the spec's invalid searches)", (path, message) => {
    let caught: unknown;
    try {
      resolvePath(index, path);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(UspError);
    expect(caught).toMatchObject({ code: 7008 });
    expect((caught as Error).message).toMatch(message);
  });
});
