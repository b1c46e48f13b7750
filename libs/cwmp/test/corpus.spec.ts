import { decodeEnvelope } from '../src';
import type { CwmpVersion, Inform } from '../src';
import { loadCorpus } from './corpus';

const corpus = loadCorpus();

describe('corpus of real-world-shaped envelopes', () => {
  it('holds devices of every namespace version, both directions', () => {
    const versions = new Set<CwmpVersion>(corpus.map((c) => c.expected.cwmpVersion));
    expect([...versions].sort()).toEqual(['1-0', '1-1', '1-2']);
    expect(corpus.length).toBeGreaterThanOrEqual(20);
  });

  it.each(corpus)('$file decodes (from a Buffer) to its .json', ({ xml, expected }) => {
    expect(decodeEnvelope(xml)).toEqual(expected);
  });

  it.each(corpus)('$file decodes the same from a string', ({ xml, expected }) => {
    expect(decodeEnvelope(xml.toString('utf8'))).toEqual(expected);
  });
});

describe('vendor quirks seen in the corpus', () => {
  const body = (file: string): Inform => {
    const entry = corpus.find((c) => c.file === file);
    if (entry === undefined) throw new Error(`no corpus file ${file}`);
    return decodeEnvelope(entry.xml).body as Inform;
  };

  it('normalises event codes sent in the wrong case and keeps vendor events', () => {
    expect(body('huawei-hg8245-inform-boot-1-0.xml').event.map((e) => e.eventCode)).toEqual([
      '1 BOOT',
      'M Reboot',
    ]);
    expect(body('zte-f660-inform-periodic-1-0.xml').event.map((e) => e.eventCode)).toEqual([
      '2 PERIODIC',
      '4 VALUE CHANGE',
    ]);
    expect(body('tplink-archer-inform-bootstrap-1-1.xml').event.map((e) => e.eventCode)).toEqual([
      '0 BOOTSTRAP',
      '1 BOOT',
      'X 50C7BF FactoryResetButton',
    ]);
  });

  it('ignores wrong arrayType counts', () => {
    // arrayType says EventStruct[1] and ParameterValueStruct[0].
    const inform = body('zte-f660-inform-periodic-1-0.xml');
    expect(inform.event).toHaveLength(2);
    expect(inform.parameterList).toHaveLength(5);
  });

  it('reads xsi:type with any prefix or none, and defaults to xsd:string', () => {
    const types = body('tplink-archer-inform-bootstrap-1-1.xml').parameterList.map((p) => p.type);
    expect(types).toEqual([
      'xsd:string',
      'xsd:unsignedInt',
      'xsd:int',
      'xsd:string',
      'xsd:string',
      'xsd:boolean',
    ]);
    const untyped = body('zte-f660-inform-periodic-1-0.xml').parameterList;
    expect(untyped.every((p) => p.type === 'xsd:string')).toBe(true);
  });

  it('trims whitespace and newlines around values, decodes CDATA and character references', () => {
    const zte = body('zte-f660-inform-periodic-1-0.xml').parameterList;
    expect(zte[1]).toEqual({
      name: 'InternetGatewayDevice.DeviceInfo.UpTime',
      value: '345600',
      type: 'xsd:string',
    });
    const tplink = body('tplink-archer-inform-bootstrap-1-1.xml');
    expect(tplink.deviceId.oui).toBe('50C7BF');
    expect(tplink.parameterList[3]?.value).toBe('Café <5G> & Co');
    expect(tplink.parameterList[4]?.value).toBe('José 😀 & <admin>');
  });

  it('keeps times without a timezone as sent', () => {
    expect(body('zte-f660-inform-periodic-1-0.xml').currentTime).toBe('2026-11-25T21:03:11');
  });

  it('detects the version from the namespace URI with a default namespace and no prefix', () => {
    const entry = corpus.find((c) => c.file === 'technicolor-tg789-inform-1-2-default-ns.xml');
    const envelope = decodeEnvelope(entry!.xml);
    expect(envelope.cwmpVersion).toBe('1-2');
    expect(envelope.header).toEqual({
      id: 'tch-7781',
      sessionTimeout: 45,
      supportedCWMPVersions: '1.0,1.1,1.2,1.3,1.4',
    });
  });

  it('accepts TransferComplete children in any order', () => {
    const entry = corpus.find((c) => c.file === 'generic-s-prefix-transfercomplete-1-2.xml');
    expect(decodeEnvelope(entry!.xml).body).toEqual({
      name: 'TransferComplete',
      commandKey: 'fw-2026.11-wave2',
      faultStruct: { faultCode: 9010, faultString: 'Download failed: checksum mismatch' },
      startTime: '2026-11-25T20:14:02',
      completeTime: '2026-11-25T20:15:44',
    });
  });
});
