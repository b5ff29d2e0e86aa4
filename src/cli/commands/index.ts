import type { CliCommand } from '../command'
import { docsCommand } from './docs'
import { foldersCommand } from './folders'
import { pagesCommand } from './pages'
import { sitesCommand } from './sites'
import { changesCommand } from './changes'
import { changesAcceptCommand } from './changes-accept'
import { changesRestoreCommand } from './changes-restore'
import { diagnosticsCommands } from './diagnostics'
import { jobCommand } from './job'
import { jobsCommand } from './jobs'
import { linkCommand } from './link'
import { portalAddCommand } from './portal-add'
import { portalListCommand } from './portal-list'
import { portalCheckCommand } from './portal-check'
import { portalExportCommand } from './portal-export'
import { portalImportCommand } from './portal-import'
import { portalCredentialsCommand } from './portal-credentials'
import { portalSetCommand } from './portal-set'
import { portalRemoveCommand } from './portal-remove'
import { publishCommand, unpublishCommand } from './publish'
import { queueCommand } from './queue'
import { runCommand } from './run'
import { watchCommand } from './watch'
import { snapshotTakeCommand } from './snapshot-take'
import { snapshotListCommand } from './snapshot-list'
import { snapshotDiffCommand } from './snapshot-diff'
import { snapshotExportCommand } from './snapshot-export'
import { snapshotRestoreCommand } from './snapshot-restore'
import { snapshotDeleteCommand } from './snapshot-delete'
import { maintenanceStartCommand } from './maintenance-start'
import { maintenanceEndCommand } from './maintenance-end'
import { workspaceCommands } from './workspace'

/**
 * Every command of the command line, in the order help lists them. One file per command (its texts
 * in a `.messages.ts` beside it); a new command adds its file and one line here.
 */
export const commands: CliCommand[] = [
  portalAddCommand,
  portalListCommand,
  portalCheckCommand,
  portalExportCommand,
  portalImportCommand,
  portalCredentialsCommand,
  portalSetCommand,
  portalRemoveCommand,
  sitesCommand,
  pagesCommand,
  foldersCommand,
  docsCommand,
  publishCommand,
  unpublishCommand,
  linkCommand,
  queueCommand,
  jobsCommand,
  jobCommand,
  runCommand,
  snapshotTakeCommand,
  snapshotListCommand,
  snapshotDiffCommand,
  snapshotExportCommand,
  snapshotRestoreCommand,
  snapshotDeleteCommand,
  maintenanceStartCommand,
  maintenanceEndCommand,
  watchCommand,
  changesCommand,
  changesAcceptCommand,
  changesRestoreCommand,
  ...workspaceCommands,
  ...diagnosticsCommands
]
