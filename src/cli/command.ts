import type { AppServices } from '../main/services/compose'
import type { PortalSummary } from '../../src/shared/domain/portal'
import type { RequestChannel, RequestInput, RequestOutput } from '../../src/shared/ipc/contract'
import type { FlagKind, ParsedArgs } from './args'
import type { Text } from './i18n'

export interface CliIo {
  stdout: NodeJS.WritableStream
  stderr: NodeJS.WritableStream
  env: NodeJS.ProcessEnv
  /** Where `-` secrets are read from; absent means nothing can be read (a secret given as `-` is then a usage error). */
  stdin?: NodeJS.ReadableStream
}

export interface CliContext {
  io: CliIo
  /** --json: one JSON document on stdout, nothing else there. */
  json: boolean
  dataDir: string
  /** The app's services on the data directory, created on first use and closed after the command. */
  services(): Promise<AppServices>
  /**
   * Calls a service the way the window does: the input is checked against the contract first (its
   * limits apply here too), then the channel's handler runs. Input the contract refuses ends the
   * command as a usage error naming the option (CliCommand.inputOptions), before anything is opened.
   */
  invoke<C extends RequestChannel>(
    channel: C,
    ...input: RequestInput<C> extends undefined ? [] : [RequestInput<C>]
  ): Promise<RequestOutput<C>>
  /** Prints `data` as JSON with --json, otherwise the human text. */
  print(data: unknown, human: string | (() => string)): void
  /** A warning for people, on stderr (never mixed into --json output). */
  warn(message: string): void
  /**
   * Asks before something destructive: true with --yes, or when the person at the terminal answers
   * yes; without a terminal to ask on, says that --yes is needed and answers false.
   */
  confirm(question: string, yes: boolean): Promise<boolean>
  /**
   * Writes an export to FILE (`--out FILE`), or to standard output when none is given. A folder that
   * does not exist is a clear error, not ENOENT.
   */
  output(content: string, file: string | undefined, opts?: { mode?: number; quiet?: boolean }): void
  portalByName(name: string): Promise<PortalSummary>
  /**
   * Throws KEYCHAIN_UNAVAILABLE unless the OS keychain answers. Touches nothing on disk, so a
   * command that stores secrets can refuse before services() creates the data folder and database.
   */
  assertKeychain(): Promise<void>
}

/**
 * One command of the command line. Modules export arrays of these and src/cli/commands/index.ts
 * lists the modules; a new area adds one module and one line there.
 */
export interface CliCommand {
  /** One or two words: "portal add", "sites". */
  name: string
  /** One line for "b24desk help", in both languages. */
  summary: Text
  /** Options line shown in help, e.g. "--portal NAME [--site ID]": syntax only, explanations go in details. */
  usage: Text
  /** More text for "b24desk <command> --help", after the summary. */
  details?: Text
  flags?: Record<string, FlagKind>
  /**
   * Which option sets each field of the contract's input (`'meta.color': '--color'`; a field covers
   * what lies under it), so a value the contract refuses is named as the person typed it.
   */
  inputOptions?: Record<string, string>
  /** Start draining the outbox while this command runs (the desktop app normally does it). */
  runOutbox?: boolean
  /** How long closing waits for outbox requests still in flight (default: the outbox's own). */
  closeGraceMs?: number
  /** Returns the exit code; 0 when omitted. Throw UsageError for bad arguments, AppError for failures. */
  run(args: ParsedArgs, ctx: CliContext): Promise<number | void>
}
