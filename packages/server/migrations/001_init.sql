-- Accounts, key bundles, sessions, encrypted entries and devices (design/sync.md §3).
-- No extensions, so PGlite runs the same file. Every binary column holds only what the
-- client sealed (payloads, wrapped keys) or a one-way hash.
CREATE TABLE accounts (
  id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
  username text NOT NULL UNIQUE,
  salt_seed bytea NOT NULL,
  kdf jsonb NOT NULL,
  auth_hash text NOT NULL,
  change_seq bigint NOT NULL DEFAULT 0, -- per-account checkpoint counter, bumped under the row lock
  gc_seq bigint NOT NULL DEFAULT 0,     -- tombstones below it may be gone
  created_at timestamptz NOT NULL DEFAULT now()
);

CREATE TABLE key_bundles (
  account_id uuid REFERENCES accounts ON DELETE CASCADE,
  key_id smallint,
  wrapped_by text CHECK (wrapped_by IN ('master', 'recovery')),
  wrapped_key bytea NOT NULL,
  PRIMARY KEY (account_id, key_id, wrapped_by)
);

CREATE TABLE sessions (
  id uuid NOT NULL UNIQUE DEFAULT gen_random_uuid(), -- what the device list shows; never the token
  token_hash bytea PRIMARY KEY,                      -- SHA-256 of a 256-bit random token
  account_id uuid NOT NULL REFERENCES accounts ON DELETE CASCADE,
  device_id uuid NOT NULL,
  label text NOT NULL DEFAULT '',
  created_at timestamptz NOT NULL DEFAULT now(),
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  idle_expires_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  revoked_at timestamptz
);
CREATE INDEX sessions_by_account ON sessions (account_id);

CREATE TABLE entries (
  account_id uuid REFERENCES accounts ON DELETE CASCADE,
  id text CHECK (length(id) BETWEEN 1 AND 128),
  rev bigint NOT NULL,
  change_seq bigint NOT NULL,
  deleted boolean NOT NULL,
  key_id smallint NOT NULL,
  write_id uuid NOT NULL, -- idempotency key of the last accepted write
  payload bytea NOT NULL, -- iv ‖ ciphertext ‖ tag
  PRIMARY KEY (account_id, id)
);
CREATE UNIQUE INDEX entries_by_seq ON entries (account_id, change_seq);

CREATE TABLE devices (
  account_id uuid REFERENCES accounts ON DELETE CASCADE,
  device_id uuid,
  last_pulled_seq bigint NOT NULL DEFAULT 0,
  last_seen_at timestamptz NOT NULL DEFAULT now(),
  PRIMARY KEY (account_id, device_id)
);

-- rate-limiter-flexible's table (its own layout), shared by every server process.
CREATE TABLE rate_limits (
  key varchar(255) PRIMARY KEY,
  points integer NOT NULL DEFAULT 0,
  expire bigint
);

-- One random secret per installation, made here so every process shares it: it derives
-- the stand-in salt seed answered for unknown usernames.
CREATE TABLE server_secrets (
  name text PRIMARY KEY,
  value bytea NOT NULL
);
INSERT INTO server_secrets (name, value)
-- gen_random_uuid() draws from the strong random source (random() does not): 244 random bits.
VALUES ('unknown-user-seed',
  decode(replace(gen_random_uuid()::text, '-', '') || replace(gen_random_uuid()::text, '-', ''), 'hex'));
