/**
 * Numbered schema migrations, applied in order at start inside one transaction each. Never edit
 * a migration that has shipped: add the next number.
 */
export const migrations: { version: number; name: string; sql: string }[] = [
  {
    version: 1,
    name: 'core',
    sql: `
CREATE TABLE locations (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE,
  kind TEXT NOT NULL CHECK (kind IN ('hub','townhall','service','wijk')),
  timezone TEXT NOT NULL,
  policy TEXT NOT NULL,            -- JSON, the full merged policy
  created_at INTEGER NOT NULL
);

CREATE TABLE zones (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  name TEXT NOT NULL,
  character TEXT NOT NULL CHECK (character IN ('dynamisch','gemengd','geconcentreerd','rust')),
  floor INTEGER,
  UNIQUE (location_id, name)
);

CREATE TABLE spaces (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  zone_id INTEGER REFERENCES zones(id),
  code TEXT NOT NULL UNIQUE,
  name TEXT NOT NULL,
  kind TEXT NOT NULL CHECK (kind IN ('desk','focus','call','meeting','multi')),
  capacity INTEGER NOT NULL DEFAULT 1 CHECK (capacity > 0),
  features TEXT NOT NULL DEFAULT '[]', -- JSON array
  qr_key TEXT NOT NULL,
  active INTEGER NOT NULL DEFAULT 1,
  created_at INTEGER NOT NULL
);
CREATE INDEX spaces_location ON spaces (location_id);

CREATE TABLE users (
  id INTEGER PRIMARY KEY,
  email TEXT NOT NULL UNIQUE COLLATE NOCASE,
  name TEXT NOT NULL,
  password_hash TEXT,
  pass_secret TEXT NOT NULL,          -- seed of the personal pass (TOTP)
  show_presence INTEGER NOT NULL DEFAULT 1,
  disabled INTEGER NOT NULL DEFAULT 0,
  created_at INTEGER NOT NULL
);

CREATE TABLE user_roles (
  user_id INTEGER NOT NULL REFERENCES users(id),
  role TEXT NOT NULL CHECK (role IN ('employee','manager','receptionist','facility','hr','admin')),
  PRIMARY KEY (user_id, role)
) WITHOUT ROWID;

CREATE TABLE teams (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL UNIQUE COLLATE NOCASE
);

CREATE TABLE team_members (
  team_id INTEGER NOT NULL REFERENCES teams(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  PRIMARY KEY (team_id, user_id)
) WITHOUT ROWID;
CREATE INDEX team_members_user ON team_members (user_id);

CREATE TABLE sessions (
  id_hash TEXT PRIMARY KEY,           -- sha256 of the cookie value; the value itself is never stored
  user_id INTEGER NOT NULL REFERENCES users(id),
  created_at INTEGER NOT NULL,
  last_seen_at INTEGER NOT NULL
) WITHOUT ROWID;
CREATE INDEX sessions_user ON sessions (user_id);

CREATE TABLE reservations (
  id INTEGER PRIMARY KEY,
  space_id INTEGER NOT NULL REFERENCES spaces(id),
  user_id INTEGER NOT NULL REFERENCES users(id),
  start_ms INTEGER NOT NULL,
  end_ms INTEGER NOT NULL,
  state TEXT NOT NULL CHECK (state IN ('booked','checked_in','completed','cancelled','no_show')),
  source TEXT NOT NULL DEFAULT 'app',
  created_at INTEGER NOT NULL,
  checked_in_at INTEGER,
  ended_at INTEGER,
  -- At most a day long. Besides being the rule, this bounds every overlap search: a reservation
  -- overlapping [s, e) must start after s - 24h, so indexes by start give a tight range.
  CHECK (end_ms > start_ms AND end_ms - start_ms <= 86400000)
);
CREATE INDEX reservations_space ON reservations (space_id, start_ms);
CREATE INDEX reservations_user ON reservations (user_id, start_ms);
CREATE INDEX reservations_active ON reservations (state, start_ms) WHERE state IN ('booked','checked_in');

-- The last line of defence against double booking: whatever the code above does, the database
-- refuses a second active reservation overlapping [start, end) on the same space.
CREATE TRIGGER reservations_no_overlap_insert BEFORE INSERT ON reservations
WHEN NEW.state IN ('booked','checked_in')
BEGIN
  SELECT RAISE(ABORT, 'reservation_overlap') WHERE EXISTS (
    SELECT 1 FROM reservations r
    WHERE r.space_id = NEW.space_id AND r.state IN ('booked','checked_in')
      AND r.start_ms > NEW.start_ms - 86400000 AND r.start_ms < NEW.end_ms AND NEW.start_ms < r.end_ms);
END;

CREATE TRIGGER reservations_no_overlap_update BEFORE UPDATE OF state, start_ms, end_ms, space_id ON reservations
WHEN NEW.state IN ('booked','checked_in')
BEGIN
  SELECT RAISE(ABORT, 'reservation_overlap') WHERE EXISTS (
    SELECT 1 FROM reservations r
    WHERE r.space_id = NEW.space_id AND r.id <> NEW.id AND r.state IN ('booked','checked_in')
      AND r.start_ms > NEW.start_ms - 86400000 AND r.start_ms < NEW.end_ms AND NEW.start_ms < r.end_ms);
END;

CREATE TABLE idempotency_keys (
  actor TEXT NOT NULL,                -- 'u:<userId>' or 'k:<kioskId>': keys are per caller
  key TEXT NOT NULL,
  request_hash TEXT NOT NULL,         -- method, path and body: a reused key for another request is refused
  status INTEGER NOT NULL,
  body TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (actor, key)
) WITHOUT ROWID;
CREATE INDEX idempotency_created ON idempotency_keys (created_at);

CREATE TABLE audit_log (
  id INTEGER PRIMARY KEY,
  at INTEGER NOT NULL,
  actor TEXT,                         -- 'u:<id>', 'k:<id>', 'system' or the e-mail tried at sign-in
  action TEXT NOT NULL,
  object TEXT,
  result TEXT NOT NULL,
  origin TEXT,
  details TEXT,
  prev_hash TEXT NOT NULL,
  hash TEXT NOT NULL                  -- sha256 over prev_hash and this entry: tampering breaks the chain
);
`,
  },
  {
    version: 2,
    name: 'kiosks, guests, notifications',
    sql: `
ALTER TABLE users ADD COLUMN bhv INTEGER NOT NULL DEFAULT 0; -- trained first responder (BHV)
ALTER TABLE users ADD COLUMN kiosk INTEGER NOT NULL DEFAULT 0; -- the stand-in owner of a room display's bookings

CREATE TABLE kiosks (
  id INTEGER PRIMARY KEY,
  name TEXT NOT NULL,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  space_id INTEGER REFERENCES spaces(id),   -- set for a room display
  user_id INTEGER NOT NULL REFERENCES users(id),
  token_hash TEXT UNIQUE,                    -- sha256 of the device credential; null until paired
  pairing_hash TEXT,                         -- sha256 of the one-time pairing code
  pairing_expires_at INTEGER,
  paired_at INTEGER,
  last_seen_at INTEGER,
  revoked_at INTEGER,
  created_at INTEGER NOT NULL
);

CREATE TABLE guests (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  host_id INTEGER NOT NULL REFERENCES users(id),
  name TEXT,                                 -- null once anonymised
  organisation TEXT,
  note TEXT,
  space_id INTEGER REFERENCES spaces(id),
  expected_at INTEGER NOT NULL,
  invite_code TEXT UNIQUE,
  state TEXT NOT NULL DEFAULT 'expected' CHECK (state IN ('expected','present','left')),
  arrived_at INTEGER,
  left_at INTEGER,
  badge_printed_at INTEGER,
  anonymised_at INTEGER,
  created_at INTEGER NOT NULL
);
CREATE INDEX guests_location_day ON guests (location_id, expected_at);
CREATE INDEX guests_host ON guests (host_id, expected_at);

CREATE TABLE notifications (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  kind TEXT NOT NULL,
  payload TEXT NOT NULL,                     -- JSON
  created_at INTEGER NOT NULL,
  read_at INTEGER
);
CREATE INDEX notifications_user ON notifications (user_id, id);
`,
  },
  {
    version: 3,
    name: 'reception locations',
    sql: `
-- The locations a receptionist works at: they see and handle guests there only.
CREATE TABLE user_locations (
  user_id INTEGER NOT NULL REFERENCES users(id),
  location_id INTEGER NOT NULL REFERENCES locations(id),
  PRIMARY KEY (user_id, location_id)
) WITHOUT ROWID;
`,
  },
  {
    version: 4,
    name: 'work-place ticks',
    sql: `
-- Where someone worked on a workday, as they or HR set it. Days without a row are derived
-- from check-ins (kantoor or wijk by the location's kind) when read.
CREATE TABLE work_ticks (
  user_id INTEGER NOT NULL REFERENCES users(id),
  date TEXT NOT NULL,               -- local date YYYY-MM-DD (Europe/Amsterdam)
  place TEXT NOT NULL CHECK (place IN ('kantoor','wijk','thuis','afwezig')),
  source TEXT NOT NULL CHECK (source IN ('self','hr')),
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, date)
) WITHOUT ROWID;
`,
  },
  {
    version: 5,
    name: 'calendar subscriptions',
    sql: `
-- The secret of a person's private iCalendar subscription URL, stored hashed.
ALTER TABLE users ADD COLUMN calendar_token_hash TEXT;
CREATE UNIQUE INDEX users_calendar_token ON users (calendar_token_hash) WHERE calendar_token_hash IS NOT NULL;
`,
  },
  {
    version: 6,
    name: 'management, floor plans, team days',
    sql: `
-- Retired locations and zones keep their history and drop out of every list.
ALTER TABLE locations ADD COLUMN active INTEGER NOT NULL DEFAULT 1;
ALTER TABLE zones ADD COLUMN active INTEGER NOT NULL DEFAULT 1;

-- A floor plan image per floor or zone; spaces are placed on it as fractions of its width and
-- height, so the plan scales to any screen. Images live in the database so a backup has them.
CREATE TABLE floor_plans (
  id INTEGER PRIMARY KEY,
  location_id INTEGER NOT NULL REFERENCES locations(id),
  zone_id INTEGER REFERENCES zones(id),
  floor INTEGER,
  name TEXT NOT NULL,
  mime TEXT NOT NULL CHECK (mime IN ('image/png','image/jpeg','image/webp')),
  image BLOB NOT NULL,
  created_at INTEGER NOT NULL
);
CREATE INDEX floor_plans_location ON floor_plans (location_id);
ALTER TABLE spaces ADD COLUMN plan_id INTEGER REFERENCES floor_plans(id);
ALTER TABLE spaces ADD COLUMN plan_x REAL CHECK (plan_x BETWEEN 0 AND 1);
ALTER TABLE spaces ADD COLUMN plan_y REAL CHECK (plan_y BETWEEN 0 AND 1);

-- A team's neighbourhood zone and its office days.
ALTER TABLE teams ADD COLUMN zone_id INTEGER REFERENCES zones(id);
CREATE TABLE team_days (
  team_id INTEGER NOT NULL REFERENCES teams(id),
  weekday TEXT NOT NULL CHECK (weekday IN ('mon','tue','wed','thu','fri')),
  PRIMARY KEY (team_id, weekday)
) WITHOUT ROWID;

-- A desk held for a team: a booked reservation in the name of the manager who made the block,
-- so the overlap rules keep everyone else off it, until a member claims it (it becomes theirs)
-- or the release time the day before passes (the sweep cancels it).
ALTER TABLE reservations ADD COLUMN hold_team_id INTEGER REFERENCES teams(id);
ALTER TABLE reservations ADD COLUMN hold_release_at INTEGER;
CREATE INDEX reservations_holds ON reservations (hold_release_at) WHERE hold_team_id IS NOT NULL;
`,
  },
  {
    version: 7,
    name: 'active reservations per person',
    sql: `
-- For the cap on reservations to come per person: only live ones, by when they end, with the
-- space so the count never reads the table.
CREATE INDEX reservations_user_active ON reservations (user_id, end_ms, space_id) WHERE state IN ('booked','checked_in') AND hold_team_id IS NULL;
`,
  },
  {
    version: 8,
    name: 'identity provider and second factor',
    sql: `
-- Time-based one-time passwords (RFC 6238) for local accounts that need a second factor.
ALTER TABLE users ADD COLUMN totp_secret TEXT;          -- base32; null until enrolled
ALTER TABLE users ADD COLUMN totp_last_step INTEGER;    -- the last time step used: a code works once
CREATE TABLE recovery_codes (
  user_id INTEGER NOT NULL REFERENCES users(id),
  code_hash TEXT NOT NULL,                              -- sha256 of a random code; the code is shown once
  used_at INTEGER,
  PRIMARY KEY (user_id, code_hash)
) WITHOUT ROWID;

-- Between the password and the second factor: a short-lived ticket, stored hashed.
CREATE TABLE login_tickets (
  hash TEXT PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  purpose TEXT NOT NULL CHECK (purpose IN ('code','enrol')),
  pending_secret TEXT,                                  -- the secret being enrolled
  attempts INTEGER NOT NULL DEFAULT 0,
  expires_at INTEGER NOT NULL
) WITHOUT ROWID;

-- A sign-in at the identity provider in progress: state (hashed), nonce and PKCE verifier.
CREATE TABLE oidc_logins (
  state_hash TEXT PRIMARY KEY,
  nonce TEXT NOT NULL,
  verifier TEXT NOT NULL,
  created_at INTEGER NOT NULL
) WITHOUT ROWID;

ALTER TABLE sessions ADD COLUMN via TEXT NOT NULL DEFAULT 'password'; -- 'password' or 'oidc'
`,
  },
  {
    version: 9,
    name: 'fewer indexes on the create path',
    sql: `
-- Every index is one more page written per reservation; the per-person count reads the few
-- rows of the last day and ahead through reservations_user instead.
DROP INDEX IF EXISTS reservations_user_active;
`,
  },
  {
    version: 10,
    name: 'guests on site today',
    sql: `
-- The emergency list and reception's day read present guests by arrival; only a handful are
-- present at a time, so this partial index stays tiny however many guests a location had.
CREATE INDEX guests_present ON guests (location_id, arrived_at) WHERE state = 'present';
`,
  },
  {
    version: 11,
    name: 'occupancy per day',
    sql: occupancyDaysSql(),
  },
  {
    version: 12,
    name: 'mail outbox',
    sql: `
-- What a person's mail is written in, and which mail they want (Settings).
ALTER TABLE users ADD COLUMN language TEXT NOT NULL DEFAULT 'nl' CHECK (language IN ('nl','en'));
ALTER TABLE users ADD COLUMN mail_confirmations INTEGER NOT NULL DEFAULT 1;
ALTER TABLE users ADD COLUMN mail_reminders INTEGER NOT NULL DEFAULT 1;
-- Where the guest's invitation goes; purged with the guest's other data (trigger below).
ALTER TABLE guests ADD COLUMN email TEXT;

-- Mail to send, written in the same transaction as the change it tells about, sent by a job.
-- message_id is fixed when queued: a resend after a crash between the relay's acceptance and
-- marking the row sent carries the same Message-ID, so the duplicate is recognisable.
CREATE TABLE mail_outbox (
  id INTEGER PRIMARY KEY,
  kind TEXT NOT NULL,
  recipient TEXT NOT NULL,
  message_id TEXT NOT NULL UNIQUE,
  message TEXT NOT NULL,                  -- JSON: subject, text, html, calendar part, attachments
  dedupe_key TEXT UNIQUE,                 -- e.g. reminder:42: queued once, whatever runs twice
  guest_id INTEGER,                       -- mail holding a guest's data goes with it
  state TEXT NOT NULL DEFAULT 'queued' CHECK (state IN ('queued','sent','failed')),
  attempts INTEGER NOT NULL DEFAULT 0,
  next_attempt_at INTEGER NOT NULL,
  last_attempt_at INTEGER,
  last_error TEXT,
  created_at INTEGER NOT NULL,
  sent_at INTEGER
);
CREATE INDEX mail_outbox_due ON mail_outbox (next_attempt_at) WHERE state = 'queued';
CREATE INDEX mail_outbox_errors ON mail_outbox (last_attempt_at) WHERE last_error IS NOT NULL;
CREATE INDEX mail_outbox_sent ON mail_outbox (sent_at) WHERE state = 'sent';

-- Whatever code anonymises a guest, their address and the mail about them go in the same transaction.
CREATE TRIGGER mail_forget_guest AFTER UPDATE OF anonymised_at ON guests
WHEN NEW.anonymised_at IS NOT NULL AND OLD.anonymised_at IS NULL
BEGIN
  DELETE FROM mail_outbox WHERE guest_id = NEW.id;
  UPDATE guests SET email = NULL WHERE id = NEW.id;
END;
`,
  },
  {
    version: 13,
    name: 'reservation series',
    sql: `
-- "Every Tuesday and Thursday until 31 March": what the person asked for, once. Each date's
-- outcome is a row of its own, so the answer (and the job that books dates coming within
-- daysAhead later) can say per date what happened and why.
CREATE TABLE reservation_series (
  id INTEGER PRIMARY KEY,
  user_id INTEGER NOT NULL REFERENCES users(id),
  space_id INTEGER NOT NULL REFERENCES spaces(id),
  weekdays TEXT NOT NULL,             -- 'tue,thu'
  first_date TEXT NOT NULL,
  last_date TEXT NOT NULL,
  part TEXT CHECK (part IN ('morning','afternoon','day')),
  start_time TEXT,                    -- HH:MM local, with end_time, when not a day-part
  end_time TEXT,
  created_at INTEGER NOT NULL,
  CHECK ((part IS NULL) <> (start_time IS NULL AND end_time IS NULL)),
  CHECK (first_date <= last_date)
);
CREATE INDEX reservation_series_user ON reservation_series (user_id);

CREATE TABLE series_occurrences (
  series_id INTEGER NOT NULL REFERENCES reservation_series(id),
  date TEXT NOT NULL,
  -- created: reservation_id holds it; refused: code says why; pending: beyond daysAhead, the
  -- job books it once it comes within reach; cancelled: taken out of the series by the person.
  status TEXT NOT NULL CHECK (status IN ('created','refused','pending','cancelled')),
  reservation_id INTEGER REFERENCES reservations(id),
  code TEXT,
  PRIMARY KEY (series_id, date)
) WITHOUT ROWID;
-- The job reads only what is still waiting: a tiny partial index however many series there were.
CREATE INDEX series_occurrences_pending ON series_occurrences (date) WHERE status = 'pending';
`,
  },
  {
    version: 14,
    name: 'audit log by actor',
    sql: `
-- The admin's audit-log viewer filters by actor and action, and the user list shows each
-- person's last sign-in (their latest auth.login): both read this index, not the whole log.
CREATE INDEX audit_log_actor ON audit_log (actor, action, at);
CREATE INDEX audit_log_action ON audit_log (action, at);
`,
  },
  {
    version: 15,
    name: 'favourite spaces',
    sql: `
-- The spaces a person starred: listed first on the reservation screen as "my usual".
CREATE TABLE favourites (
  user_id INTEGER NOT NULL REFERENCES users(id),
  space_id INTEGER NOT NULL REFERENCES spaces(id),
  created_at INTEGER NOT NULL,
  PRIMARY KEY (user_id, space_id)
) WITHOUT ROWID;
`,
  },
  {
    version: 16,
    name: 'occupancy into the evening',
    // The report's hours ran to 18:30, so evening check-ins vanished from it: the aggregate is
    // rebuilt with h0..h15 (07:30 .. 22:30), triggers and history alike, in this one migration.
    sql: `
DROP TRIGGER occupancy_insert;
DROP TRIGGER occupancy_update;
DROP TRIGGER occupancy_delete;
DROP TRIGGER occupancy_space_moved;
DROP TABLE occupancy_days;
${occupancyDaysSql(16)}`,
  },
  {
    version: 17,
    name: 'location address',
    sql: `
-- Where a location is, for a guest's invitation ("Markt 1, 6131 EK Sittard").
ALTER TABLE locations ADD COLUMN address TEXT;
`,
  },
  {
    version: 18,
    name: 'occupancy per space and day',
    // The report's use per room summed every use of every room over the range (about 50 ms for
    // a year at 1M reservations, more than the rest of the report): kept per space and day now.
    sql: occupancySpaceDaysSql(),
  },
];

/**
 * Version 18: per space and local day (in its location's zone), the counts and times the
 * report's room table needs, kept by triggers like occupancy_days and built here for the
 * history already there. The report reads a room's days instead of its uses; who is behind the
 * figures is still asked of the reservations, stopping at the fifth person.
 */
function occupancySpaceDaysSql(): string {
  const columns = 'space_id, day, reservations, booked_ms, used_ms, checked_in, no_shows';
  const used = (x: string) => `CASE WHEN ${x}.checked_in_at IS NULL THEN 0 ELSE max(0, min(coalesce(${x}.ended_at, ${x}.end_ms), ${x}.end_ms) - ${x}.checked_in_at) END`;
  const upsert = `ON CONFLICT (space_id, day) DO UPDATE SET ${columns
    .split(', ')
    .slice(2)
    .map((c) => `${c} = ${c} + excluded.${c}`)
    .join(', ')}`;
  // One use's contribution (sign 1 or -1) from the row `x`.
  const one = (x: 'NEW' | 'OLD', sign: string) => `
  INSERT INTO occupancy_space_days (${columns})
  SELECT ${x}.space_id, plek_local_day(${x}.start_ms, l.timezone), ${sign}, ${sign} * (${x}.end_ms - ${x}.start_ms), ${sign} * (${used(x)}), ${sign} * (${x}.checked_in_at IS NOT NULL), ${sign} * (${x}.state = 'no_show')
  FROM spaces s JOIN locations l ON l.id = s.location_id WHERE s.id = ${x}.space_id AND ${x}.state <> 'cancelled'
  ${upsert};`;
  // Every use of the spaces `where` picks, grouped by space and day.
  const many = (where: string) => `
  INSERT INTO occupancy_space_days (${columns})
  SELECT space_id, day, count(*), sum(booked), sum(used), count(checked_in_at), sum(no_show)
  FROM (SELECT r.space_id, plek_local_day(r.start_ms, l.timezone) AS day, r.end_ms - r.start_ms AS booked, ${used('r')} AS used, r.checked_in_at, r.state = 'no_show' AS no_show
        FROM reservations r JOIN spaces s ON s.id = r.space_id JOIN locations l ON l.id = s.location_id
        WHERE ${where} AND r.state <> 'cancelled' LIMIT -1)
  WHERE true
  GROUP BY space_id, day
  ${upsert};`;
  return `
CREATE TABLE occupancy_space_days (
  space_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  reservations INTEGER NOT NULL,
  booked_ms INTEGER NOT NULL,
  -- From check-in until the end or release.
  used_ms INTEGER NOT NULL,
  checked_in INTEGER NOT NULL,
  no_shows INTEGER NOT NULL,
  PRIMARY KEY (space_id, day)
) WITHOUT ROWID;

CREATE TRIGGER occupancy_space_insert AFTER INSERT ON reservations WHEN NEW.state <> 'cancelled'
BEGIN${one('NEW', '1')}
END;

CREATE TRIGGER occupancy_space_update AFTER UPDATE OF state, checked_in_at, ended_at, start_ms, end_ms, space_id ON reservations
BEGIN${one('OLD', '-1')}${one('NEW', '1')}
END;

CREATE TRIGGER occupancy_space_delete AFTER DELETE ON reservations
BEGIN${one('OLD', '-1')}
END;

-- A space moved to another location: its days are counted in that location's zone.
CREATE TRIGGER occupancy_space_relocated AFTER UPDATE OF location_id ON spaces WHEN OLD.location_id IS NOT NEW.location_id
BEGIN
  DELETE FROM occupancy_space_days WHERE space_id = NEW.id;${many('r.space_id = NEW.id')}
END;
${many('true')}
`;
}

/**
 * Version 11: the occupancy report's counts per location, local day, space kind and zone, kept
 * by triggers in the same transaction as every reservation change (whatever code makes it), and
 * built here for the history already there. A year's report sums about 2,000 rows instead of
 * reading every reservation; only who the figures come from (the minimum group size) is still
 * asked of the reservations. The local day and the report hours come from SQL functions
 * (server/db/sql-functions.ts) that convert time zones once per day, not per booking.
 */
function occupancyDaysSql(hourCount = 12): string {
  const hours = Array.from({ length: hourCount }, (_, i) => `h${i}`);
  const counts = ['reservations', 'checked_in', 'no_shows', ...hours];
  // One use's contribution (sign 1 or -1) from the row `x` as the space is now.
  const one = (x: 'NEW' | 'OLD', sign: string) => `
  INSERT INTO occupancy_days (location_id, day, kind, zone_id, ${counts.join(', ')})
  SELECT location_id, day, kind, zone_id, ${sign}, ${sign} * (${x}.checked_in_at IS NOT NULL), ${sign} * (${x}.state = 'no_show'), ${hours.map((_, i) => `${sign} * ((m >> ${i}) & 1)`).join(', ')}
  FROM (SELECT s.location_id, plek_local_day(${x}.start_ms, l.timezone) AS day, s.kind, coalesce(s.zone_id, 0) AS zone_id,
          plek_present_hours(${x}.start_ms, ${x}.checked_in_at, min(coalesce(${x}.ended_at, ${x}.end_ms), ${x}.end_ms), l.timezone) AS m
        FROM spaces s JOIN locations l ON l.id = s.location_id WHERE s.id = ${x}.space_id AND ${x}.state <> 'cancelled' LIMIT -1)
  WHERE true
  ${upsert};`;
  const upsert = `ON CONFLICT (location_id, day, kind, zone_id) DO UPDATE SET ${counts.map((c) => `${c} = ${c} + excluded.${c}`).join(', ')}`;
  // Many uses at once, grouped: `where` picks the reservations; `loc`, `kind` and `zone` say where they count.
  const many = (where: string, loc: string, kind: string, zone: string, sign: string) => `
  INSERT INTO occupancy_days (location_id, day, kind, zone_id, ${counts.join(', ')})
  SELECT location_id, day, kind, zone_id, ${sign} * count(*), ${sign} * count(checked_in_at), ${sign} * sum(state = 'no_show'), ${hours.map((_, i) => `${sign} * sum((m >> ${i}) & 1)`).join(', ')}
  FROM (SELECT ${loc} AS location_id, plek_local_day(r.start_ms, l.timezone) AS day, ${kind} AS kind, ${zone} AS zone_id, r.checked_in_at, r.state,
          plek_present_hours(r.start_ms, r.checked_in_at, min(coalesce(r.ended_at, r.end_ms), r.end_ms), l.timezone) AS m
        FROM reservations r JOIN spaces s ON s.id = r.space_id JOIN locations l ON l.id = ${loc}
        WHERE ${where} AND r.state <> 'cancelled' LIMIT -1)
  WHERE true
  GROUP BY location_id, day, kind, zone_id
  ${upsert};`;
  return `
-- Counts of the non-cancelled reservations starting on a local day, by where they are now:
-- zone_id 0 for spaces without a zone (a primary key cannot hold NULL as one value). h0..h${hourCount - 1}
-- count the uses present at 07:30 .. ${7 + hourCount - 1}:30, the report's hours.
CREATE TABLE occupancy_days (
  location_id INTEGER NOT NULL,
  day TEXT NOT NULL,
  kind TEXT NOT NULL,
  zone_id INTEGER NOT NULL,
  ${counts.map((c) => `${c} INTEGER NOT NULL`).join(',\n  ')},
  PRIMARY KEY (location_id, day, kind, zone_id)
) WITHOUT ROWID;

CREATE TRIGGER occupancy_insert AFTER INSERT ON reservations WHEN NEW.state <> 'cancelled'
BEGIN${one('NEW', '1')}
END;

CREATE TRIGGER occupancy_update AFTER UPDATE OF state, checked_in_at, ended_at, start_ms, end_ms, space_id ON reservations
BEGIN${one('OLD', '-1')}${one('NEW', '1')}
END;

CREATE TRIGGER occupancy_delete AFTER DELETE ON reservations
BEGIN${one('OLD', '-1')}
END;

-- A space moved to another zone or made another kind: its whole history counts there now, as
-- the report always counted a use by the space's current kind and zone.
CREATE TRIGGER occupancy_space_moved AFTER UPDATE OF location_id, kind, zone_id ON spaces
WHEN OLD.location_id IS NOT NEW.location_id OR OLD.kind IS NOT NEW.kind OR OLD.zone_id IS NOT NEW.zone_id
BEGIN${many('r.space_id = NEW.id', 'OLD.location_id', 'OLD.kind', 'coalesce(OLD.zone_id, 0)', '-1')}${many('r.space_id = NEW.id', 'NEW.location_id', 'NEW.kind', 'coalesce(NEW.zone_id, 0)', '1')}
END;
${many('true', 's.location_id', 's.kind', 'coalesce(s.zone_id, 0)', '1')}
`;
}
