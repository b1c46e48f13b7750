import { decodeEnvelopeWithOracle } from '../oracle/oracle';
import { METHOD_SINCE, decodeEnvelope, encodeEnvelope } from '../src';
import type { CwmpBody, CwmpMethodName, CwmpVersion } from '../src';
import { loadCorpus } from './corpus';
import { FIXTURES, FULL_HEADER, VERSIONED_FIXTURES } from './encode-fixtures';

const RANK: Record<CwmpVersion, number> = { '1-0': 0, '1-1': 1, '1-2': 2 };
const VERSIONS: CwmpVersion[] = ['1-0', '1-1', '1-2'];

/**
 * Other vendors' spellings of the encoder's output: other prefixes, the cwmp namespace as the
 * default namespace, no XML declaration, pretty-printed.
 */
const STYLES: { label: string; restyle: (xml: string) => string }[] = [
  { label: 'encoder', restyle: (xml) => xml },
  {
    label: 'SOAP-ENV/SOAP-ENC prefixes',
    restyle: (xml) => xml.replace(/soap-env:/g, 'SOAP-ENV:').replace(/soap-enc:/g, 'SOAP-ENC:'),
  },
  {
    label: 's: and c: prefixes, no declaration',
    restyle: (xml) =>
      xml
        .replace(/^<\?xml[^>]*\?>\s*/, '')
        .replace(/soap-env:/g, 's:')
        .replace(/(<\/?|xmlns:|")cwmp:/g, '$1c:'),
  },
  {
    label: 'pretty-printed',
    restyle: (xml) => xml.replace(/></g, '>\n  <'),
  },
];

const generated = (Object.keys(FIXTURES) as CwmpMethodName[]).flatMap((name) =>
  VERSIONS.filter((v) => RANK[v] >= RANK[METHOD_SINCE[name]]).map((cwmpVersion) => ({
    label: `${name} cwmp-${cwmpVersion}`,
    body: FIXTURES[name] as CwmpBody,
    cwmpVersion,
  })),
);
const versioned = VERSIONED_FIXTURES.map(({ label, version, body }) => ({
  label,
  body,
  cwmpVersion: version,
}));

describe('decodeEnvelope and the fast-xml-parser oracle agree', () => {
  it.each(loadCorpus())('on corpus file $file', ({ xml, expected }) => {
    expect(decodeEnvelopeWithOracle(xml)).toEqual(expected);
    expect(decodeEnvelope(xml)).toEqual(expected);
  });

  describe.each(STYLES)('on generated messages, $label', ({ restyle }) => {
    it.each([...generated, ...versioned])('$label', ({ body, cwmpVersion }) => {
      const header = cwmpVersion === '1-2' ? FULL_HEADER : { id: 'x' };
      const xml = restyle(encodeEnvelope({ cwmpVersion, header, body }));
      const ours = decodeEnvelope(xml);
      expect(decodeEnvelopeWithOracle(xml)).toEqual(ours);
      // Pretty-printing adds whitespace around values, which the decoder trims.
      expect(ours.body).toEqual(body);
      expect(ours.cwmpVersion).toBe(cwmpVersion);
    });
  });
});
