import { CwmpDecodeError, positionAt } from './errors';
import { mapEnvelope } from './map';
import type { CwmpEnvelope } from './model';
import { parseXml } from './xml/tokenizer';

export interface DecodeOptions {
  /** Largest input accepted, in bytes for a Buffer and UTF-16 units for a string. Default 10 MiB. */
  maxSize?: number;
  /** Deepest element nesting accepted. Default 64 (a CWMP envelope needs under 10). */
  maxDepth?: number;
}

export const DEFAULT_MAX_SIZE = 10 * 1024 * 1024;
export const DEFAULT_MAX_DEPTH = 64;

export interface DecodeLimits {
  maxSize: number;
  maxDepth: number;
}

export function decodeLimits(options: DecodeOptions = {}): DecodeLimits {
  return {
    maxSize: options.maxSize ?? DEFAULT_MAX_SIZE,
    maxDepth: options.maxDepth ?? DEFAULT_MAX_DEPTH,
  };
}

/**
 * The checks that come before any parsing, shared by both XML layers: size, then any DTD
 * ("<!DOCTYPE" or "<!ENTITY", in any case, anywhere - even inside a comment or CDATA, where
 * no CWMP message has a reason to put one).
 */
export function guardInput(input: string | Buffer, limits: DecodeLimits): string {
  if (input.length > limits.maxSize) {
    throw new CwmpDecodeError(
      'too-large',
      `envelope of ${input.length} bytes exceeds ${limits.maxSize}`,
    );
  }
  const xml = typeof input === 'string' ? input : input.toString('utf8');
  // Each "!" preceded by "<": a search for one character, where one for "<!" stops at every "<".
  for (let bang = xml.indexOf('!'); bang !== -1; bang = xml.indexOf('!', bang + 1)) {
    const at = bang - 1;
    if (xml.charCodeAt(at) !== 60 /* < */) continue;
    const keyword = xml.slice(bang + 1, bang + 8).toUpperCase();
    if (keyword === 'DOCTYPE' || keyword.startsWith('ENTITY')) {
      throw new CwmpDecodeError(
        'doctype',
        'DTDs and entity declarations are not allowed',
        positionAt(xml, at),
      );
    }
  }
  return xml;
}

/**
 * Decodes a CWMP SOAP envelope (a string, or a Buffer of UTF-8) into the typed model.
 * Throws CwmpDecodeError, and nothing else, for anything it cannot decode.
 */
export function decodeEnvelope(xml: string | Buffer, options?: DecodeOptions): CwmpEnvelope {
  const limits = decodeLimits(options);
  return mapEnvelope(parseXml(guardInput(xml, limits), limits));
}
