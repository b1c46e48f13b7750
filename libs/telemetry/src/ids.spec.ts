import { randomSpanId, randomTraceId } from './ids';

describe('random ids', () => {
  it('are lowercase hex of W3C lengths, a new one each time', () => {
    const traceIds = new Set(Array.from({ length: 100 }, randomTraceId));
    const spanIds = new Set(Array.from({ length: 100 }, randomSpanId));
    expect(traceIds.size).toBe(100);
    expect(spanIds.size).toBe(100);
    for (const id of traceIds) expect(id).toMatch(/^[0-9a-f]{32}$/);
    for (const id of spanIds) expect(id).toMatch(/^[0-9a-f]{16}$/);
  });

  it('are never all zero (invalid in W3C Trace Context): the last byte is 1 then', () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0);
    try {
      expect(randomTraceId()).toBe(`${'0'.repeat(30)}01`);
      expect(randomSpanId()).toBe(`${'0'.repeat(14)}01`);
    } finally {
      random.mockRestore();
    }
  });

  it('take every 32 bits of each random draw, high byte first', () => {
    const random = jest.spyOn(Math, 'random').mockReturnValue(0xa1b2c3d4 / 2 ** 32);
    try {
      expect(randomSpanId()).toBe('a1b2c3d4a1b2c3d4');
    } finally {
      random.mockRestore();
    }
  });
});
