import { CwmpDecodeError, decodeEnvelope, encodeEnvelope } from '../src';
import type { CwmpEnvelope } from '../src';
import { mapEnvelope } from '../src/map';
import type { XmlElement } from '../src/xml/element';
import { parseXml } from '../src/xml/tokenizer';
import { envelope } from './envelopes';

const LIMITS = { maxDepth: 64 };

/** The envelope, or the fault, as either path of the tokenizer gives it. */
function outcome(
  xml: string,
  scanLists: boolean,
  limits = LIMITS,
): CwmpEnvelope | Pick<CwmpDecodeError, 'reason' | 'message' | 'position'> {
  try {
    return mapEnvelope(parseXml(xml, limits, scanLists));
  } catch (e) {
    if (!(e instanceof CwmpDecodeError)) throw e;
    return { reason: e.reason, message: e.message, position: e.position };
  }
}

/** The method's ParameterList in the tokenizer's tree. */
function listOf(xml: string): XmlElement {
  const body = parseXml(xml, LIMITS).children.find((c) => c.local === 'Body');
  const list = body?.children[0]?.children.find((c) => c.local === 'ParameterList');
  if (list === undefined) throw new Error('no ParameterList');
  return list;
}

const gpv = (items: string): string =>
  envelope(
    `<cwmp:GetParameterValuesResponse><ParameterList>${items}</ParameterList></cwmp:GetParameterValuesResponse>`,
  );
const gpn = (items: string): string =>
  envelope(
    `<cwmp:GetParameterNamesResponse><ParameterList>${items}</ParameterList></cwmp:GetParameterNamesResponse>`,
  );
const pvs = (name: string, value: string, valueTag = '<Value xsi:type="xsd:string">'): string =>
  `<ParameterValueStruct><Name>${name}</Name>${valueTag}${value}</Value></ParameterValueStruct>`;
const pis = (name: string, writable: string): string =>
  `<ParameterInfoStruct><Name>${name}</Name><Writable>${writable}</Writable></ParameterInfoStruct>`;

const ENCODED_VALUES = encodeEnvelope({
  cwmpVersion: '1-2',
  header: { id: 'x' },
  body: {
    name: 'GetParameterValuesResponse',
    parameterList: [
      { name: 'Device.A.Count', value: '7', type: 'xsd:unsignedInt' },
      { name: 'Device.A.Text', value: 'a & b < c > d "e" \'f\'', type: 'xsd:string' },
      { name: 'Device.A.Empty', value: '', type: 'xsd:string' },
      { name: 'Device.A.Ünïcödé', value: 'żółw 🐢', type: 'xsd:string' },
      { name: 'Device.A.On', value: 'true', type: 'xsd:boolean' },
    ],
  },
});
const ENCODED_NAMES = encodeEnvelope({
  cwmpVersion: '1-0',
  header: { id: 'x' },
  body: {
    name: 'GetParameterNamesResponse',
    parameterList: [
      { name: 'Device.A.', writable: false },
      { name: 'Device.A.B', writable: true },
    ],
  },
});

describe('a ParameterList read straight from the text', () => {
  it.each([
    ['the encoder’s GetParameterValuesResponse', ENCODED_VALUES],
    ['the encoder’s GetParameterNamesResponse', ENCODED_NAMES],
    ['a pretty-printed one', ENCODED_VALUES.replace(/></g, '>\r\n\t <')],
    [
      'an Inform',
      envelope(
        '<cwmp:Inform><DeviceId><OUI>1</OUI></DeviceId><ParameterList>' +
          pvs('Device.X', '1') +
          '</ParameterList></cwmp:Inform>',
      ),
    ],
    [
      'a SetParameterValues',
      envelope(
        `<cwmp:SetParameterValues><ParameterList>${pvs('Device.X', '1')}</ParameterList><ParameterKey>k</ParameterKey></cwmp:SetParameterValues>`,
      ),
    ],
    ['an empty list', gpv('')],
    ['a list of blanks', gpv(' \r\n\t')],
  ])('is taken for %s, with the element tree’s result', (_, xml) => {
    const list = listOf(xml);
    expect(list.children).toHaveLength(0);
    expect(list.list?.structs).toHaveLength(
      (outcome(xml, false) as { body: { parameterList: unknown[] } }).body.parameterList.length,
    );
    expect(outcome(xml, true)).toEqual(outcome(xml, false));
  });

  it('decodes references and keeps the type attribute as written', () => {
    const xml = gpv(
      pvs(
        'Device.&#65;&#x42;',
        ' &lt;a&gt; &amp;amp; &quot;q&apos; ',
        '<Value xsi:type="xsd&#58;int">',
      ) +
        pvs('Device.Single', 'v', "<Value xs:type = 'unsignedInt' >") +
        pvs('Device.Bare', 'v', '<Value type="boolean">') +
        pvs('Device.Namespace', 'v', '<Value xmlns:q="urn:q">') +
        pvs('Device.None', 'v', '<Value>'),
    );
    expect(listOf(xml).list).not.toBeNull();
    expect(decodeEnvelope(xml).body).toEqual({
      name: 'GetParameterValuesResponse',
      parameterList: [
        { name: 'Device.AB', value: '<a> &amp; "q\'', type: 'xsd:int' },
        { name: 'Device.Single', value: 'v', type: 'xsd:unsignedInt' },
        { name: 'Device.Bare', value: 'v', type: 'xsd:boolean' },
        { name: 'Device.Namespace', value: 'v', type: 'xsd:string' },
        { name: 'Device.None', value: 'v', type: 'xsd:string' },
      ],
    });
    expect(outcome(xml, true)).toEqual(outcome(xml, false));
  });

  it.each([
    ['prefixed fields', true, '<s><c:Name>N</c:Name><c:Value xsi:type="xsd:int">1</c:Value></s>'],
    ['a field with two prefixes', false, '<s><a:b:Name>N</a:b:Name><Value>1</Value></s>'],
    ['a prefix that is only a colon', false, '<s><:Name>N</:Name><Value>1</Value></s>'],
    ['blanks in the closing tags', true, '<s ><Name >N</Name\t><Value>1</Value\r\n></s >'],
    [
      'empty fields',
      true,
      '<s><Name/><Value xsi:type="xsd:int" /></s><s><Name>N</Name><Value/></s>',
    ],
    [
      'an attribute on the item',
      true,
      '<s xsi:type="cwmp:ParameterValueStruct"><Name>N</Name><Value>1</Value></s>',
    ],
    ['an attribute on Name', true, '<s><Name xsi:type="xsd:string">N</Name><Value>1</Value></s>'],
    ['a "&" in an attribute not read', false, '<s a="&amp;"><Name>N</Name><Value>1</Value></s>'],
    ['a field named like Value', false, '<s><Name>N</Name><Values>1</Values></s>'],
    ['a self-closing item', false, '<s/>'],
    ['CDATA', false, '<s><Name>N</Name><Value><![CDATA[<x>&amp;]]></Value></s>'],
    ['a comment', false, '<s><Name>N</Name><!-- c --><Value>1</Value></s>'],
    ['a processing instruction', false, '<s><Name>N</Name><?pi x?><Value>1</Value></s>'],
    ['Value before Name', false, '<s><Value>1</Value><Name>N</Name></s>'],
    ['a third field', false, '<s><Name>N</Name><Value>1</Value><Extra>e</Extra></s>'],
    ['a repeated Name', false, '<s><Name>N</Name><Name>M</Name><Value>1</Value></s>'],
    [
      'a repeated Value',
      false,
      '<s><Name>N</Name><Value xsi:type="xsd:int">1</Value><Value>2</Value></s>',
    ],
    [
      'two attributes',
      false,
      '<s><Name>N</Name><Value xmlns:x="u" xsi:type="xsd:int">1</Value></s>',
    ],
    ['text between fields', false, '<s>t<Name>N</Name> u <Value>1</Value></s>'],
    ['a nested element', false, '<s><Name>N</Name><Value><b>1</b></Value></s>'],
    ['a struct missing its Value', false, '<s><Name>N</Name></s>'],
  ])('gives what the element tree gives for %s (read from the text: %s)', (_, scanned, items) => {
    const xml = gpv(`<s><Name>Device.Before</Name><Value>0</Value></s>${items}`);
    expect(listOf(xml).list !== null).toBe(scanned);
    expect(outcome(xml, true)).toEqual(outcome(xml, false));
  });

  it.each([
    [
      '1, 0, true, false, blanks and empty',
      pis('A', '1') + pis('B', ' 0 ') + pis('C', 'TRUE') + pis('D', 'false') + pis('E', ''),
    ],
    [
      'a repeated Name and Writable',
      '<s><Name>A</Name><Name>B</Name><Writable>1</Writable><Writable>0</Writable></s>',
    ],
    ['Writable before Name', '<s><Writable>1</Writable><Name>A</Name></s>'],
    ['a Writable that is no boolean', pis('A', 'maybe')],
  ])('reads ParameterInfoStruct as the element tree does: %s', (_, items) => {
    const xml = gpn(items);
    expect(outcome(xml, true)).toEqual(outcome(xml, false));
  });

  it.each([
    ['an undefined entity in Name', pvs('Device.&foo;', '1')],
    ['an unterminated reference in Value', pvs('Device.X', 'a & b')],
    ['a bad reference in the type', pvs('Device.X', '1', '<Value xsi:type="&#0;">')],
    ['a bad reference in an attribute not read', '<s a="&bad;"><Name>N</Name><Value>1</Value></s>'],
    ['a mismatched closing tag', '<s><Name>N</Nam><Value>1</Value></s>'],
    ['a mismatched item closing tag', '<s><Name>N</Name><Value>1</Value></t>'],
    ['a duplicate attribute', pvs('Device.X', '1', '<Value xsi:type="a" xsi:type="b">')],
    ['a "<" in an attribute', pvs('Device.X', '1', '<Value xsi:type="a<b">')],
    ['an unquoted attribute', pvs('Device.X', '1', '<Value xsi:type=a>')],
    ['an attribute without a blank before it', pvs('Device.X', '1', '<Value xsi:type="a"b="c">')],
    ['a DOCTYPE', `${pvs('Device.X', '1')}<!DOCTYPE x>`],
    ['an unclosed item', '<s><Name>N</Name><Value>1</Value>'],
  ])('refuses %s with the element tree’s fault', (_, items) => {
    const xml = gpv(items);
    const fast = outcome(xml, true);
    expect(fast).toHaveProperty('reason');
    expect(fast).toEqual(outcome(xml, false));
  });

  it('refuses a document cut inside the list with the element tree’s fault', () => {
    const xml = ENCODED_VALUES.slice(0, ENCODED_VALUES.indexOf('Device.A.Text'));
    expect(outcome(xml, true)).toHaveProperty('reason', 'malformed-xml');
    expect(outcome(xml, true)).toEqual(outcome(xml, false));
  });

  it('leaves the depth limit to the tokenizer: structs and fields count', () => {
    const xml = gpv(pvs('Device.X', '1'));
    // Envelope 1, Body 2, method 3, ParameterList 4, struct 5, field 6.
    expect(outcome(xml, true, { maxDepth: 5 })).toHaveProperty('reason', 'too-deep');
    expect(outcome(xml, true, { maxDepth: 5 })).toEqual(outcome(xml, false, { maxDepth: 5 }));
    expect(listOf(xml).list).not.toBeNull();
    expect(outcome(xml, true, { maxDepth: 6 })).toEqual(outcome(xml, false));
  });
});
