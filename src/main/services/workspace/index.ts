/**
 * The team workspace on PostgreSQL (issue 21): connection and TLS, versioned migrations, roles and
 * row-level security, administration, the activity log. The stores (outbox, snapshots, portals)
 * move behind asynchronous repositories with a PostgreSQL engine separately.
 */
export { addGroup, addMember, readStatus, type WorkspaceStatus } from './admin'
export {
  describeConnectError,
  parseWorkspaceUrl,
  targetLabel,
  targetUrl,
  keychainAccount,
  type WorkspaceTarget
} from './connection'
export { LATEST_SCHEMA_VERSION, migrateWorkspace, schemaVersion } from './migrate'
export {
  initWorkspace,
  openWorkspace,
  readSavedWorkspace,
  saveWorkspace,
  type OpenedWorkspace
} from './session'
export type { ActivityEntry, ActivityInput, ActivityLog, ActivityQuery } from './activity/types'
export { createSqliteActivityLog } from './activity/sqlite'
export { createPgActivityLog } from './activity/pg'
export { formatActivity } from './activity/export'
