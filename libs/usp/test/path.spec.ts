import { formatPath, parsePath, PathSyntaxError, type UspPath } from '../src';

/** A compact view of a parsed path for table tests. */
function shape(p: UspPath): string {
  const segs = p.segments.map((s) => {
    switch (s.type) {
      case 'name':
        return s.name;
      case 'instance':
        return `#${s.number}`;
      case 'wildcard':
        return '*';
      case 'reference':
        return `ref(${s.name},${s.item})`;
      case 'search':
        return `search(${s.conditions
          .map(
            (c) =>
              `${c.param.text} ${c.op} ${c.value.kind === 'string' ? JSON.stringify(c.value.value) : c.value.text}`,
          )
          .join(' && ')})`;
    }
  });
  return `${p.kind}: ${segs.join(' / ')}${p.leaf === undefined ? '' : ` : ${p.leaf}`}`;
}

describe('USP path grammar: every example of TR-369 "Path Names" and "Searching"', () => {
  it.each([
    // Path Names: mixing unique-key addressing and a search expression.
    [
      'Device.IP.Interface.[Name=="eth0"].IPv4Address.[Status=="Enabled"].IPAddress',
      'parameter: Device / IP / Interface / search(Name == "eth0") / IPv4Address / search(Status == "Enabled") : IPAddress',
    ],
    // Relative paths are appended to this object path.
    ['Device.WiFi.Radio.1.', 'object: Device / WiFi / Radio / #1'],
    [
      'Device.WiFi.Radio.1.Stats.BytesSent',
      'parameter: Device / WiFi / Radio / #1 / Stats : BytesSent',
    ],
    // Addressing by instance number (the spec writes it without the final ".").
    ['Device.IP.Interface.3', 'object: Device / IP / Interface / #3'],
    ['Device.IP.Interface.3.', 'object: Device / IP / Interface / #3'],
    // Addressing by unique key, one and several key parameters.
    [
      'Device.IP.Interface.[Name=="eth0"]',
      'object: Device / IP / Interface / search(Name == "eth0")',
    ],
    [
      'Device.IP.Interface.[Alias=="WAN"]',
      'object: Device / IP / Interface / search(Alias == "WAN")',
    ],
    [
      'Device.NAT.PortMapping.[RemoteHost==""&&ExternalPort==0&&Protocol=="TCP"].',
      'object: Device / NAT / PortMapping / search(RemoteHost == "" && ExternalPort == 0 && Protocol == "TCP")',
    ],
    // Search Expression Examples (valid).
    [
      'Device.IP.Interface.[Type=="Normal"].Status',
      'parameter: Device / IP / Interface / search(Type == "Normal") : Status',
    ],
    [
      'Device.IP.Interface.[Type=="Normal"].IPv4Address.[AddressingType=="Static"].IPAddress',
      'parameter: Device / IP / Interface / search(Type == "Normal") / IPv4Address / search(AddressingType == "Static") : IPAddress',
    ],
    [
      'Device.IP.Interface.[Type=="Normal"&&Stats.ErrorsSent>0].IPv4Address.[AddressingType=="Static"].IPAddress',
      'parameter: Device / IP / Interface / search(Type == "Normal" && Stats.ErrorsSent > 0) / IPv4Address / search(AddressingType == "Static") : IPAddress',
    ],
    [
      'Device.DSL.Line.[Enable==true].CurrentProfile',
      'parameter: Device / DSL / Line / search(Enable == true) : CurrentProfile',
    ],
    [
      'Device.DSL.Line.[Enable==1].CurrentProfile',
      'parameter: Device / DSL / Line / search(Enable == 1) : CurrentProfile',
    ],
    [
      'Device.IP.Interface.*.IPv6Address.[ValidLifetime<2021-06-06T08:00:00Z].IPAddress',
      'parameter: Device / IP / Interface / * / IPv6Address / search(ValidLifetime < 2021-06-06T08:00:00Z) : IPAddress',
    ],
    [
      'Device.USB.USBHosts.Host.*.Device.[DeviceClass==08].',
      'object: Device / USB / USBHosts / Host / * / Device / search(DeviceClass == 08)',
    ],
    [
      'Device.PCP.Client.*.Server.[Capabilities~="IPv6Firewall"].',
      'object: Device / PCP / Client / * / Server / search(Capabilities ~= "IPv6Firewall")',
    ],
    [
      'Device.PeriodicStatistics.SampleSet.[SampleSeconds~=5].',
      'object: Device / PeriodicStatistics / SampleSet / search(SampleSeconds ~= 5)',
    ],
    // Whitespace around the operator is tolerated (R-ARC.9a).
    [
      'Device.IP.Interface.[Type == "Normal"].Status',
      'parameter: Device / IP / Interface / search(Type == "Normal") : Status',
    ],
    // Searching by wildcard.
    ['Device.IP.Interface.*.', 'object: Device / IP / Interface / *'],
    ['Device.IP.Interface.*', 'object: Device / IP / Interface / *'],
    ['Device.IP.Interface.*.Type', 'parameter: Device / IP / Interface / * : Type'],
    // Reference following, lists of references, and references inside a search.
    [
      'Device.NAT.PortMapping.1.Interface+.Name',
      'parameter: Device / NAT / PortMapping / #1 / ref(Interface,1) : Name',
    ],
    [
      'Device.WiFi.SSID.1.LowerLayers#1+.Name',
      'parameter: Device / WiFi / SSID / #1 / ref(LowerLayers,1) : Name',
    ],
    [
      'Device.WiFi.SSID.1.LowerLayers#*+.Name',
      'parameter: Device / WiFi / SSID / #1 / ref(LowerLayers,*) : Name',
    ],
    ['Object.FooObject.5', 'object: Object / FooObject / #5'],
    [
      'Object.FooObject.[KeyParam=="KeyValueForInstance5"]',
      'object: Object / FooObject / search(KeyParam == "KeyValueForInstance5")',
    ],
    [
      'Device.WiFi.AccessPoint.[SSIDReference+.SSID=="MyHome"].AssociatedDevice.[OperatingStandard=="ac"].SignalStrength',
      'parameter: Device / WiFi / AccessPoint / search(SSIDReference+.SSID == "MyHome") / AssociatedDevice / search(OperatingStandard == "ac") : SignalStrength',
    ],
    // Command and Event paths.
    [
      'Device.IP.Interface.[Name=="eth0"].Reset()',
      'command: Device / IP / Interface / search(Name == "eth0") : Reset',
    ],
    ['Device.Boot!', 'event: Device : Boot'],
    // Other forms of the grammar.
    ['Device.', 'object: Device'],
    ['Device.DeviceInfo.', 'object: Device / DeviceInfo'],
    [
      'Device.LocalAgent.Subscription.*.Enable',
      'parameter: Device / LocalAgent / Subscription / * : Enable',
    ],
    ['Device.X.[Name=="a%22b%25c"].', 'object: Device / X / search(Name == "a\\"b%c")'],
    [
      'Device.X.[Level>=-5&&Level<=10&&Level!=3].',
      'object: Device / X / search(Level >= -5 && Level <= 10 && Level != 3)',
    ],
  ])('%s', (text, expected) => {
    const parsed = parsePath(text);
    expect(shape(parsed)).toBe(expected);
    // Formatting the AST and parsing it again gives the same AST.
    expect(parsePath(formatPath(parsed)).segments).toEqual(parsed.segments);
  });

  it.each([
    // The spec's searches that are NOT VALID.
    ['Device.IP.Interface.[].', 22, /the search expression is empty/],
    [
      'Device.IP.Interface.[Type=="Normal"&&IPv4Address.*.AddressingType=="Static"].Status',
      50,
      /cannot descend into a child table/,
    ],
    ['Device.IP.Interface.{Type=="Normal"}.Status', 21, /curly brackets/],
    // Other malformed paths.
    ['', 1, /the path is empty/],
    ['.Device', 1, /root object name/],
    ['Device..IP', 8, /empty path segment/],
    ['Device.IP.Interface.0.', 21, /instance numbers start at 1/],
    ['Device.IP.Interface.[Name="eth0"].', 26, /expected one of == != ~= <= >= < > after Name/],
    ['Device.IP.Interface.[Name=="eth0".', 34, /expected "&&" or "]"/],
    ['Device.IP.Interface.[Name=="eth0].', 28, /unterminated string/],
    ['Device.IP.Interface.[Name==].', 28, /expected a value/],
    ['Device.Reboot().', 16, /nothing may follow the command name/],
    ['Device.WiFi.SSID.1.LowerLayers#0+.Name', 32, /list item number/],
    ['Device.WiFi.SSID.1.LowerLayers#1.Name', 33, /followed by "\+"/],
    ['Device.WiFi.SSID.1.LowerLayers+Name', 32, /followed by "\." and a relative path/],
    ['Device.1.', 8, /expected a name after "Device\."/],
    ['Device.IP.Interface.1.2.', 23, /expected a name/],
    ['Reboot()', 1, /belongs to an object/],
  ])('refuses %s with 7008 at character %i', (text, position, message) => {
    let caught: unknown;
    try {
      parsePath(text);
    } catch (err) {
      caught = err;
    }
    expect(caught).toBeInstanceOf(PathSyntaxError);
    expect(caught).toMatchObject({ code: 7008 });
    expect((caught as Error).message).toMatch(message);
    expect((caught as Error).message).toContain(`at character ${position} of`);
  });
});
