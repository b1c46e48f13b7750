/*
 * Random trace and span ids, as the SDK's RandomIdGenerator makes them (Math.random, 32 bits at
 * a time, an all-zero id given a last byte of 1) but written as hex from a table rather than
 * through a shared Buffer and its `toString('hex')`: five ids per CWMP session, made with
 * tracing off as well (the session's traceparent), issue 16.
 */

/** Two hex digits of each byte. */
const HEX = Array.from({ length: 256 }, (_, byte) => byte.toString(16).padStart(2, '0'));

function randomHex(words: number): string {
  let id = '';
  let any = 0;
  for (let i = 0; i < words; i++) {
    const word = (Math.random() * 2 ** 32) >>> 0;
    any |= word;
    id +=
      HEX[word >>> 24]! +
      HEX[(word >>> 16) & 0xff]! +
      HEX[(word >>> 8) & 0xff]! +
      HEX[word & 0xff]!;
  }
  // All zero is not a valid id (W3C): the SDK's rule.
  return any === 0 ? `${id.slice(0, -2)}01` : id;
}

/** 16 random bytes as 32 lowercase hex digits. */
export const randomTraceId = (): string => randomHex(4);

/** 8 random bytes as 16 lowercase hex digits. */
export const randomSpanId = (): string => randomHex(2);
