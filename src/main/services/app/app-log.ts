import { redactSecrets } from '../bitrix/redact'

export type LogLevel = 'info' | 'warn' | 'error'

export interface AppLog {
  info(line: string): void
  warn(line: string): void
  error(line: string): void
}

/**
 * The desktop app's own log. Every line passes the same redaction as the command line's output
 * (webhook codes, tokens, secrets), because log lines quote URLs and portal answers and end up in
 * terminals, support tickets and crash reports.
 */
export const createAppLog = (write: (level: LogLevel, line: string) => void): AppLog => ({
  info: (line) => write('info', redactSecrets(line)),
  warn: (line) => write('warn', redactSecrets(line)),
  error: (line) => write('error', redactSecrets(line))
})

/** One line for a promise nobody handled: what it was and where, never a secret it quoted. */
export const describeUnhandledRejection = (reason: unknown): string => {
  const text =
    reason instanceof Error ? (reason.stack ?? `${reason.name}: ${reason.message}`) : safeString(reason)
  return redactSecrets(`Unhandled promise rejection: ${text}`)
}

/** One line for an exception nobody caught: its stack, never a secret it quoted. */
export const describeUncaughtException = (err: unknown): string => {
  const text = err instanceof Error ? (err.stack ?? `${err.name}: ${err.message}`) : safeString(err)
  return redactSecrets(`Uncaught exception: ${text}`)
}

/** What a person is shown for an exception nobody caught: its message only (no stack), redacted and short. */
export const uncaughtExceptionMessage = (err: unknown): string => {
  const text = err instanceof Error ? `${err.name}: ${err.message}` : safeString(err)
  return redactSecrets(text).slice(0, 500)
}

/**
 * Replaces the runtime's own report of an uncaught exception (Electron's dialog and Node's stderr
 * print the raw stack, tokens included): the log gets the redacted stack, the person the redacted
 * message.
 */
export const reportUncaughtException = (
  err: unknown,
  to: { log: Pick<AppLog, 'error'>; show: (message: string) => void }
): void => {
  to.log.error(describeUncaughtException(err))
  try {
    to.show(uncaughtExceptionMessage(err))
  } catch {
    // Showing failed (no display yet); the log line stands.
  }
}

const safeString = (value: unknown): string => {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  } catch {
    return String(value)
  }
}
