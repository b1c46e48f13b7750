import type { CwmpHeader, CwmpVersion } from '@meridian/cwmp';

/**
 * What the reducer needs to answer an envelope the decoder refused although it was well-formed
 * (an unknown method: fault 8000; bad arguments: 8003): the method's name, the cwmp:ID to echo
 * and the namespace version. CwmpDecodeError carries none of them, so they are read from the
 * text with three bounded regular expressions.
 */
export function envelopeHintsOf(xml: string): {
  method: string;
  header: CwmpHeader;
  cwmpVersion: CwmpVersion;
} {
  const version = /urn:dslforum-org:cwmp-1-([0-2])\b/.exec(xml)?.[1];
  const id = /<(?:[\w.-]+:)?ID\b[^>]*>([^<]*)<\//.exec(xml)?.[1]?.trim();
  const method = /<(?:[\w.-]+:)?Body\b[^>]*>\s*<(?:[\w.-]+:)?([\w.-]+)/.exec(xml)?.[1] ?? 'unknown';
  return {
    method,
    header: id === undefined ? {} : { id },
    cwmpVersion: version === undefined ? '1-0' : (`1-${version}` as CwmpVersion),
  };
}
