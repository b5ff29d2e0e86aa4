import type { CliCommand } from '../command'
import { catalogCommands } from './catalog'
import { diagnosticsCommands } from './diagnostics'
import { outboxCommands } from './outbox'
import { portalCommands } from './portal'
import { snapshotCommands } from './snapshot'
import { workspaceCommands } from './workspace'

/** Every command of the command line; an area adds its module here, one line each. */
export const commands: CliCommand[] = [
  ...portalCommands,
  ...catalogCommands,
  ...outboxCommands,
  ...snapshotCommands,
  ...workspaceCommands,
  ...diagnosticsCommands
]
