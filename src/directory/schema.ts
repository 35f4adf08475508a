/**
 * The directory's SQLite schema. Identity keys are lower-cased in JavaScript (Unicode-aware), so
 * lookups compare keys with plain `=` and use the indexes. AD attributes that are not ADUser
 * properties live in `user_attrs`, one row per value, for -LdapFilter.
 */

/**
 * A new UUID v7 (RFC 9562: 48-bit Unix milliseconds, version 7, variant 10, random bits) as
 * lower-case text, in SQL: a migration gives existing users keys without a JavaScript step.
 */
const NEW_USER_KEY_SQL = `(SELECT substr(t, 1, 8) || '-' || substr(t, 9, 4) || '-7' || substr(r, 1, 3) || '-'
    || substr('89ab', 1 + abs(random() % 4), 1) || substr(r, 4, 3) || '-' || substr(r, 7, 12)
  FROM (SELECT printf('%012x', CAST(unixepoch('subsec') * 1000 AS INTEGER)) AS t, lower(hex(randomblob(9 + 0 * users.id))) AS r))`;

/** Schema migrations, in order; `PRAGMA user_version` counts how many have run. */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE users (
    id             INTEGER PRIMARY KEY,
    dn             TEXT NOT NULL,
    dn_key         TEXT NOT NULL UNIQUE,
    domain         TEXT,
    sam            TEXT,
    upn            TEXT,
    display_name   TEXT,
    sip            TEXT,
    enabled        INTEGER,
    registrar_pool TEXT,
    line_uri       TEXT,
    ev_enabled     INTEGER NOT NULL DEFAULT 0,
    pin_policy     TEXT,
    sam_key        TEXT,
    logon_key      TEXT,
    upn_key        TEXT,
    sip_key        TEXT,
    display_key    TEXT
  );
  -- Covers Get-CsClientPinInfo's lookup (with the rowid): no table access per record.
  CREATE INDEX users_sip ON users(sip_key, sip, pin_policy, registrar_pool) WHERE sip_key IS NOT NULL;
  CREATE INDEX users_upn ON users(upn_key);
  CREATE INDEX users_logon ON users(logon_key);
  CREATE INDEX users_sam ON users(sam_key);
  CREATE INDEX users_display ON users(display_key);

  CREATE TABLE user_attrs (
    user_id   INTEGER NOT NULL REFERENCES users(id) ON DELETE CASCADE,
    name      TEXT NOT NULL,
    value     TEXT NOT NULL,
    value_key TEXT NOT NULL,
    value_int INTEGER
  );
  CREATE INDEX user_attrs_by_value ON user_attrs(name, value_key, user_id);
  CREATE INDEX user_attrs_by_user ON user_attrs(user_id);

  CREATE TABLE containers (
    dn_key TEXT PRIMARY KEY,
    dn     TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE pins (
    user_id         INTEGER PRIMARY KEY REFERENCES users(id) ON DELETE CASCADE,
    hash            TEXT,
    changed_at      INTEGER,
    locked          INTEGER NOT NULL DEFAULT 0,
    local_failures  INTEGER NOT NULL DEFAULT 0,
    global_failures INTEGER NOT NULL DEFAULT 0,
    window_start    INTEGER,
    locked_until    INTEGER
  );

  CREATE TABLE pin_policies (
    identity               TEXT PRIMARY KEY COLLATE NOCASE,
    description            TEXT,
    min_password_length    INTEGER NOT NULL DEFAULT 5,
    pin_history_count      INTEGER NOT NULL DEFAULT 0,
    allow_common_patterns  INTEGER NOT NULL DEFAULT 0,
    pin_lifetime           INTEGER NOT NULL DEFAULT 0,
    maximum_logon_attempts INTEGER
  );
  INSERT INTO pin_policies(identity) VALUES ('Global');

  CREATE TABLE meta (
    key   TEXT PRIMARY KEY,
    value TEXT NOT NULL
  ) WITHOUT ROWID;

  CREATE TABLE pool_sites (
    pool_key TEXT PRIMARY KEY,
    pool     TEXT NOT NULL,
    site     TEXT NOT NULL
  ) WITHOUT ROWID;

  `,
  // The lockout limits depend on the PIN's length, which the hash hides; null: unknown (set before).
  `ALTER TABLE pins ADD COLUMN pin_length INTEGER;`,
  // PIN state and policy grants hang on a stable user key (a rename or a move keeps them), so that
  // any directory (this one or LDAP) can hold the users. Existing users get UUID v7 keys here.
  `
  ALTER TABLE users ADD COLUMN guid TEXT;
  UPDATE users SET guid = ${NEW_USER_KEY_SQL};
  CREATE UNIQUE INDEX users_guid ON users(guid);

  CREATE TABLE pin_state (
    user_key        TEXT PRIMARY KEY,
    hash            TEXT,
    changed_at      INTEGER,
    locked          INTEGER NOT NULL DEFAULT 0,
    local_failures  INTEGER NOT NULL DEFAULT 0,
    global_failures INTEGER NOT NULL DEFAULT 0,
    window_start    INTEGER,
    locked_until    INTEGER,
    pin_length      INTEGER
  ) WITHOUT ROWID;
  INSERT INTO pin_state
    SELECT u.guid, p.hash, p.changed_at, p.locked, p.local_failures, p.global_failures, p.window_start, p.locked_until, p.pin_length
    FROM pins p JOIN users u ON u.id = p.user_id;
  DROP TABLE pins;
  ALTER TABLE pin_state RENAME TO pins;

  CREATE TABLE pin_grants (
    user_key TEXT PRIMARY KEY,
    policy   TEXT NOT NULL
  ) WITHOUT ROWID;
  INSERT INTO pin_grants SELECT guid, pin_policy FROM users WHERE pin_policy IS NOT NULL;
  CREATE INDEX pin_grants_policy ON pin_grants(policy COLLATE NOCASE);

  DROP INDEX users_sip;
  ALTER TABLE users DROP COLUMN pin_policy;
  -- Covers Get-CsClientPinInfo's lookup (with the rowid): no table access per record.
  CREATE INDEX users_sip ON users(sip_key, sip, guid, registrar_pool) WHERE sip_key IS NOT NULL;
  `,
  // PIN state and grants join on an integer stand-in for the stable key (see sqlite/userKeys.ts):
  // an embedded user's stand-in is its users.id; other keys (LDAP users) get ids after them.
  `
  CREATE TABLE user_keys (
    id  INTEGER PRIMARY KEY,
    key TEXT NOT NULL UNIQUE
  );
  INSERT INTO user_keys (id, key) SELECT id, guid FROM users;
  INSERT OR IGNORE INTO user_keys (key) SELECT user_key FROM pins UNION SELECT user_key FROM pin_grants;

  CREATE TABLE pin_state (
    key_id          INTEGER PRIMARY KEY,
    hash            TEXT,
    changed_at      INTEGER,
    locked          INTEGER NOT NULL DEFAULT 0,
    local_failures  INTEGER NOT NULL DEFAULT 0,
    global_failures INTEGER NOT NULL DEFAULT 0,
    window_start    INTEGER,
    locked_until    INTEGER,
    pin_length      INTEGER
  );
  INSERT INTO pin_state
    SELECT k.id, p.hash, p.changed_at, p.locked, p.local_failures, p.global_failures, p.window_start, p.locked_until, p.pin_length
    FROM pins p JOIN user_keys k ON k.key = p.user_key;
  DROP TABLE pins;
  ALTER TABLE pin_state RENAME TO pins;

  CREATE TABLE grants (
    key_id INTEGER PRIMARY KEY,
    policy TEXT NOT NULL
  );
  INSERT INTO grants SELECT k.id, g.policy FROM pin_grants g JOIN user_keys k ON k.key = g.user_key;
  DROP TABLE pin_grants;
  ALTER TABLE grants RENAME TO pin_grants;
  CREATE INDEX pin_grants_policy ON pin_grants(policy COLLATE NOCASE);
  `,
  // Integer and time values get the number ordering compares (in JavaScript: database.ts retypes them).
  `SELECT 1;`,
];
