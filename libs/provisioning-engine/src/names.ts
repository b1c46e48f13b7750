// TR-069 name grammar (TR-106 §3.1 naming): dot-separated names and instance numbers.
const NAME = '[A-Za-z_][A-Za-z0-9_-]*';
const SEGMENT = `(?:${NAME}|[0-9]+)`;

const PARAMETER = new RegExp(`^${NAME}(?:\\.${SEGMENT})*\\.${NAME}$`);
const OBJECT = new RegExp(`^${NAME}(?:\\.${SEGMENT})*\\.$`);
const TABLE = new RegExp(`^${NAME}(?:\\.${SEGMENT})*\\.${NAME}\\.$`);
const RELATIVE = new RegExp(`^(?:${NAME}(?:\\.${SEGMENT})*\\.)?${NAME}$`);

/** A full parameter name: "Device.WiFi.SSID.1.SSID". */
export const isParameterName = (path: string): boolean => PARAMETER.test(path);

/** A full object name, ending with ".": "Device.WiFi." or "Device.WiFi.SSID.1.". */
export const isObjectName = (path: string): boolean => OBJECT.test(path);

/** A multi-instance object (its last segment is a name, not an instance): "Device.WiFi.SSID.". */
export const isTableName = (path: string): boolean => TABLE.test(path);

/** A parameter name relative to an object instance: "SSID" or "IPv4Address.1.Enable". */
export const isRelativeName = (path: string): boolean => RELATIVE.test(path);
