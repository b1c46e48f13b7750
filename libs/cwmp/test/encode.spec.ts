import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import {
  CwmpEncodeError,
  METHOD_SINCE,
  encodeEnvelope,
  escapeXml,
  isMethodInVersion,
  cwmpVersionName,
  deviceSupports,
} from '../src';
import type { CwmpBody, CwmpHeader, CwmpMethodName, CwmpVersion } from '../src';
import { AWKWARD_TEXT, FIXTURES, FULL_HEADER, VERSIONED_FIXTURES } from './encode-fixtures';

const VERSIONS: CwmpVersion[] = ['1-0', '1-1', '1-2'];
const VALIDATOR = path.resolve(__dirname, '../../../../shared/tools/cwmp-xsd/validate-cwmp');

function encode(
  body: CwmpBody,
  cwmpVersion: CwmpVersion = '1-2',
  header: CwmpHeader = { id: '1' },
): string {
  return encodeEnvelope({ cwmpVersion, header, body });
}

/** The `name` literals of model.ts, read from the source so a new message cannot be forgotten. */
function modelNames(): string[] {
  const source = readFileSync(path.resolve(__dirname, '../src/model.ts'), 'utf8');
  return [...source.matchAll(/^\s+name: '([A-Za-z]+)';$/gm)].map((m) => m[1]!).sort();
}

function requireTool(tool: string): void {
  const probe = spawnSync(tool, ['--version'], { encoding: 'utf8' });
  if (probe.error) {
    throw new Error(
      `${tool} not found: install libxml2-utils and xsltproc (apt-get install -y libxml2-utils xsltproc)`,
    );
  }
}

describe('encodeEnvelope covers the whole model', () => {
  it('has an encoder and a fixture for every message name of model.ts', () => {
    const names = modelNames();
    expect(names.length).toBeGreaterThan(50);
    expect(Object.keys(METHOD_SINCE).sort()).toEqual(names);
    expect(Object.keys(FIXTURES).sort()).toEqual(names);
    for (const name of names) {
      const body = FIXTURES[name as CwmpMethodName];
      expect(encode(body)).toContain(name === 'Fault' ? '<cwmp:Fault>' : `<cwmp:${name}`);
    }
  });

  it('refuses a message in a version whose schema lacks it', () => {
    expect(() => encode(FIXTURES.ScheduleDownload, '1-1')).toThrow(CwmpEncodeError);
    expect(() => encode(FIXTURES.GetAllQueuedTransfers, '1-0')).toThrow(
      'GetAllQueuedTransfers does not exist in cwmp-1-0',
    );
    expect(isMethodInVersion('GetAllQueuedTransfers', '1-1')).toBe(true);
    expect(isMethodInVersion('ChangeDUState', '1-1')).toBe(false);
  });

  it("tells from the registry name of a device's version whether it knows ScheduleDownload (cwmp-1-2.xsd on)", () => {
    expect(deviceSupports('ScheduleDownload', cwmpVersionName('1-2'))).toBe(true);
    expect(deviceSupports('ScheduleDownload', 'cwmp-1-1')).toBe(false);
    expect(deviceSupports('ScheduleDownload', 'cwmp-1-0')).toBe(false);
    expect(deviceSupports('GetAllQueuedTransfers', 'cwmp-1-1')).toBe(true);
    // Unknown: a device never heard from, or recorded before the version was kept.
    expect(deviceSupports('ScheduleDownload', undefined)).toBe(false);
    expect(deviceSupports('ScheduleDownload', '1-2')).toBe(false);
  });
});

describe('schema validity (validate-cwmp against cwmp-1-0 … cwmp-1-4.xsd)', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'meridian-cwmp-encode-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('accepts every message in every version that defines it, and rejects a broken one', () => {
    requireTool('xmllint');
    requireTool('xsltproc');
    const files: string[] = [];
    const write = (label: string, xml: string): string => {
      const file = path.join(dir, `${label}.xml`);
      writeFileSync(file, xml);
      files.push(file);
      return file;
    };
    for (const version of VERSIONS) {
      for (const body of Object.values(FIXTURES)) {
        if (isMethodInVersion(body.name, version))
          write(`${version}-${body.name}`, encode(body, version, FULL_HEADER));
      }
    }
    for (const { label, version, body } of VERSIONED_FIXTURES)
      write(`${version}-${label}`, encode(body, version));
    for (const version of VERSIONS)
      write(`${version}-no-header`, encode(FIXTURES.InformResponse, version, {}));
    // Control: the validator must notice a wrong element order, or the other results mean nothing.
    const broken = write(
      'broken-order',
      encode(FIXTURES.ScheduleInform).replace(
        /(<DelaySeconds>.*<\/DelaySeconds>)(<CommandKey>.*<\/CommandKey>)/,
        '$2$1',
      ),
    );

    const run = spawnSync(VALIDATOR, files, { encoding: 'utf8', maxBuffer: 64 * 1024 * 1024 });
    if (run.error) throw new Error(`cannot run ${VALIDATOR}: ${run.error.message}`);
    const report = `${run.stdout}\n${run.stderr}`;
    const failing = files.filter((f) =>
      report.split('\n').some((line) => line.startsWith(f) && !line.endsWith(' validates')),
    );
    expect(failing.map((f) => path.basename(f))).toEqual([path.basename(broken)]);
    expect(report).toContain(`${broken} (payload`);
  }, 300_000);
});

describe('envelope shape', () => {
  it('uses the conventional prefixes and the namespace of the version', () => {
    const xml = encode(FIXTURES.GetRPCMethods, '1-1');
    expect(xml).toContain(
      '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/"',
    );
    expect(xml).toContain('xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/"');
    expect(xml).toContain('xmlns:xsd="http://www.w3.org/2001/XMLSchema"');
    expect(xml).toContain('xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance"');
    expect(xml).toContain('xmlns:cwmp="urn:dslforum-org:cwmp-1-1"');
    expect(xml).toContain('<soap-env:Body><cwmp:GetRPCMethods/></soap-env:Body>');
  });

  it('writes the InformResponse hot path exactly', () => {
    expect(encode(FIXTURES.InformResponse, '1-0', { id: 'abc' })).toBe(
      '<?xml version="1.0" encoding="UTF-8"?>\n' +
        '<soap-env:Envelope xmlns:soap-env="http://schemas.xmlsoap.org/soap/envelope/" xmlns:soap-enc="http://schemas.xmlsoap.org/soap/encoding/" xmlns:xsd="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" xmlns:cwmp="urn:dslforum-org:cwmp-1-0">' +
        '<soap-env:Header><cwmp:ID soap-env:mustUnderstand="1">abc</cwmp:ID></soap-env:Header>' +
        '<soap-env:Body><cwmp:InformResponse><MaxEnvelopes>1</MaxEnvelopes></cwmp:InformResponse></soap-env:Body></soap-env:Envelope>',
    );
  });

  it('writes only the header entries that are set and that the version defines', () => {
    const v12 = encode(FIXTURES.GetRPCMethods, '1-2', FULL_HEADER);
    expect(v12).toContain(
      '<cwmp:ID soap-env:mustUnderstand="1">id&lt;1&gt;&amp;&quot;2&quot;</cwmp:ID>',
    );
    expect(v12).toContain('<cwmp:HoldRequests soap-env:mustUnderstand="1">1</cwmp:HoldRequests>');
    expect(v12).toContain(
      '<cwmp:SessionTimeout soap-env:mustUnderstand="0">30</cwmp:SessionTimeout>',
    );
    expect(v12).toContain(
      '<cwmp:SupportedCWMPVersions soap-env:mustUnderstand="0">1.0,1.1,1.2,1.3,1.4</cwmp:SupportedCWMPVersions>',
    );
    expect(v12).toContain(
      '<cwmp:UseCWMPVersion soap-env:mustUnderstand="1">1.4</cwmp:UseCWMPVersion>',
    );
    expect(v12).not.toContain('NoMoreRequests');

    const v10 = encode(FIXTURES.GetRPCMethods, '1-0', FULL_HEADER);
    expect(v10).toContain(
      '<cwmp:NoMoreRequests soap-env:mustUnderstand="0">1</cwmp:NoMoreRequests>',
    );
    expect(v10).not.toMatch(/SessionTimeout|SupportedCWMPVersions|UseCWMPVersion/);

    expect(encode(FIXTURES.GetRPCMethods, '1-2', {})).not.toContain('soap-env:Header');
    expect(encode(FIXTURES.GetRPCMethods, '1-2', { holdRequests: false })).toContain(
      '<soap-env:Header><cwmp:HoldRequests soap-env:mustUnderstand="1">0</cwmp:HoldRequests></soap-env:Header>',
    );
  });

  it('writes a CWMP fault as a SOAP Fault with the cwmp:Fault detail', () => {
    const xml = encode(FIXTURES.Fault, '1-0');
    expect(xml).toContain(
      '<soap-env:Body><soap-env:Fault><faultcode>Client</faultcode><faultstring>CWMP fault</faultstring><detail><cwmp:Fault>' +
        '<FaultCode>9003</FaultCode><FaultString>Invalid arguments</FaultString>' +
        '<SetParameterValuesFault><ParameterName>Device.WiFi.SSID.1.SSID</ParameterName><FaultCode>9007</FaultCode><FaultString>Invalid parameter value</FaultString></SetParameterValuesFault>',
    );
    expect(xml).toContain('</cwmp:Fault></detail></soap-env:Fault></soap-env:Body>');
  });
});

describe('arrays', () => {
  it('declares soap-enc:arrayType with the item type and the count', () => {
    expect(encode(FIXTURES.SetParameterValues)).toContain(
      '<ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[3]">',
    );
    expect(encode(FIXTURES.GetParameterValues)).toContain(
      '<ParameterNames soap-enc:arrayType="xsd:string[2]">',
    );
    expect(encode(FIXTURES.Inform)).toContain('<Event soap-enc:arrayType="cwmp:EventStruct[3]">');
    expect(encode(FIXTURES.SetParameterAttributes)).toContain(
      '<AccessList soap-enc:arrayType="xsd:string[0]"></AccessList>',
    );
    expect(encode(FIXTURES.GetRPCMethodsResponse)).toContain(
      '<MethodList soap-enc:arrayType="xsd:string[4]">',
    );
    expect(encode(FIXTURES.GetQueuedTransfersResponse)).toContain(
      '<TransferList soap-enc:arrayType="cwmp:QueuedTransferStruct[2]">',
    );
    expect(encode(FIXTURES.SetVouchers)).toContain(
      '<VoucherList soap-enc:arrayType="soap-enc:base64[2]">',
    );
    expect(encode(FIXTURES.ScheduleDownload)).toContain(
      '<TimeWindowList soap-enc:arrayType="cwmp:TimeWindowStruct[2]">',
    );
    expect(encode({ name: 'GetParameterValuesResponse', parameterList: [] })).toContain(
      '<ParameterList soap-enc:arrayType="cwmp:ParameterValueStruct[0]"></ParameterList>',
    );
  });

  it('types every value with xsi:type, base64 as soap-enc:base64', () => {
    const xml = encode(FIXTURES.GetParameterValuesResponse);
    expect(xml).toContain('<Name>Device.B</Name><Value xsi:type="xsd:int">-2147483648</Value>');
    expect(xml).toContain('<Value xsi:type="soap-enc:base64">SGVsbG8=</Value>');
    expect(xml).toContain('<Value xsi:type="xsd:string"></Value>');
  });

  it('writes ChangeDUState operations with their xsi:type, leaving out empty optional fields', () => {
    const xml = encode(FIXTURES.ChangeDUState);
    expect(xml).toContain(
      '<Operations xsi:type="cwmp:InstallOpStruct"><URL>http://files.example.net/other.ipk</URL></Operations>',
    );
    expect(xml).toContain(
      '<Operations xsi:type="cwmp:UpdateOpStruct"><UUID>6ba7b810-9dad-11d1-80b4-00c04fd430c8</UUID><Version>2.0</Version></Operations>',
    );
    expect(xml).toContain('<Operations xsi:type="cwmp:UninstallOpStruct">');
  });
});

describe('escaping', () => {
  it('escapes the five entities and keeps non-ASCII text as is', () => {
    expect(escapeXml(`<a href="x">Tom & Jerry's</a>`)).toBe(
      '&lt;a href=&quot;x&quot;&gt;Tom &amp; Jerry&apos;s&lt;/a&gt;',
    );
    expect(escapeXml('Grüße ✓ 😀 日本')).toBe('Grüße ✓ 😀 日本');
    expect(escapeXml(AWKWARD_TEXT)).toBe('a&lt;b&gt;&amp;c&quot;d&apos;e Grüße ✓ 😀&#13;\n\tend');
  });

  it('replaces characters illegal in XML 1.0 so the output stays well-formed', () => {
    expect(escapeXml('a\u0000b\u0008c\u001Fd\uFFFEe\uFFFF')).toBe(
      'a\uFFFDb\uFFFDc\uFFFDd\uFFFDe\uFFFD',
    );
    expect(escapeXml('lone \uD800 high, lone \uDC00 low, pair \uD83D\uDE00')).toBe(
      'lone \uFFFD high, lone \uFFFD low, pair 😀',
    );
    expect(escapeXml('tail\uD800')).toBe('tail\uFFFD');
  });

  it('escapes values, names and keys inside messages', () => {
    const xml = encode(FIXTURES.SetParameterValues);
    expect(xml).toContain(
      '<Value xsi:type="xsd:string">a&lt;b&gt;&amp;c&quot;d&apos;e Grüße ✓ 😀&#13;\n\tend</Value>',
    );
    expect(encode(FIXTURES.Download)).toContain(
      '<URL>http://files.example.net:7567/fw.bin?a=1&amp;b=2</URL>',
    );
    expect(encode(FIXTURES.Inform)).toContain('<Manufacturer>Acme &amp; Sons</Manufacturer>');
  });
});

describe('strict in what we send', () => {
  const rejects = (
    body: CwmpBody,
    message: string | RegExp,
    version: CwmpVersion = '1-2',
  ): void => {
    expect(() => encode(body, version)).toThrow(CwmpEncodeError);
    expect(() => encode(body, version)).toThrow(message);
  };

  it('rejects numbers outside their xsd type', () => {
    rejects(
      { ...FIXTURES.Download, fileSize: 4294967296 },
      'Download: FileSize 4294967296 is not an xsd:unsignedInt',
    );
    rejects({ ...FIXTURES.Download, delaySeconds: -1 }, 'DelaySeconds -1');
    rejects({ ...FIXTURES.ScheduleInform, delaySeconds: 1.5 }, 'DelaySeconds 1.5');
    rejects(
      { name: 'AddObjectResponse', instanceNumber: 0, status: 0 },
      'InstanceNumber 0 is not an xsd:unsignedInt >= 1',
    );
  });

  it('rejects parameter values that do not match their xsi:type', () => {
    const gpv = (
      value: string,
      type: 'xsd:int' | 'xsd:boolean' | 'xsd:dateTime' | 'xsd:base64' | 'xsd:unsignedLong',
    ): CwmpBody => ({
      name: 'GetParameterValuesResponse',
      parameterList: [{ name: 'Device.X', value, type }],
    });
    rejects(gpv('2147483648', 'xsd:int'), 'Device.X: "2147483648" is not a valid xsd:int');
    rejects(gpv('yes', 'xsd:boolean'), 'xsd:boolean');
    rejects(gpv('', 'xsd:dateTime'), 'xsd:dateTime');
    rejects(gpv('QR==', 'xsd:base64'), 'xsd:base64');
    rejects(gpv('18446744073709551616', 'xsd:unsignedLong'), 'xsd:unsignedLong');
    expect(() => encode(gpv('2026-11-25T19:47:08', 'xsd:dateTime'))).not.toThrow();
  });

  it('rejects keys longer than the schema allows (a commandId used as CommandKey must fit 32 characters)', () => {
    rejects(
      { name: 'Reboot', commandKey: '123e4567-e89b-12d3-a456-426614174000' },
      'CommandKey is longer than 32 characters',
    );
    expect(() => encode({ name: 'Reboot', commandKey: '😀'.repeat(32) })).not.toThrow();
  });

  it('rejects patterns and cardinalities the schema forbids', () => {
    rejects({ ...FIXTURES.AddObject, objectName: 'Device.NAT.PortMapping' }, 'ObjectName');
    rejects({ ...FIXTURES.Download, fileType: 'X MERIDIAN Signed Image' }, 'FileType', '1-0');
    rejects(
      { name: 'GetParameterValues', parameterNames: [] },
      'ParameterNames holds 0 entries, the schema allows at least 1',
    );
    rejects(
      {
        ...FIXTURES.ScheduleDownload,
        timeWindowList: [
          ...FIXTURES.ScheduleDownload.timeWindowList,
          FIXTURES.ScheduleDownload.timeWindowList[0]!,
        ],
      },
      'TimeWindowList holds 3 entries, the schema allows 1 to 2',
    );
    rejects(
      {
        ...FIXTURES.SetParameterAttributes,
        parameterList: [{ ...FIXTURES.SetParameterAttributes.parameterList[0]!, notification: 4 }],
      },
      'Notification 4',
      '1-1',
    );
    rejects(
      { ...FIXTURES.Fault, faultCode: 8006 },
      'FaultCode 8006 is not allowed in cwmp-1-0',
      '1-0',
    );
    rejects(
      {
        ...FIXTURES.Fault,
        setParameterValuesFault: [{ parameterName: 'x', faultCode: 8003, faultString: '' }],
      },
      'SetParameterValuesFault FaultCode 8003',
    );
    rejects(
      { ...FIXTURES.TransferComplete, faultStruct: { faultCode: 9003, faultString: '' } },
      'FaultStruct FaultCode 9003',
    );
  });
});
