import type { CliCommand } from '../command'
import { catalogCommands } from './catalog'
import { jobCommand } from './job'
import { jobsCommand } from './jobs'
import { linkCommand } from './link'
import { portalCommands } from './portal'
import { publishCommand, unpublishCommand } from './publish'
import { queueCommand } from './queue'
import { runCommand } from './run'
import { snapshotCommands } from './snapshot'

/**
 * Every command of the command line, in the order help lists them. One file per command (its texts
 * in a `.messages.ts` beside it); a new command adds its file and one line here.
 */
export const commands: CliCommand[] = [
  ...portalCommands,
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
