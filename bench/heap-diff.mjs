// Compare two .heapsnapshot files (e.g. from bench/soak.mjs with MERIDIAN_SOAK_SNAPSHOTS): count
// and self size of objects by constructor (node type + name), the biggest growth first.
//   node bench/heap-diff.mjs heap-1.heapsnapshot heap-2.heapsnapshot [rows=25]
import { readFileSync } from 'node:fs';

function census(file) {
  const { snapshot, nodes, strings } = JSON.parse(readFileSync(file, 'utf8'));
  const fields = snapshot.meta.node_fields;
  const types = snapshot.meta.node_types[0];
  const [typeAt, nameAt, sizeAt] = ['type', 'name', 'self_size'].map((f) => fields.indexOf(f));
  const byKey = new Map();
  let total = 0;
  for (let i = 0; i < nodes.length; i += fields.length) {
    const type = types[nodes[i + typeAt]];
    const name =
      type === 'string' || type === 'concatenated string' || type === 'sliced string'
        ? '(string)'
        : strings[nodes[i + nameAt]].slice(0, 60);
    const key = `${type}:${name}`;
    const entry = byKey.get(key) ?? { count: 0, size: 0 };
    entry.count++;
    entry.size += nodes[i + sizeAt];
    total += nodes[i + sizeAt];
    byKey.set(key, entry);
  }
  return { byKey, total };
}

const [a, b, rows = 25] = process.argv.slice(2);
const before = census(a);
const after = census(b);
const diff = [];
for (const [key, e] of after.byKey) {
  const o = before.byKey.get(key) ?? { count: 0, size: 0 };
  diff.push({ key, count: e.count - o.count, size: e.size - o.size, countAfter: e.count });
}
diff.sort((x, y) => y.size - x.size);
const mb = (n) => (n / 1048576).toFixed(2);
console.log(`total self size ${mb(before.total)} → ${mb(after.total)} MB`);
for (const d of diff.slice(0, Number(rows)))
  console.log(
    `${mb(d.size).padStart(8)} MB ${String(d.count).padStart(9)} objects (now ${d.countAfter})  ${d.key}`,
  );
