import { checkValue, loadDataModel, schemaPathOf, xsdTypeOf, zeroValueOf } from './index';

describe('loadDataModel("tr-181")', () => {
  const model = loadDataModel('tr-181');

  it('names the Device:2 root and its version', () => {
    expect(model.root).toBe('Device');
    expect(model.version).toBe('Device:2.17');
  });

  it('knows Device.DeviceInfo.SerialNumber as a read-only string', () => {
    const p = model.parameter('Device.DeviceInfo.SerialNumber');
    expect(p).toMatchObject({ type: 'string', access: 'readOnly', writable: false });
    expect(xsdTypeOf(p!)).toBe('xsd:string');
  });

  it('knows PeriodicInformInterval as a writable unsignedInt of at least 1', () => {
    expect(model.parameter('Device.ManagementServer.PeriodicInformInterval')).toMatchObject({
      type: 'unsignedInt',
      access: 'readWrite',
      writable: true,
      min: 1,
    });
  });

  it('knows Device.WiFi.SSID.{i}. as a writable multi-instance table', () => {
    expect(model.object('Device.WiFi.SSID.{i}.')).toMatchObject({
      multiInstance: true,
      writable: true,
    });
    expect(model.object('Device.WiFi.')).toMatchObject({ multiInstance: false, writable: false });
  });

  it('looks instance paths up by their schema path', () => {
    expect(model.parameter('Device.WiFi.SSID.2.SSID')?.path).toBe('Device.WiFi.SSID.{i}.SSID');
    expect(model.object('Device.IP.Interface.1.IPv4Address.3.')?.path).toBe(
      'Device.IP.Interface.{i}.IPv4Address.{i}.',
    );
    expect(model.parameter('Device.WiFi.SSID.2.NoSuchThing')).toBeUndefined();
  });

  it('lists the direct child objects of an object, tables as their row', () => {
    const children = model.childObjects('Device.WiFi.').map((o) => o.path);
    expect(children).toContain('Device.WiFi.SSID.{i}.');
    expect(children).toContain('Device.WiFi.DataElements.');
    expect(children).not.toContain('Device.WiFi.SSID.{i}.Stats.');
    expect(model.childObjects('Device.WiFi.SSID.3.').map((o) => o.path)).toEqual([
      'Device.WiFi.SSID.{i}.Stats.',
    ]);
  });

  it('resolves named dataTypes to their base type and facets', () => {
    // StatsCounter64 → unsignedLong; IPv4Address → string of at most 15; Alias → string(64).
    expect(model.parameter('Device.IP.Interface.1.Stats.BytesSent')?.type).toBe('unsignedLong');
    expect(model.parameter('Device.IP.Interface.1.IPv4Address.1.IPAddress')).toMatchObject({
      type: 'string',
      maxLength: 15,
    });
    expect(model.parameter('Device.WiFi.SSID.1.Alias')).toMatchObject({
      access: 'writeOnceReadOnly',
      maxLength: 64,
    });
  });

  it('keeps defaults and enumerations', () => {
    const status = model.parameter('Device.WiFi.SSID.1.Status')!;
    expect(status.default).toBe('Down');
    expect(status.enumeration).toContain('LowerLayerDown');
    expect(zeroValueOf(status)).toBe('Down');
  });

  it('marks values that read back empty (hidden)', () => {
    expect(model.parameter('Device.ManagementServer.Password')?.hidden).toBe(true);
    expect(model.parameter('Device.ManagementServer.Username')?.hidden).toBeUndefined();
  });

  it('drops deleted and obsoleted parameters', () => {
    // Marked status="deleted" and status="obsoleted" in the TR-181 2.17 XML.
    expect(model.parameter('Device.DSL.Line.1.StandardsSupported')).toBeUndefined();
    expect(model.parameter('Device.WiFi.MultiAP.APDevice.1.MACAddress')).toBeUndefined();
    expect(model.parameter('Device.DSL.Line.1.Status')).toBeDefined();
  });
});

describe('loadDataModel("tr-098")', () => {
  it('names the InternetGatewayDevice root', () => {
    const model = loadDataModel('tr-098');
    expect(model.root).toBe('InternetGatewayDevice');
    expect(
      model.parameter('InternetGatewayDevice.ManagementServer.PeriodicInformInterval'),
    ).toMatchObject({
      type: 'unsignedInt',
      writable: true,
    });
    expect(
      model.object('InternetGatewayDevice.LANDevice.1.WLANConfiguration.2.')?.multiInstance,
    ).toBe(true);
  });
});

describe('schemaPathOf', () => {
  it('replaces instance numbers, and only them', () => {
    expect(schemaPathOf('Device.WiFi.SSID.2.SSID')).toBe('Device.WiFi.SSID.{i}.SSID');
    expect(schemaPathOf('Device.IP.Interface.10.IPv4Address.1.')).toBe(
      'Device.IP.Interface.{i}.IPv4Address.{i}.',
    );
    expect(schemaPathOf('Device.WiFi.SSID.{i}.')).toBe('Device.WiFi.SSID.{i}.');
    expect(schemaPathOf('Device.DeviceInfo.X_0A1B2C_Foo')).toBe('Device.DeviceInfo.X_0A1B2C_Foo');
    expect(schemaPathOf('Device.A.1.22.B.3')).toBe('Device.A.{i}.{i}.B.{i}');
    expect(schemaPathOf('Device.A.1x.B..2')).toBe('Device.A.1x.B..{i}');
  });
});

describe('checkValue', () => {
  const model = loadDataModel('tr-181');
  const interval = model.parameter('Device.ManagementServer.PeriodicInformInterval')!;
  const enable = model.parameter('Device.ManagementServer.PeriodicInformEnable')!;

  it('rejects text that is not of the parameter type', () => {
    expect(checkValue(interval, 'abc')).toBeDefined();
    expect(checkValue(interval, '-5')).toBeDefined();
    expect(checkValue(interval, '4294967296')).toBeDefined();
    expect(checkValue(enable, 'maybe')).toBeDefined();
    expect(
      checkValue(model.parameter('Device.ManagementServer.PeriodicInformTime')!, 'now'),
    ).toBeDefined();
  });

  it('rejects values outside the model range, length or enumeration', () => {
    expect(checkValue(interval, '0')).toMatch(/minimum/);
    expect(checkValue(model.parameter('Device.WiFi.SSID.1.SSID')!, 'x'.repeat(33))).toBeDefined();
    expect(
      checkValue(model.parameter('Device.ManagementServer.InstanceMode')!, 'Other'),
    ).toBeDefined();
  });

  it('accepts valid values', () => {
    expect(checkValue(interval, '300')).toBeUndefined();
    expect(checkValue(enable, 'true')).toBeUndefined();
    expect(checkValue(enable, '0')).toBeUndefined();
    expect(
      checkValue(
        model.parameter('Device.ManagementServer.PeriodicInformTime')!,
        '2026-01-01T00:00:00Z',
      ),
    ).toBeUndefined();
  });
});
