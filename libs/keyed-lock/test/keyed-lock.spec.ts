import { KeyedLock } from '../src';

const tick = () => new Promise((r) => setTimeout(r, 5));

describe('KeyedLock', () => {
  it('runs the tasks of one key one after the other, in order, even when one fails', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task =
      (name: string, fail = false) =>
      async () => {
        log.push(`${name} start`);
        await tick();
        log.push(`${name} end`);
        if (fail) throw new Error(name);
        return name;
      };
    const results = await Promise.allSettled([
      lock.run('k', task('a', true)),
      lock.run('k', task('b')),
    ]);
    expect(log).toEqual(['a start', 'a end', 'b start', 'b end']);
    expect(results.map((r) => r.status)).toEqual(['rejected', 'fulfilled']);
  });

  it('runs the tasks of different keys side by side', async () => {
    const lock = new KeyedLock();
    const log: string[] = [];
    const task = (name: string) => async () => {
      log.push(`${name} start`);
      await tick();
      log.push(`${name} end`);
    };
    await Promise.all([lock.run('x', task('x')), lock.run('y', task('y'))]);
    expect(log.slice(0, 2)).toEqual(['x start', 'y start']);
  });
});
