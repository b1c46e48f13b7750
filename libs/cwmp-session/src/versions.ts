import type { CwmpVersion } from '@meridian/cwmp';

/** Every CWMP protocol version this reducer implements. */
export const ACS_CWMP_VERSIONS: readonly string[] = ['1.0', '1.1', '1.2', '1.3', '1.4'];

export type VersionNegotiation =
  /** The CPE sent no SupportedCWMPVersions: reply in its namespace, no UseCWMPVersion. */
  | { kind: 'notAsked' }
  | { kind: 'use'; useCwmpVersion: string; cwmpVersion: CwmpVersion }
  /** No version in common: fault 8006 (TR-069 A.5.1). */
  | { kind: 'incompatible' };

interface Version {
  text: string;
  major: number;
  minor: number;
}

function parseVersion(text: string): Version | null {
  const match = /^(\d+)\.(\d+)$/.exec(text.trim());
  return match
    ? {
        text: `${Number(match[1])}.${Number(match[2])}`,
        major: Number(match[1]),
        minor: Number(match[2]),
      }
    : null;
}

function parseList(list: readonly string[]): Version[] {
  return list.map(parseVersion).filter((v): v is Version => v !== null);
}

/** The namespace a protocol version writes: 1.3 and 1.4 kept urn:dslforum-org:cwmp-1-2. */
export function namespaceOf(version: { major: number; minor: number }): CwmpVersion {
  if (version.major === 1 && version.minor === 0) return '1-0';
  if (version.major === 1 && version.minor === 1) return '1-1';
  return '1-2';
}

function lower(a: CwmpVersion, b: CwmpVersion): CwmpVersion {
  return a < b ? a : b;
}

/**
 * CWMP version negotiation (TR-069 Amendment 5+, A.2.2 SupportedCWMPVersions/UseCWMPVersion):
 * a CPE that lists its versions in the Inform gets, in the InformResponse, the highest version
 * both sides support; the session then speaks that version's namespace, never one above the
 * namespace the CPE used.
 */
export function negotiateCwmpVersion(
  supportedCwmpVersions: string | undefined,
  cpeNamespace: CwmpVersion,
  acsVersions: readonly string[],
): VersionNegotiation {
  if (supportedCwmpVersions === undefined) return { kind: 'notAsked' };
  const ours = parseList(acsVersions);
  const common = parseList(supportedCwmpVersions.split(',')).filter((v) =>
    ours.some((o) => o.major === v.major && o.minor === v.minor),
  );
  const best = common.reduce<Version | null>(
    (top, v) =>
      top === null || v.major > top.major || (v.major === top.major && v.minor > top.minor)
        ? v
        : top,
    null,
  );
  if (best === null) return { kind: 'incompatible' };
  return {
    kind: 'use',
    useCwmpVersion: best.text,
    cwmpVersion: lower(namespaceOf(best), cpeNamespace),
  };
}
