import type Database from 'better-sqlite3';

/** Bumped with every change below; a database at another version is refused, not guessed at. */
export const SCHEMA_VERSION = 1;

// Times are epoch milliseconds; lists and free-form values are JSON text.
const DDL = `
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

/** Creates the tables of an empty database, or checks an existing one is ours and current. */
export function migrate(db: Database.Database): void {
  const version = db.pragma('user_version', { simple: true }) as number;
  if (version === SCHEMA_VERSION) return;
  if (version !== 0) {
    throw new Error(`store database is at schema ${version}; this build knows ${SCHEMA_VERSION}`);
  }
  db.transaction(() => {
    db.exec(DDL);
    db.pragma(`user_version = ${SCHEMA_VERSION}`);
  })();
}
