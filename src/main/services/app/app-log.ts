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

const safeString = (value: unknown): string => {
  try {
    return typeof value === 'string' ? value : (JSON.stringify(value) ?? String(value))
  } catch {
    return String(value)
  }
}
