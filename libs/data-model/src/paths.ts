/**
 * The schema path of an instance path: every instance number becomes "{i}".
 * "Device.WiFi.SSID.2.SSID" → "Device.WiFi.SSID.{i}.SSID".
 */
export function schemaPathOf(path: string): string {
  // A scan rather than a regex replace: the simulator and the ACS look up the model by instance
  // path for every value of a discovery (bench/results.md, issue 16).
  let out = '';
  let copied = 0;
  for (let at = path.indexOf('.'); at !== -1; at = path.indexOf('.', at + 1)) {
    let end = at + 1;
    while (end < path.length && isDigit(path.charCodeAt(end))) end++;
    if (end === at + 1 || (end < path.length && path.charCodeAt(end) !== DOT)) continue;
    out += `${path.slice(copied, at)}.{i}`;
    copied = end;
    at = end - 1;
  }
  return copied === 0 ? path : out + path.slice(copied);
}

const DOT = 0x2e;
const isDigit = (c: number): boolean => c >= 0x30 && c <= 0x39;

/** Whether a path names an object (partial path, TR-069 A.2.2.1): it ends with ".". */
export function isObjectPath(path: string): boolean {
  return path.endsWith('.');
}

/** The object path holding a parameter or a child object: "A.B.C" → "A.B.", "A.B.C." → "A.B.". */
export function parentPathOf(path: string): string {
  const trimmed = path.endsWith('.') ? path.slice(0, -1) : path;
  return trimmed.slice(0, trimmed.lastIndexOf('.') + 1);
}
