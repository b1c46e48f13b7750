import { decodeEnvelopeWithOracle } from '../oracle/oracle';
import { CwmpDecodeError, decodeEnvelope } from '../src';
import type { CwmpDecodeErrorReason } from '../src';
import { BILLION_LAUGHS, EXTERNAL_ENTITY, envelope } from './envelopes';

function reasonOf(decode: () => unknown): CwmpDecodeErrorReason | 'no error' {
  try {
    decode();
    return 'no error';
  } catch (e) {
    if (e instanceof CwmpDecodeError) return e.reason;
    throw e;
  }
}

function errorOf(xml: string | Buffer): CwmpDecodeError {
  try {
    decodeEnvelope(xml);
  } catch (e) {
    if (e instanceof CwmpDecodeError) return e;
    throw e;
  }
  throw new Error('decoded without error');
}

const REBOOT = envelope('<cwmp:Reboot><CommandKey>k</CommandKey></cwmp:Reboot>');

const decoders = [
  ['decodeEnvelope', decodeEnvelope],
  ['oracle', decodeEnvelopeWithOracle],
] as const;

describe.each(decoders)('%s refuses DTDs before any work', (_, decode) => {
  it.each([
    ['billion laughs', BILLION_LAUGHS],
    ['external entity', EXTERNAL_ENTITY],
    ['a bare DOCTYPE', '<!DOCTYPE Envelope>' + REBOOT],
    ['lower-case doctype', '<!doctype Envelope>' + REBOOT],
    ['an ENTITY declaration inside the body', REBOOT.replace('k</', '<!ENTITY x "y">k</')],
    // A DTD at the end of otherwise broken XML: refused as a DTD, so the guard ran first.
    ['a DOCTYPE after garbage', '<<<garbage ' + REBOOT + '<!DOCTYPE x>'],
    // The guard looks for each "!" and then for the "<" before it.
    ['a DOCTYPE after "!"s in text', REBOOT.replace('k</', 'k!!</') + '!<!DOCTYPE x>'],
    ['an ENTITY declaration first in the input', '<!ENTITY x "y">' + REBOOT],
  ])('%s', (_label, xml) => {
    expect(reasonOf(() => decode(xml))).toBe('doctype');
  });

  it('takes a "!" that does not follow "<" as text', () => {
    const xml = REBOOT.replace('>k<', '>!DOCTYPE k!<');
    expect(reasonOf(() => decode(xml))).toBe('no error');
    expect(reasonOf(() => decode('!' + REBOOT))).not.toBe('doctype');
  });
});

describe.each(decoders)('%s bounds depth and size', (_, decode) => {
  const nested = (depth: number): string =>
    envelope(`<cwmp:Reboot>${'<a>'.repeat(depth)}${'</a>'.repeat(depth)}</cwmp:Reboot>`);

  it('rejects nesting deeper than 64 (the default)', () => {
    // Envelope, Body and Reboot are three levels.
    expect(reasonOf(() => decode(nested(61)))).toBe('no error');
    expect(reasonOf(() => decode(nested(62)))).toBe('too-deep');
  });

  it('honours maxDepth', () => {
    expect(reasonOf(() => decode(REBOOT, { maxDepth: 4 }))).toBe('no error');
    expect(reasonOf(() => decode(REBOOT, { maxDepth: 3 }))).toBe('too-deep');
  });

  it('rejects input above 10 MiB (the default) and above maxSize', () => {
    const padding = ' '.repeat(10 * 1024 * 1024);
    expect(reasonOf(() => decode(REBOOT + padding))).toBe('too-large');
    expect(reasonOf(() => decode(Buffer.from(REBOOT), { maxSize: REBOOT.length - 1 }))).toBe(
      'too-large',
    );
    expect(reasonOf(() => decode(Buffer.from(REBOOT), { maxSize: REBOOT.length }))).toBe(
      'no error',
    );
  });
});

describe.each(decoders)('%s rejects malformed XML with a typed error', (_, decode) => {
  it.each([
    ['empty input', ''],
    ['garbage', 'HTTP/1.1 200 OK\r\n\r\nhello'],
    ['an unclosed element', REBOOT.replace('</SOAP-ENV:Envelope>', '')],
    ['mismatched tags', REBOOT.replace('</CommandKey>', '</CommandKeys>')],
    ['truncated input', REBOOT.slice(0, 150)],
    ['text after the root', REBOOT + 'trailing'],
    ['two roots', REBOOT + REBOOT],
    ['a bare ampersand', REBOOT.replace('>k<', '>a & b<')],
    ['an HTML entity', REBOOT.replace('>k<', '>&nbsp;<')],
    ['an invalid character reference', REBOOT.replace('>k<', '>&#0;<')],
    ['an unquoted attribute', REBOOT.replace('<cwmp:Reboot>', '<cwmp:Reboot a=1>')],
    ['a duplicate attribute', REBOOT.replace('<cwmp:Reboot>', '<cwmp:Reboot a="1" a="2">')],
    ['an unterminated comment', REBOOT.replace('<cwmp:Reboot>', '<cwmp:Reboot><!-- x')],
    ['an unterminated CDATA', REBOOT.replace('>k<', '><![CDATA[k<')],
    ['a closing tag with nothing open', '</a>' + REBOOT],
  ])('%s', (_label, xml) => {
    expect(reasonOf(() => decode(xml))).toBe('malformed-xml');
  });
});

it('decodeEnvelope refuses 100,000 nested elements without recursion trouble', () => {
  // fast-xml-parser has a nesting limit of its own, which the oracle reports as malformed-xml.
  const deep = envelope(`${'<a>'.repeat(100_000)}${'</a>'.repeat(100_000)}`);
  expect(reasonOf(() => decodeEnvelope(deep))).toBe('too-deep');
  expect(reasonOf(() => decodeEnvelopeWithOracle(deep))).toMatch(/^(too-deep|malformed-xml)$/);
});

describe('malformed-XML errors say what and where', () => {
  it('names the mismatched tags and their line and column', () => {
    const error = errorOf('<Envelope>\n  <Body>\n    <Inform></Informe>\n</Body></Envelope>');
    expect(error.reason).toBe('malformed-xml');
    expect(error.message).toBe(
      'closing tag </Informe> does not match <Inform> (line 3, column 13)',
    );
    expect(error.position).toEqual({ offset: 32, line: 3, column: 13 });
  });

  it('points at the "<" of a DTD that follows "!"s in the text', () => {
    const error = errorOf('<a>hey!\n!</a>\n<!DOCTYPE x>');
    expect(error.reason).toBe('doctype');
    expect(error.position).toEqual({ offset: 14, line: 3, column: 1 });
  });

  it('points at an unclosed element at the end of input', () => {
    const error = errorOf('<Envelope><Body>');
    expect(error.message).toMatch(/element <Body> is not closed \(line 1, column 17\)/);
  });

  it('points at a bad reference', () => {
    expect(errorOf('<a>\nx &bogus; y</a>').message).toBe(
      'undefined entity "&bogus;" (no DTD entities are allowed) (line 2, column 3)',
    );
  });
});

describe.each(decoders)('%s rejects what is not a CWMP envelope', (_, decode) => {
  it.each([
    ['not-soap', '<html><body>Not Found</body></html>'],
    ['not-soap', '<SOAP-ENV:Envelope xmlns:SOAP-ENV="x"><SOAP-ENV:Header/></SOAP-ENV:Envelope>'],
    ['invalid-content', envelope('')],
    ['unknown-method', envelope('<cwmp:X_VENDOR_Frobnicate/>')],
    ['unknown-method', envelope('<cwmp:constructor/>')],
    ['unknown-method', envelope('<cwmp:__proto__/>')],
    [
      'invalid-content',
      envelope(
        '<cwmp:SetParameterValuesResponse><Status>2</Status></cwmp:SetParameterValuesResponse>',
      ),
    ],
    [
      'invalid-content',
      envelope('<cwmp:GetParameterNames><NextLevel>maybe</NextLevel></cwmp:GetParameterNames>'),
    ],
    [
      'invalid-content',
      envelope(
        '<cwmp:AddObjectResponse><InstanceNumber>three</InstanceNumber><Status>0</Status></cwmp:AddObjectResponse>',
      ),
    ],
    [
      'invalid-content',
      envelope(
        '<SOAP-ENV:Fault><faultcode>Client</faultcode><faultstring>x</faultstring></SOAP-ENV:Fault>',
      ),
    ],
  ] as const)('%s: %s', (reason, xml) => {
    expect(reasonOf(() => decode(xml))).toBe(reason);
  });
});
