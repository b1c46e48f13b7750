/**
 * Dotted version comparison: "2.10.1" > "2.9", "1.0" = "1.0.0". Within a part, runs of digits
 * compare as numbers and other runs as text ("1b" > "1a", "10rc" > "9rc").
 * Returns a negative number, 0 or a positive number, as Array.prototype.sort expects.
 */
export function versionCompare(a: string, b: string): number {
  const left = a.split('.');
  const right = b.split('.');
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const order = comparePart(left[i] ?? '0', right[i] ?? '0');
    if (order !== 0) return order;
  }
  return 0;
}

function comparePart(a: string, b: string): number {
  const left = a.match(/\d+|\D+/g) ?? [];
  const right = b.match(/\d+|\D+/g) ?? [];
  for (let i = 0; i < Math.max(left.length, right.length); i++) {
    const x = left[i];
    const y = right[i];
    if (x === undefined) return -1;
    if (y === undefined) return 1;
    const order = isDigits(x) && isDigits(y) ? compareDigits(x, y) : compareText(x, y);
    if (order !== 0) return order;
  }
  return 0;
}

const isDigits = (text: string): boolean => /^\d/.test(text);

// Compared as text after dropping leading zeros, so numbers of any length keep their order.
function compareDigits(a: string, b: string): number {
  const x = a.replace(/^0+(?=\d)/, '');
  const y = b.replace(/^0+(?=\d)/, '');
  return x.length !== y.length ? x.length - y.length : compareText(x, y);
}

const compareText = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
