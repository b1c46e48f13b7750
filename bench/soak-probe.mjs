// Loaded into the all-in-one by bench/soak.mjs (node --expose-gc --import): memory figures and
// heap snapshots on a signal, written to MERIDIAN_SOAK_PROBE_DIR.
//   SIGUSR2  → memory.json: process.memoryUsage() before and after a full GC, V8 heap spaces
//   SIGWINCH → heap-<n>.heapsnapshot (v8.writeHeapSnapshot; it collects garbage first)
import fs from 'node:fs';
import path from 'node:path';
import v8 from 'node:v8';

const dir = process.env.MERIDIAN_SOAK_PROBE_DIR;
if (dir) {
  let snapshots = 0;
  process.on('SIGUSR2', () => {
    const before = process.memoryUsage();
    global.gc?.();
    const after = process.memoryUsage();
    const spaces = Object.fromEntries(
      v8.getHeapSpaceStatistics().map((s) => [s.space_name, s.space_used_size]),
    );
    const file = path.join(dir, 'memory.json');
    fs.writeFileSync(`${file}.tmp`, JSON.stringify({ at: Date.now(), before, after, spaces }));
    fs.renameSync(`${file}.tmp`, file);
  });
  process.on('SIGWINCH', () => {
    v8.writeHeapSnapshot(path.join(dir, `heap-${++snapshots}.heapsnapshot`));
    fs.writeFileSync(path.join(dir, `heap-${snapshots}.done`), '');
  });
}
