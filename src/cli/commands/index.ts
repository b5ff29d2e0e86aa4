import type { CliCommand } from '../command'
import { catalogCommands } from './catalog'
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
import { snapshotCommands } from './snapshot'

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
  ...catalogCommands,
  publishCommand,
  unpublishCommand,
  linkCommand,
  queueCommand,
  jobsCommand,
  jobCommand,
  runCommand,
  ...snapshotCommands
]
