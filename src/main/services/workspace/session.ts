import { existsSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import type pg from 'pg'
import { AppError } from '../errors'
import { localize } from '../app/language'
import type { SecretStore } from '../portals'
import {
  connect,
  keychainAccount,
  parseWorkspaceUrl,
  targetLabel,
  targetUrl,
  type WorkspaceTarget
} from './connection'
import { LATEST_SCHEMA_VERSION, migrateWorkspace, schemaVersion, type MigrationResult } from './migrate'
import { messages } from './messages'

export interface OpenOptions {
  /** Given by the person now (standard input or B24DESK_WORKSPACE_PASSWORD); wins over the URL's and the keychain's. */
  password?: string | null
  caFile?: string
  secretStore: SecretStore
  timeoutSeconds?: number
}

export interface OpenedWorkspace {
  client: pg.Client
  target: WorkspaceTarget
  /** user@host:port/database, for messages. */
  where: string
  /** Things the person should know that did not stop the command (a password not saved…). */
  warnings: string[]
}

/**
 * Connects to a team workspace with the password from, in this order: what the person gave now,
 * the URL, the keychain. A password given now or in the URL that the server accepted is kept in the
 * keychain (account "workspace:user@host:port/database"), so later commands and the app need only
 * the URL. A keychain that cannot be reached costs the saving, not the command.
 */
export const openWorkspace = async (url: string, opts: OpenOptions): Promise<OpenedWorkspace> => {
  const { target, password: inUrl } = parseWorkspaceUrl(url, { caFile: opts.caFile })
  const account = keychainAccount(target)
  const warnings: string[] = []
  const given = opts.password || inUrl || null
  let stored: string | null = null
  if (!given) stored = await opts.secretStore.get(account).catch(() => null)
  const client = await connect(target, { password: given ?? stored, timeoutSeconds: opts.timeoutSeconds })
  if (given && given !== stored) {
    try {
      await opts.secretStore.set(account, given)
    } catch (err) {
      warnings.push(
        localize(messages.passwordNotSaved, {
          reason: err instanceof Error ? err.message : String(err)
        })
      )
    }
  }
  return { client, target, where: targetLabel(target), warnings }
}

export interface InitResult extends MigrationResult {
  where: string
  url: string
}

/** `workspace init`: creates the schema or brings it up to date; running it again changes nothing. */
export const initWorkspace = async (ws: OpenedWorkspace): Promise<InitResult> => {
  const found = (await schemaVersion(ws.client).catch(() => 0)) ?? 0
  if (found > LATEST_SCHEMA_VERSION)
    throw new AppError(
      'WORKSPACE_SCHEMA_NEWER',
      localize(messages.schemaNewer, { where: ws.where, found, known: LATEST_SCHEMA_VERSION }),
      { category: 'permanent' }
    )
  try {
    return { ...(await migrateWorkspace(ws.client)), where: ws.where, url: targetUrl(ws.target) }
  } catch (err) {
    const e = err as { code?: string; message?: string }
    // 42501 insufficient privilege; 42P04/42710 belong to a schema or role someone else owns.
    if (e.code === '42501' || e.code === '42P04')
      throw new AppError(
        'WORKSPACE_INIT_NOT_PERMITTED',
        localize(messages.initNotPermitted, {
          user: ws.target.user,
          where: ws.where,
          reason: e.message ?? ''
        }),
        { category: 'permanent', cause: err }
      )
    throw err
  }
}

/** Where this installation keeps the team workspace it is connected to (written by `workspace connect`). */
export const WORKSPACE_FILE = 'workspace.json'

export interface SavedWorkspace {
  /** The URL without a password (the password is in the keychain). */
  url: string
}

/** The team workspace this installation is connected to, or null for the local (SQLite) workspace. */
export const readSavedWorkspace = (dataDir: string): SavedWorkspace | null => {
  const file = join(dataDir, WORKSPACE_FILE)
  if (!existsSync(file)) return null
  try {
    const v = JSON.parse(readFileSync(file, 'utf8')) as { url?: unknown }
    return typeof v.url === 'string' && v.url ? { url: v.url } : null
  } catch {
    return null
  }
}

/** Records the team workspace for this installation; the URL is saved without its password. */
export const saveWorkspace = (dataDir: string, target: WorkspaceTarget): void => {
  writeFileSync(join(dataDir, WORKSPACE_FILE), `${JSON.stringify({ url: targetUrl(target) }, null, 2)}\n`, {
    mode: 0o600
  })
}
