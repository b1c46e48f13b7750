/**
 * The schema path of an instance path: every instance number becomes "{i}".
 * "Device.WiFi.SSID.2.SSID" → "Device.WiFi.SSID.{i}.SSID".
 */
export function schemaPathOf(path: string): string {
  return path.replace(/\.\d+(?=\.|$)/g, '.{i}');
}

/** Whether a path names an object (partial path, TR-069 A.2.2.1): it ends with ".". */
export function isObjectPath(path: string): boolean {
  return path.endsWith('.');
}

/** The object path holding a parameter or a child object: "A.B.C" → "A.B.", "A.B.C." → "A.B.". */
export function parentPathOf(path: string): string {
  const trimmed = path.endsWith('.') ? path.slice(0, -1) : path;
  return trimmed.slice(0, trimmed.lastIndexOf('.') + 1);
}
