import type { Migration } from '../db/database'

/**
 * The outbox tables. Operations keep their whole life in one row (state, attempts, last error), so a
 * crash between two commits can only leave an operation in the state of the last commit.
 */
export const outboxMigrations: readonly Migration[] = [
  {
    version: 1,
    sql: `
CREATE TABLE outbox_jobs (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  title TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  finished_at INTEGER,
  paused INTEGER NOT NULL DEFAULT 0,
  total INTEGER NOT NULL
);
CREATE TABLE outbox_operations (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES outbox_jobs(id) ON DELETE CASCADE,
  portal_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  scope TEXT NOT NULL,
  action TEXT NOT NULL,
  label TEXT,
  state TEXT NOT NULL,
  attempts INTEGER NOT NULL DEFAULT 0,
  not_before INTEGER NOT NULL DEFAULT 0,
  error_code TEXT,
  error_message TEXT,
  error_category TEXT,
  superseded_by INTEGER,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL
);
CREATE INDEX outbox_ops_lane ON outbox_operations (portal_id, state, id);
CREATE INDEX outbox_ops_job ON outbox_operations (job_id, state);
CREATE INDEX outbox_ops_target ON outbox_operations (portal_id, kind, target_id, state);
CREATE INDEX outbox_ops_state ON outbox_operations (state);
CREATE TABLE outbox_lanes (
  portal_id TEXT PRIMARY KEY,
  paused INTEGER NOT NULL DEFAULT 0,
  state TEXT NOT NULL DEFAULT 'idle',
  reason TEXT,
  next_attempt_at INTEGER,
  updated_at INTEGER NOT NULL
);
CREATE TABLE outbox_runner (
  id INTEGER PRIMARY KEY CHECK (id = 1),
  pid INTEGER NOT NULL,
  host TEXT NOT NULL,
  token TEXT NOT NULL,
  started_at INTEGER NOT NULL,
  heartbeat_at INTEGER NOT NULL
);`
  },
  {
    version: 2,
    // The operating-time budget per portal and method (see SavedMethodBudget): a few minutes' worth
    // of folded spends, so a restart does not forget what the portal still counts.
    sql: `
CREATE TABLE outbox_budget (
  portal_id TEXT NOT NULL,
  method TEXT NOT NULL,
  state TEXT NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (portal_id, method)
);`
  },
  {
    version: 3,
    // claimed_by: the runner lock token that claimed an operation (issue 11, fencing): only that
    // runner's outcomes count, so a runner presumed dead cannot complete work another one took over.
    // sealed/loading_*: a job is recorded in chunks (no single write transaction for 100,000
    // intents); its operations are not sent until the last chunk is in (see OutboxStore.enqueue).
    // The lane's requests in flight, its window, the portal's ceiling and why the window was last
    // lowered are kept with the lane so another process (the command line) can show them.
    sql: `
ALTER TABLE outbox_operations ADD COLUMN claimed_by TEXT;
ALTER TABLE outbox_jobs ADD COLUMN sealed INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outbox_jobs ADD COLUMN loading_pid INTEGER;
ALTER TABLE outbox_jobs ADD COLUMN loading_host TEXT;
ALTER TABLE outbox_lanes ADD COLUMN in_flight INTEGER NOT NULL DEFAULT 0;
ALTER TABLE outbox_lanes ADD COLUMN window_size INTEGER NOT NULL DEFAULT 1;
ALTER TABLE outbox_lanes ADD COLUMN ceiling INTEGER;
ALTER TABLE outbox_lanes ADD COLUMN lowered TEXT;`
  },
  {
    version: 4,
    // What the read-back found changed beyond a job's selection (changes-store.ts): one row per job
    // and object, the state before and the latest state read.
    sql: `
CREATE TABLE outbox_job_changes (
  id INTEGER PRIMARY KEY AUTOINCREMENT,
  job_id INTEGER NOT NULL REFERENCES outbox_jobs(id) ON DELETE CASCADE,
  portal_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  target_id INTEGER NOT NULL,
  title TEXT NOT NULL,
  scope TEXT NOT NULL,
  before INTEGER,
  after INTEGER NOT NULL,
  at INTEGER NOT NULL,
  UNIQUE (job_id, portal_id, kind, target_id)
);`
  },
  {
    version: 5,
    // Scheduled jobs (issue 13): start_at as the person gave it (ISO 8601 with offset); due_at when
    // the job's intents take effect (its start time, or when it was queued), which decides which of
    // two intents on one target wins; started_at/late_by_ms when a scheduled job started, and how
    // late. phase orders a restore: an operation is not sent while one of a lower phase of the same
    // job and portal is pending. restore_*: what the restore's read-back found.
    sql: `
ALTER TABLE outbox_jobs ADD COLUMN start_at TEXT;
ALTER TABLE outbox_jobs ADD COLUMN due_at INTEGER;
ALTER TABLE outbox_jobs ADD COLUMN started_at INTEGER;
ALTER TABLE outbox_jobs ADD COLUMN late_by_ms INTEGER;
ALTER TABLE outbox_jobs ADD COLUMN restore_snapshot_id INTEGER;
ALTER TABLE outbox_jobs ADD COLUMN restore_matches INTEGER;
ALTER TABLE outbox_jobs ADD COLUMN restore_differences INTEGER;
UPDATE outbox_jobs SET due_at = created_at;
CREATE INDEX outbox_jobs_waiting ON outbox_jobs (due_at) WHERE start_at IS NOT NULL AND started_at IS NULL;
ALTER TABLE outbox_operations ADD COLUMN phase INTEGER NOT NULL DEFAULT 0;
CREATE INDEX outbox_ops_phase ON outbox_operations (job_id, portal_id, state, phase);`
  },
  {
    version: 6,
    // Hardening (issue 17): max_late_ms, how late a scheduled job may still start (null: the
    // default); missed_at, when it was found past that and held instead. recheck: an operation a
    // runner left `sending` and another took over; it is read back before it is sent again.
    sql: `
ALTER TABLE outbox_jobs ADD COLUMN max_late_ms INTEGER;
ALTER TABLE outbox_jobs ADD COLUMN missed_at INTEGER;
ALTER TABLE outbox_operations ADD COLUMN recheck INTEGER NOT NULL DEFAULT 0;`
  },
  {
    version: 7,
    // Issue 17: who the portal was when the work was queued (portalIdentity: its member_id, or its
    // host while none is known). A lane does not send it to a portal that now answers as another.
    // Rows queued before this version have none and are sent as before.
    sql: `ALTER TABLE outbox_operations ADD COLUMN portal_identity TEXT;`
  }
]
