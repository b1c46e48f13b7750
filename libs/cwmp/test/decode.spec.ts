import { decodeEnvelope } from '../src';
import { envelope } from './envelopes';

describe('decodeEnvelope fills in what devices leave out', () => {
  it('gives missing optional fields their defaults', () => {
    const { body } = decodeEnvelope(
      envelope('<cwmp:Inform><DeviceId><OUI>00259E</OUI></DeviceId></cwmp:Inform>'),
    );
    expect(body).toEqual({
      name: 'Inform',
      deviceId: { manufacturer: '', oui: '00259E', productClass: '', serialNumber: '' },
      event: [],
      maxEnvelopes: 1,
      currentTime: '',
      retryCount: 0,
      parameterList: [],
    });
  });

  it('defaults a TransferComplete without FaultStruct to success', () => {
    const { body } = decodeEnvelope(
      envelope('<cwmp:TransferComplete><CommandKey>k</CommandKey></cwmp:TransferComplete>'),
    );
    expect(body).toEqual({
      name: 'TransferComplete',
      commandKey: 'k',
      faultStruct: { faultCode: 0, faultString: '' },
      startTime: '',
      completeTime: '',
    });
  });

  it('reads an empty envelope Header and an absent one alike', () => {
    const reboot = '<cwmp:Reboot><CommandKey>r</CommandKey></cwmp:Reboot>';
    expect(decodeEnvelope(envelope(reboot, { header: '' })).header).toEqual({});
    expect(decodeEnvelope(envelope(reboot)).header).toEqual({});
  });
});

describe('decodeEnvelope reads the header', () => {
  it('reads every CWMP header entry and ignores vendor ones', () => {
    const header =
      '<cwmp:ID SOAP-ENV:mustUnderstand="1"> 42 </cwmp:ID>' +
      '<cwmp:HoldRequests SOAP-ENV:mustUnderstand="1">true</cwmp:HoldRequests>' +
      '<cwmp:NoMoreRequests>0</cwmp:NoMoreRequests>' +
      '<cwmp:SessionTimeout>60</cwmp:SessionTimeout>' +
      '<cwmp:SupportedCWMPVersions>1.0,1.4</cwmp:SupportedCWMPVersions>' +
      '<cwmp:UseCWMPVersion>1.4</cwmp:UseCWMPVersion>' +
      '<x:Trace xmlns:x="urn:vendor">abc</x:Trace>';
    const decoded = decodeEnvelope(envelope('<cwmp:GetRPCMethods/>', { header }));
    expect(decoded.header).toEqual({
      id: '42',
      holdRequests: true,
      noMoreRequests: false,
      sessionTimeout: 60,
      supportedCWMPVersions: '1.0,1.4',
      useCWMPVersion: '1.4',
    });
  });
});

describe('decodeEnvelope detects the cwmp namespace version', () => {
  const reboot = (prefix: string): string =>
    `<${prefix}Reboot><CommandKey>r</CommandKey></${prefix}Reboot>`;

  it.each([
    ['urn:dslforum-org:cwmp-1-0', '1-0'],
    ['urn:dslforum-org:cwmp-1-1', '1-1'],
    ['urn:dslforum-org:cwmp-1-2', '1-2'],
  ])('%s → %s, whatever the prefix', (uri, version) => {
    expect(decodeEnvelope(envelope(reboot('cwmp:'), { cwmp: uri })).cwmpVersion).toBe(version);
    const otherPrefix = `<ns9:Reboot xmlns:ns9="${uri}"><CommandKey>r</CommandKey></ns9:Reboot>`;
    expect(decodeEnvelope(envelope(otherPrefix)).cwmpVersion).toBe(version);
    const defaultNs = `<Reboot xmlns="${uri}"><CommandKey>r</CommandKey></Reboot>`;
    expect(decodeEnvelope(envelope(defaultNs)).cwmpVersion).toBe(version);
  });

  it('prefers the method element over other declarations', () => {
    const xml = envelope(
      '<c2:Reboot xmlns:c2="urn:dslforum-org:cwmp-1-2"><CommandKey>r</CommandKey></c2:Reboot>',
    );
    // envelope() also declares cwmp-1-0 on the Envelope.
    expect(decodeEnvelope(xml).cwmpVersion).toBe('1-2');
  });

  it('falls back to a cwmp namespace declared on the Envelope, then to 1-0', () => {
    expect(
      decodeEnvelope(envelope(reboot(''), { cwmp: 'urn:dslforum-org:cwmp-1-1' })).cwmpVersion,
    ).toBe('1-1');
    const none =
      '<Envelope xmlns="http://schemas.xmlsoap.org/soap/envelope/"><Body>' +
      reboot('') +
      '</Body></Envelope>';
    expect(decodeEnvelope(none).cwmpVersion).toBe('1-0');
  });

  it('takes the version of a fault from its cwmp:Fault detail', () => {
    const fault =
      '<SOAP-ENV:Fault><faultcode>SOAP-ENV:Client</faultcode><faultstring>CWMP fault</faultstring>' +
      '<detail><f:Fault xmlns:f="urn:dslforum-org:cwmp-1-2"><FaultCode>9005</FaultCode>' +
      '<FaultString>Invalid parameter name</FaultString></f:Fault></detail></SOAP-ENV:Fault>';
    const decoded = decodeEnvelope(envelope(fault));
    expect(decoded.cwmpVersion).toBe('1-2');
    expect(decoded.body).toEqual({
      name: 'Fault',
      faultcode: 'Client',
      faultCode: 9005,
      faultString: 'Invalid parameter name',
      setParameterValuesFault: [],
    });
  });
});

describe('decodeEnvelope reads ChangeDUState operations however they are typed', () => {
  it('uses xsi:type, a wrapping struct element, or the fields present', () => {
    const xml = envelope(
      '<cwmp:ChangeDUState>' +
        '<Operations xsi:type="cwmp:UninstallOpStruct"><UUID>u1</UUID><Version>1</Version></Operations>' +
        '<Operations><InstallOpStruct><URL>http://x/a.ipk</URL><UUID>u2</UUID></InstallOpStruct></Operations>' +
        '<Operations><UUID>u3</UUID><Version>2</Version><URL>http://x/b.ipk</URL></Operations>' +
        '<CommandKey>c</CommandKey></cwmp:ChangeDUState>',
    );
    expect(decodeEnvelope(xml).body).toEqual({
      name: 'ChangeDUState',
      operations: [
        { op: 'Uninstall', uuid: 'u1', version: '1', executionEnvRef: '' },
        {
          op: 'Install',
          url: 'http://x/a.ipk',
          uuid: 'u2',
          username: '',
          password: '',
          executionEnvRef: '',
        },
        {
          op: 'Update',
          uuid: 'u3',
          version: '2',
          url: 'http://x/b.ipk',
          username: '',
          password: '',
        },
      ],
      commandKey: 'c',
    });
  });
});

describe('decodeEnvelope input forms', () => {
  it('reads a UTF-8 Buffer with a byte-order mark and non-ASCII text', () => {
    const xml = envelope(
      '<cwmp:GetParameterValuesResponse><ParameterList><ParameterValueStruct>' +
        '<Name>Device.WiFi.SSID.1.SSID</Name><Value>Café ☕ 家</Value>' +
        '</ParameterValueStruct></ParameterList></cwmp:GetParameterValuesResponse>',
    );
    const buffer = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), Buffer.from(xml, 'utf8')]);
    expect(decodeEnvelope(buffer).body).toEqual({
      name: 'GetParameterValuesResponse',
      parameterList: [{ name: 'Device.WiFi.SSID.1.SSID', value: 'Café ☕ 家', type: 'xsd:string' }],
    });
  });
});
