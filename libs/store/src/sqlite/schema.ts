import type Database from 'better-sqlite3';

// Times are epoch milliseconds; lists and free-form values are JSON text.
// Each step is the released one: never edit it, add a step.

/** Version 1: the first release. */
const V1 = `
CREATE TABLE devices (
  device_id TEXT PRIMARY KEY,
  manufacturer TEXT NOT NULL,
  oui TEXT NOT NULL,
  product_class TEXT NOT NULL,
  serial_number TEXT NOT NULL,
  status TEXT NOT NULL,
  first_inform INTEGER NOT NULL,
  last_inform INTEGER NOT NULL,
  last_boot INTEGER,
  last_bootstrap INTEGER,
  last_events TEXT NOT NULL,
  software_version TEXT,
  hardware_version TEXT,
  connection_request_url TEXT,
  remote_address TEXT
);
CREATE INDEX devices_last_inform ON devices (last_inform);
CREATE INDEX devices_identity ON devices (oui, product_class, serial_number);

CREATE TABLE device_tags (
  device_id TEXT NOT NULL,
  tag TEXT NOT NULL,
  PRIMARY KEY (device_id, tag)
) WITHOUT ROWID;
CREATE INDEX device_tags_tag ON device_tags (tag, device_id);

CREATE TABLE parameters (
  device_id TEXT NOT NULL,
  path TEXT NOT NULL,
  value TEXT,
  type TEXT,
  writable INTEGER,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (device_id, path)
) WITHOUT ROWID;
CREATE INDEX parameters_path_value ON parameters (path, value);

CREATE TABLE tasks (
  seq INTEGER PRIMARY KEY AUTOINCREMENT,
  command_id TEXT NOT NULL UNIQUE,
  device_id TEXT NOT NULL,
  status TEXT NOT NULL,
  source TEXT NOT NULL,
  connection_request INTEGER NOT NULL,
  rpc TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  expires_at INTEGER,
  response TEXT,
  fault TEXT,
  reason TEXT
);
CREATE INDEX tasks_device ON tasks (device_id, status, created_at);
CREATE INDEX tasks_created ON tasks (created_at);

CREATE TABLE faults (
  device_id TEXT NOT NULL,
  channel TEXT NOT NULL,
  code TEXT NOT NULL,
  message TEXT NOT NULL,
  detail TEXT,
  failures INTEGER NOT NULL,
  timestamp INTEGER NOT NULL,
  PRIMARY KEY (device_id, channel)
) WITHOUT ROWID;
CREATE INDEX faults_timestamp ON faults (timestamp);

CREATE TABLE presets (
  name TEXT PRIMARY KEY,
  channel TEXT NOT NULL,
  weight REAL NOT NULL,
  events TEXT NOT NULL,
  precondition TEXT NOT NULL,
  configurations TEXT NOT NULL,
  version INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE files (
  name TEXT PRIMARY KEY,
  type TEXT NOT NULL,
  size INTEGER NOT NULL,
  checksum TEXT NOT NULL,
  version TEXT,
  oui TEXT,
  product_class TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

/**
 * Version 2: devices may be registered before their first Inform (registered_at; first_inform
 * and last_inform nullable, which needs a rebuild of the table), presence columns, connection
 * request outcomes on tasks, provisioning state and the audit log. Existing devices get
 * registered_at = first_inform.
 */
const V2 = `
CREATE TABLE devices_v2 (
  device_id TEXT PRIMARY KEY,
  manufacturer TEXT NOT NULL,
  oui TEXT NOT NULL,
  product_class TEXT NOT NULL,
  serial_number TEXT NOT NULL,
  status TEXT NOT NULL,
  registered_at INTEGER NOT NULL,
  first_inform INTEGER,
  last_inform INTEGER,
  last_boot INTEGER,
  last_bootstrap INTEGER,
  last_events TEXT NOT NULL,
  software_version TEXT,
  hardware_version TEXT,
  connection_request_url TEXT,
  remote_address TEXT,
  parameter_key TEXT,
  periodic_inform_interval INTEGER,
  online_until INTEGER
);
INSERT INTO devices_v2 (device_id, manufacturer, oui, product_class, serial_number, status,
  registered_at, first_inform, last_inform, last_boot, last_bootstrap, last_events,
  software_version, hardware_version, connection_request_url, remote_address)
SELECT device_id, manufacturer, oui, product_class, serial_number, status,
  first_inform, first_inform, last_inform, last_boot, last_bootstrap, last_events,
  software_version, hardware_version, connection_request_url, remote_address
FROM devices;
DROP TABLE devices;
ALTER TABLE devices_v2 RENAME TO devices;
CREATE INDEX devices_last_inform ON devices (last_inform);
CREATE INDEX devices_first_inform ON devices (first_inform);
CREATE INDEX devices_online_until ON devices (online_until);
CREATE INDEX devices_identity ON devices (oui, product_class, serial_number);

-- JSON text of a ConnectionRequestResult, its time in epoch ms.
ALTER TABLE tasks ADD COLUMN connection_request_result TEXT;

CREATE TABLE provisioning (
  device_id TEXT PRIMARY KEY,
  state TEXT NOT NULL,
  revision INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);

CREATE TABLE audit (
  id TEXT PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT NOT NULL,
  role TEXT NOT NULL,
  action TEXT NOT NULL,
  device_id TEXT,
  target TEXT,
  status INTEGER NOT NULL,
  detail TEXT
) WITHOUT ROWID;
CREATE INDEX audit_at ON audit (at);
CREATE INDEX audit_device_at ON audit (device_id, at);
CREATE INDEX audit_actor_at ON audit (actor, at);
`;

/** Version 3: per-device CPE credentials (Digest HA1 only, never the password). */
const V3 = `
CREATE TABLE credentials (
  device_id TEXT PRIMARY KEY,
  username TEXT NOT NULL,
  realm TEXT NOT NULL,
  ha1 TEXT NOT NULL,
  updated_at INTEGER NOT NULL
);
`;

// Files get their content (checksum is now always the SHA-256) and the model they fit.
const V4 = `
ALTER TABLE files RENAME COLUMN checksum TO sha256;
ALTER TABLE files ADD COLUMN model_name TEXT;
`;

/**
 * Version 5: diagnostic tasks (JSON of the DiagnosticRequest, and of the DiagnosticResult once
 * ended). Their `rpc` column holds JSON null.
 */
const V5 = `
ALTER TABLE tasks ADD COLUMN diagnostic TEXT;
ALTER TABLE tasks ADD COLUMN diagnostic_result TEXT;
`;

/** Version 6: the commandIds of a task of several commands (JSON array; NULL for one). */
const V6 = `
ALTER TABLE tasks ADD COLUMN command_ids TEXT;
`;

/**
 * Version 7: firmware rollout campaigns (the spec and the runner's state; stages, target and
 * stop rules as JSON) and their devices, one row per campaign and device.
 */
const V7 = `
CREATE TABLE campaigns (
  campaign_id TEXT PRIMARY KEY,
  name TEXT NOT NULL,
  file_name TEXT NOT NULL,
  version TEXT NOT NULL,
  target TEXT NOT NULL,
  stages TEXT NOT NULL,
  max_in_flight INTEGER NOT NULL,
  window TEXT,
  stop_rules TEXT NOT NULL,
  state TEXT NOT NULL,
  stage INTEGER NOT NULL,
  stage_started_at INTEGER NOT NULL,
  count_from INTEGER NOT NULL,
  pause_reason TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX campaigns_state ON campaigns (state, created_at);
CREATE INDEX campaigns_created ON campaigns (created_at);

CREATE TABLE campaign_devices (
  campaign_id TEXT NOT NULL,
  device_id TEXT NOT NULL,
  ord INTEGER NOT NULL,
  stage INTEGER NOT NULL,
  state TEXT NOT NULL,
  skip_reason TEXT,
  command_id TEXT,
  started_at INTEGER,
  sent_at INTEGER,
  finished_at INTEGER,
  outcome TEXT,
  fault_code INTEGER,
  fault_string TEXT,
  PRIMARY KEY (campaign_id, device_id)
) WITHOUT ROWID;
CREATE INDEX campaign_devices_order ON campaign_devices (campaign_id, ord);
CREATE INDEX campaign_devices_device ON campaign_devices (device_id, state);
`;

/**
 * Version 8: the transfers the firmware service tracks (a Download from its acceptance to its
 * confirmed outcome), keyed by commandId; looked up by the CommandKey the CPE reports.
 */
const V8 = `
CREATE TABLE transfers (
  command_id TEXT PRIMARY KEY,
  device_id TEXT NOT NULL,
  command_key TEXT NOT NULL,
  file_name TEXT,
  file_type TEXT,
  version TEXT,
  from_version TEXT,
  state TEXT NOT NULL,
  fault_code INTEGER,
  fault_string TEXT,
  reported_version TEXT,
  published INTEGER NOT NULL,
  deadline INTEGER NOT NULL,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX transfers_device_key ON transfers (device_id, command_key, created_at);
CREATE INDEX transfers_device_created ON transfers (device_id, created_at);
CREATE INDEX transfers_state_deadline ON transfers (state, deadline);
CREATE INDEX transfers_published ON transfers (published, state);
`;

/**
 * Version 9: USP Subscriptions of translated devices (the parameters as a JSON object, the
 * Recipient's reply topic).
 */
const V9 = `
CREATE TABLE usp_subscriptions (
  device_id TEXT NOT NULL,
  instance INTEGER NOT NULL,
  params TEXT NOT NULL,
  reply_to TEXT,
  PRIMARY KEY (device_id, instance)
) WITHOUT ROWID;
`;

/**
 * Version 10: no (path, value) index on the parameter cache. Every cached row went into it
 * twice during discovery (names, then values), each device's ~490 rows to ~490 pages scattered
 * over the whole index: 4 to 6 times the CPU and wall time of discovery's writes (bench/results.md,
 * issue 16). The NBI's parameter filter probes the primary key per device instead;
 * findDevicesByValue, used on no hot path, scans the cache.
 */
const V10 = `
DROP INDEX parameters_path_value;
`;

/**
 * Version 11: the time zone a campaign's device reported (POSIX TZ or IANA), for maintenance
 * windows in the devices' own zones.
 */
const V11 = `
ALTER TABLE campaign_devices ADD COLUMN time_zone TEXT;
`;

/**
 * Version 12: USP Operate requests in progress on translated devices (Device.LocalAgent.Request:
 * the CWMP command carrying each out, its parameters and input arguments as JSON objects).
 */
const V12 = `
CREATE TABLE usp_requests (
  device_id TEXT NOT NULL,
  instance INTEGER NOT NULL,
  command_id TEXT NOT NULL,
  listed INTEGER NOT NULL,
  params TEXT NOT NULL,
  inputs TEXT NOT NULL,
  PRIMARY KEY (device_id, instance)
) WITHOUT ROWID;
`;

/**
 * Version 13: the last Inform's ParameterList on the device (JSON array of {path, value, type}),
 * so a periodic Inform that repeats it neither reads nor writes the parameter cache.
 */
const V13 = `
ALTER TABLE devices ADD COLUMN inform_parameters TEXT;
`;

/**
 * Version 14: the CWMP version each device's last session spoke ("cwmp-1-2"), so a campaign
 * sends a ScheduleDownload only to a device that knows it; when a campaign cancelled a Download
 * its device did not get within the delivery time (epoch ms).
 */
const V14 = `
ALTER TABLE devices ADD COLUMN cwmp_version TEXT;
ALTER TABLE campaign_devices ADD COLUMN cancelled_at INTEGER;
`;

/**
 * Version 15: the deadline of each USP Operate request (epoch ms; past it, the translator ends the
 * Request with a command failure), and the index of the sweep's query. Requests stored before
 * have deadline 0: the first sweep ends them.
 */
const V15 = `
ALTER TABLE usp_requests ADD COLUMN deadline INTEGER NOT NULL DEFAULT 0;
CREATE INDEX usp_requests_deadline ON usp_requests (deadline);
`;

/**
 * Version 16: each device's tags also as a sorted JSON array on its row, kept by triggers on
 * device_tags, so the read every Inform makes of its device has no subquery (json_group_array over
 * device_tags) to run.
 */
/** The tags of the device `deviceId` (an SQL expression) as a sorted JSON array. */
const tagsOf = (deviceId: string): string =>
  `(SELECT json_group_array(tag) FROM (SELECT tag FROM device_tags t WHERE t.device_id = ${deviceId} ORDER BY tag))`;

const V16 = `
ALTER TABLE devices ADD COLUMN tags TEXT NOT NULL DEFAULT '[]';
UPDATE devices SET tags = ${tagsOf('devices.device_id')}
  WHERE device_id IN (SELECT device_id FROM device_tags);
CREATE TRIGGER device_tags_added AFTER INSERT ON device_tags BEGIN
  UPDATE devices SET tags = ${tagsOf('NEW.device_id')} WHERE device_id = NEW.device_id;
END;
CREATE TRIGGER device_tags_removed AFTER DELETE ON device_tags BEGIN
  UPDATE devices SET tags = ${tagsOf('OLD.device_id')} WHERE device_id = OLD.device_id;
END;
`;

/**
 * Version 17: the parameter cache as one row per device and object (parameter_objects), the
 * layout of the Mongo store's ParameterGroupDoc. `entries` is the JSON object of the object's
 * own entry (name "") and its leaves' by name, each [value, type, writable] (null: never told)
 * and its time when that is not the row's `updated_at` (its last write's). A new device's
 * discovery wrote ~735 rows (105 objects, 630 leaves), ~105 now (bench/results.md, issue 16).
 * A rowid table, unlike the cache's tables before: rows are ~400 bytes and up to ~4 KB, and a
 * WITHOUT ROWID row over ~1 KB spills to an overflow page of its own (measured in the boot
 * storm: 138 MB for 1,000 devices, 56 % of its pages unused, against 93 MB for one row per
 * parameter). A row's object is its path up to the last "." (rtrim by the path's other
 * characters), its name the rest; its time the latest of its rows'.
 */
const objectOf = (path: string): string => `rtrim(${path}, replace(${path}, '.', ''))`;
const writableJson = `CASE writable WHEN 1 THEN json('true') WHEN 0 THEN json('false') END`;

const V17 = `
CREATE TABLE parameter_objects (
  device_id TEXT NOT NULL,
  path TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  entries TEXT NOT NULL,
  PRIMARY KEY (device_id, path)
);
INSERT INTO parameter_objects (device_id, path, updated_at, entries)
SELECT device_id, object, at, json_group_object(name, CASE
    WHEN updated_at = at THEN json_array(value, type, ${writableJson})
    ELSE json_array(value, type, ${writableJson}, updated_at) END)
FROM (
  SELECT device_id, ${objectOf('path')} AS object,
    substr(path, length(${objectOf('path')}) + 1) AS name, value, type, writable, updated_at,
    max(updated_at) OVER (PARTITION BY device_id, ${objectOf('path')}) AS at
  FROM parameters
)
GROUP BY device_id, object;
DROP TABLE parameters;
`;

/**
 * No table changes: from V18 `devices.inform_parameters` may hold the length-prefixed list
 * (inform-parameters.ts) beside older rows' JSON. The bump makes a build from before refuse the
 * database instead of failing on every device read after a rollback.
 */
const V18 = `-- inform_parameters: length-prefixed or JSON`;

/** Version 19: transfers by age, for their retention (oldest first). */
const V19 = `CREATE INDEX transfers_created ON transfers (created_at);`;

/** MIGRATIONS[n] brings a database from version n to n + 1; an empty database is at 0. */
const MIGRATIONS: readonly string[] = [
  V1,
  V2,
  V3,
  V4,
  V5,
  V6,
  V7,
  V8,
  V9,
  V10,
  V11,
  V12,
  V13,
  V14,
  V15,
  V16,
  V17,
  V18,
  V19,
];

/** The version this build writes (PRAGMA user_version). */
export const SCHEMA_VERSION = MIGRATIONS.length;

/**
 * Brings the database to `target` (default: this build's version), each step in a transaction
 * with its version bump, so a crash leaves the database at a version it had. A database newer
 * than this build is refused, not guessed at. Each step reads the version inside its write
 * transaction (BEGIN IMMEDIATE): processes opening a new file together take turns, and the later
 * one finds the earlier one's steps done instead of running them again.
 */
export function migrate(db: Database.Database, target: number = SCHEMA_VERSION): void {
  const step = db.transaction((): boolean => {
    const version = db.pragma('user_version', { simple: true }) as number;
    if (version > SCHEMA_VERSION) {
      throw new Error(`store database is at schema ${version}; this build knows ${SCHEMA_VERSION}`);
    }
    if (version >= target) return false;
    db.exec(MIGRATIONS[version] as string);
    db.pragma(`user_version = ${version + 1}`);
    return true;
  });
  while (step.immediate());
}
