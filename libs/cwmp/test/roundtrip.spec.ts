import { METHOD_SINCE, decodeEnvelope, encodeEnvelope } from '../src';
import type { CwmpBody, CwmpEnvelope, CwmpHeader, CwmpMethodName, CwmpVersion } from '../src';
import { FIXTURES, FULL_HEADER, VERSIONED_FIXTURES } from './encode-fixtures';

const VERSIONS: CwmpVersion[] = ['1-0', '1-1', '1-2'];
const RANK: Record<CwmpVersion, number> = { '1-0': 0, '1-1': 1, '1-2': 2 };

const cases: { label: string; envelope: CwmpEnvelope }[] = [
  ...(Object.keys(FIXTURES) as CwmpMethodName[]).flatMap((name) =>
    VERSIONS.filter((v) => RANK[v] >= RANK[METHOD_SINCE[name]]).map((cwmpVersion) => ({
      label: `${name} cwmp-${cwmpVersion}`,
      envelope: { cwmpVersion, header: { id: '1' }, body: FIXTURES[name] as CwmpBody },
    })),
  ),
  ...VERSIONED_FIXTURES.map(({ label, version, body }) => ({
    label: `${label} cwmp-${version}`,
    envelope: { cwmpVersion: version, header: { id: 'v' }, body },
  })),
];

describe('decodeEnvelope(encodeEnvelope(x)) equals x', () => {
  it.each(cases)('$label', ({ envelope }) => {
    const xml = encodeEnvelope(envelope);
    const decoded = decodeEnvelope(xml);
    // The encoder drops header entries a version lacks; compare with what it kept.
    expect(decoded.body).toEqual(envelope.body);
    expect(decoded.cwmpVersion).toBe(envelope.cwmpVersion);
    for (const [key, value] of Object.entries(decoded.header)) {
      expect(value).toEqual(envelope.header[key as keyof CwmpHeader]);
    }
  });

  it('covers every message name of the model', () => {
    const names = new Set(cases.map((c) => c.envelope.body.name));
    expect([...names].sort()).toEqual(Object.keys(METHOD_SINCE).sort());
  });

  it('keeps every header entry the version defines', () => {
    const decode = (cwmpVersion: CwmpVersion): CwmpHeader =>
      decodeEnvelope(encodeEnvelope({ cwmpVersion, header: FULL_HEADER, body: FIXTURES.Inform }))
        .header;
    // NoMoreRequests exists only in cwmp-1-0; the 1-3/1-4 entries only in the 1-2 namespace.
    const { noMoreRequests, ...withoutNoMoreRequests } = FULL_HEADER;
    expect(decode('1-2')).toEqual(withoutNoMoreRequests);
    expect(decode('1-0')).toEqual({ id: FULL_HEADER.id, holdRequests: true, noMoreRequests });
  });
});
