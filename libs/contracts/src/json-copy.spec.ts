import { frozenJsonCopy } from './json-copy';

describe('frozenJsonCopy', () => {
  const value = () => ({
    text: 'a',
    count: 3,
    missing: undefined,
    notANumber: NaN,
    infinite: -Infinity,
    flag: false,
    nothing: null,
    when: new Date('2026-12-06T03:00:00.000Z'),
    call: () => 1,
    list: [1, undefined, 'two', { deep: [true, null] }, () => 2],
    nested: { inner: { leaf: 'x', gone: undefined } },
  });

  it('gives what a JSON round trip gives', () => {
    expect(frozenJsonCopy(value())).toEqual(JSON.parse(JSON.stringify(value())));
    expect(Object.keys(frozenJsonCopy(value()))).toEqual(
      Object.keys(JSON.parse(JSON.stringify(value())) as object),
    );
    expect(frozenJsonCopy('plain')).toBe('plain');
    expect(frozenJsonCopy(NaN)).toBeNull();
  });

  it('shares nothing with the original, and nothing in the copy can be changed', () => {
    const original = value();
    const copy = frozenJsonCopy(original);
    original.nested.inner.leaf = 'changed';
    original.list.length = 0;
    expect(copy.nested.inner.leaf).toBe('x');
    expect(copy.list).toHaveLength(5);
    expect(() => {
      (copy.list[3] as { deep: unknown[] }).deep.push(1);
    }).toThrow(TypeError);
    expect(() => {
      copy.nested.inner.leaf = 'y';
    }).toThrow(TypeError);
    expect(() => {
      (copy as Record<string, unknown>).added = 1;
    }).toThrow(TypeError);
  });

  it('refuses what JSON refuses: a cycle, a BigInt', () => {
    const cyclic: Record<string, unknown> = { a: 1 };
    cyclic.self = { back: cyclic };
    expect(() => frozenJsonCopy(cyclic)).toThrow(TypeError);
    expect(() => frozenJsonCopy({ big: 1n })).toThrow(TypeError);
    // A cycle below a deep nesting, and a deep value without one (copied whole).
    let deep: Record<string, unknown> = { leaf: true };
    for (let i = 0; i < 200; i++) deep = { next: deep };
    expect(JSON.stringify(frozenJsonCopy(deep))).toBe(JSON.stringify(deep));
    const deepCycle: Record<string, unknown> = { end: null };
    let top: Record<string, unknown> = deepCycle;
    for (let i = 0; i < 100; i++) top = { next: top };
    deepCycle.end = top;
    expect(() => frozenJsonCopy(top)).toThrow('Converting circular structure to JSON');
    // The same object twice, not in a cycle, is copied twice as JSON writes it twice.
    const shared = { x: 1 };
    expect(frozenJsonCopy({ a: shared, b: [shared] })).toEqual({ a: { x: 1 }, b: [{ x: 1 }] });
  });
});
