import { readFileSync, readdirSync } from 'node:fs';
import * as path from 'node:path';
import type { CwmpEnvelope } from '../src';

export const CORPUS_DIR = path.join(__dirname, 'corpus');

export interface CorpusEntry {
  file: string;
  xml: Buffer;
  /** The typed result, from the .json beside the .xml. */
  expected: CwmpEnvelope;
}

/** Real-world-shaped envelopes (vendor prefixes and quirks), each with its expected decoding. */
export function loadCorpus(): CorpusEntry[] {
  return readdirSync(CORPUS_DIR)
    .filter((file) => file.endsWith('.xml'))
    .sort()
    .map((file) => ({
      file,
      xml: readFileSync(path.join(CORPUS_DIR, file)),
      expected: JSON.parse(
        readFileSync(path.join(CORPUS_DIR, file.replace(/\.xml$/, '.json')), 'utf8'),
      ) as CwmpEnvelope,
    }));
}
