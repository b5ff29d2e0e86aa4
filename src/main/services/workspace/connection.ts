import { readFileSync } from 'node:fs'
import { hostname, userInfo } from 'node:os'
import pg from 'pg'
import { AppError } from '../errors'
import { localize } from '../app/language'
import { messages } from './messages'

export type SslMode = 'disable' | 'require' | 'verify-ca' | 'verify-full'

/** Where a team workspace lives, without its password (safe to print and to save). */
export interface WorkspaceTarget {
  /** A host name or address, or the folder of a Unix socket (starts with "/"). */
  host: string
  port: number
  database: string
  user: string
  sslmode: SslMode
  /** PEM files: the CA that signed the server's certificate; a client certificate and its key. */
  caFile: string | null
  certFile: string | null
  keyFile: string | null
}

export interface ParsedWorkspaceUrl {
  target: WorkspaceTarget
  /** A password written into the URL (the caller moves it to the keychain and warns). */
  password: string | null
}

const KNOWN_PARAMS = new Set([
  'sslmode',
  'sslrootcert',
  'sslcert',
  'sslkey',
  'host',
  'port',
  'user',
  'dbname'
])

const invalidUrl = (reason: string): AppError =>
  new AppError('WORKSPACE_BAD_URL', localize(messages.badUrl, { reason }), { category: 'permanent' })

const isLoopback = (host: string): boolean =>
  host.startsWith('/') || host === 'localhost' || /^127\./.test(host) || host === '::1' || host === '[::1]'

/** Without sslmode: verify-full, except on this computer without a CA file (no TLS there). */
const defaultSslMode = (host: string, caFile: string | null | undefined): SslMode =>
  isLoopback(host) && !caFile ? 'disable' : 'verify-full'

/** A percent-encoded part of the URL; a malformed escape is kept as typed rather than failing. */
const decode = (s: string): string => {
  try {
    return decodeURIComponent(s)
  } catch {
    return s
  }
}

/**
 * A libpq-style URL: postgresql://USER[:PASSWORD]@HOST[:PORT]/DATABASE?sslmode=verify-full&sslrootcert=FILE.
 * A Unix socket is given as ?host=/run/postgresql. Without sslmode, a socket or loopback address
 * connects without TLS and any other host demands verify-full: a team database across a network is
 * never reached unverified by accident. sslmode=prefer/allow are refused (they fall back to plain text).
 */
export const parseWorkspaceUrl = (text: string, opts: { caFile?: string } = {}): ParsedWorkspaceUrl => {
  const raw = text.trim()
  if (!/^postgres(ql)?:\/\//i.test(raw))
    throw invalidUrl(localize(messages.urlScheme, { start: raw.split(':')[0].slice(0, 20) }))
  // The port is checked first: WHATWG URL only says "invalid URL" for a bad one.
  const authority = /^[a-z]+:\/\/([^/?#]*)/i.exec(raw)?.[1] ?? ''
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1)
  const portPart = /^(?:\[[^\]]*\]|[^:]*)(?::(.*))?$/.exec(hostPort)?.[1]
  if (
    portPart !== undefined &&
    portPart !== '' &&
    (!/^\d{1,5}$/.test(portPart) || Number(portPart) < 1 || Number(portPart) > 65535)
  )
    throw invalidUrl(localize(messages.urlBadPort, { port: portPart.slice(0, 20) }))
  let url: URL
  // An empty host (a Unix socket given as ?host=DIR) is not a URL to WHATWG: a placeholder stands in.
  const NO_HOST = 'no-host.invalid'
  const normalized = raw
    .replace(/^postgres(ql)?:/i, 'postgres:')
    .replace(/^(postgres:\/\/(?:[^/?#@]*@)?)(?=[:/?#]|$)/, `$1${NO_HOST}`)
  try {
    url = new URL(normalized)
  } catch {
    throw invalidUrl(localize(messages.urlUnparsable))
  }
  const urlHost = url.hostname === NO_HOST ? '' : decode(url.hostname)
  for (const key of url.searchParams.keys())
    if (!KNOWN_PARAMS.has(key)) throw invalidUrl(localize(messages.urlUnknownParam, { key }))
  const params = url.searchParams
  const host = params.get('host') || urlHost.replace(/^\[(.*)\]$/, '$1') || '/var/run/postgresql'
  const portText = params.get('port') || url.port || '5432'
  if (!/^\d{1,5}$/.test(portText) || Number(portText) < 1 || Number(portText) > 65535)
    throw invalidUrl(localize(messages.urlBadPort, { port: portText }))
  const user = params.get('user') || decode(url.username) || userInfo().username
  const database = params.get('dbname') || decode(url.pathname.replace(/^\//, '')) || user
  if (database.includes('/')) throw invalidUrl(localize(messages.urlBadDatabase, { database }))
  const caFile = opts.caFile ?? params.get('sslrootcert')
  const mode = params.get('sslmode') ?? defaultSslMode(host, caFile)
  if (mode !== 'disable' && mode !== 'require' && mode !== 'verify-ca' && mode !== 'verify-full')
    throw invalidUrl(localize(messages.urlBadSslMode, { mode }))
  if (caFile && mode === 'disable') throw invalidUrl(localize(messages.urlCaWithoutTls))
  return {
    target: {
      host,
      port: Number(portText),
      database,
      user,
      sslmode: mode,
      caFile: caFile || null,
      certFile: params.get('sslcert') || null,
      keyFile: params.get('sslkey') || null
    },
    password: url.password ? decode(url.password) : null
  }
}

/** user@host:port/database: how a workspace is named in messages and in the keychain (never a password). */
export const targetLabel = (t: WorkspaceTarget): string =>
  `${t.user}@${t.host.includes(':') && !t.host.startsWith('/') ? `[${t.host}]` : t.host}:${t.port}/${t.database}`

/** The URL again, without a password: what is saved and shown. */
export const targetUrl = (t: WorkspaceTarget): string => {
  const params = new URLSearchParams()
  const socket = t.host.startsWith('/')
  if (socket) params.set('host', t.host)
  if (t.sslmode !== defaultSslMode(t.host, t.caFile)) params.set('sslmode', t.sslmode)
  if (t.caFile) params.set('sslrootcert', t.caFile)
  if (t.certFile) params.set('sslcert', t.certFile)
  if (t.keyFile) params.set('sslkey', t.keyFile)
  const q = params.toString()
  const host = socket ? '' : t.host.includes(':') ? `[${t.host}]` : t.host
  return `postgresql://${encodeURIComponent(t.user)}@${host}:${t.port}/${encodeURIComponent(t.database)}${q ? `?${q}` : ''}`
}

/** The keychain account holding the workspace's password. */
export const keychainAccount = (t: WorkspaceTarget): string => `workspace:${targetLabel(t)}`

const readPem = (file: string, what: keyof typeof messages): string => {
  try {
    return readFileSync(file, 'utf8')
  } catch (err) {
    throw new AppError(
      'WORKSPACE_TLS_FILE',
      localize(messages.tlsFileUnreadable, {
        what: localize(messages[what]),
        file,
        reason: (err as NodeJS.ErrnoException).code ?? String(err)
      }),
      { category: 'permanent' }
    )
  }
}

/** This computer's name as other administrators see it in the activity log. */
export const workstationName = (): string =>
  hostname()
    .replace(/[^\w.-]/g, '_')
    .slice(0, 60) || 'unknown'

export interface ConnectOptions {
  password?: string | null
  /** Seconds to wait for the server; 10 unless said. */
  timeoutSeconds?: number
}

/** node-postgres settings for the target: TLS exactly as sslmode says, the workstation as application_name. */
export const clientConfig = (t: WorkspaceTarget, opts: ConnectOptions = {}): pg.ClientConfig => {
  let ssl: pg.ClientConfig['ssl'] = false
  if (t.sslmode !== 'disable') {
    const ca = t.caFile ? readPem(t.caFile, 'caFileWhat') : undefined
    const cert = t.certFile ? readPem(t.certFile, 'certFileWhat') : undefined
    const key = t.keyFile ? readPem(t.keyFile, 'keyFileWhat') : undefined
    ssl =
      t.sslmode === 'require'
        ? { rejectUnauthorized: false, cert, key }
        : t.sslmode === 'verify-ca'
          ? { rejectUnauthorized: true, ca, cert, key, checkServerIdentity: () => undefined }
          : // node-postgres sets the name to check (SNI) from the host itself, IP addresses included.
            { rejectUnauthorized: true, ca, cert, key }
  }
  return {
    host: t.host,
    port: t.port,
    database: t.database,
    user: t.user,
    // Always ours (the keychain, the URL, standard input): never PGPASSWORD from the environment.
    password: () => opts.password ?? '',
    ssl,
    connectionTimeoutMillis: (opts.timeoutSeconds ?? 10) * 1000,
    application_name: `b24desk@${workstationName()}`
  }
}

const TLS_CODES = new Set([
  'SELF_SIGNED_CERT_IN_CHAIN',
  'DEPTH_ZERO_SELF_SIGNED_CERT',
  'UNABLE_TO_VERIFY_LEAF_SIGNATURE',
  'UNABLE_TO_GET_ISSUER_CERT_LOCALLY',
  'UNABLE_TO_GET_ISSUER_CERT',
  'CERT_HAS_EXPIRED',
  'CERT_NOT_YET_VALID',
  'ERR_TLS_CERT_ALTNAME_INVALID',
  'CERT_SIGNATURE_FAILURE'
])

/**
 * What went wrong reaching the workspace, as something a person can fix: which setting to change,
 * named with user@host:port/database. Never includes the password (node-postgres does not put it
 * in its errors, and the label is built without it).
 */
export const describeConnectError = (err: unknown, t: WorkspaceTarget, hadPassword: boolean): AppError => {
  if (err instanceof AppError) return err
  const e = err as { code?: string; message?: string }
  const code = e.code ?? ''
  const message = String(e.message ?? err)
  const where = targetLabel(t)
  const vars = { where, user: t.user, host: t.host, port: t.port, database: t.database }
  const fail = (c: string, text: string, category: 'permanent' | 'transient' = 'permanent') =>
    new AppError(c, text, { category, cause: err, details: { code } })
  if (code === '28P01' || (!hadPassword && /client password must be|no password/i.test(message)))
    return fail(
      'WORKSPACE_AUTH_FAILED',
      localize(hadPassword ? messages.wrongPassword : messages.passwordNeeded, vars)
    )
  if (code === '28000')
    return fail('WORKSPACE_NOT_ALLOWED', localize(messages.notAllowed, { ...vars, reason: message }))
  if (code === '3D000') return fail('WORKSPACE_NO_DATABASE', localize(messages.noDatabase, vars))
  if (code === 'ECONNREFUSED')
    return fail('WORKSPACE_UNREACHABLE', localize(messages.refused, vars), 'transient')
  if (code === 'ENOENT' && t.host.startsWith('/'))
    return fail('WORKSPACE_UNREACHABLE', localize(messages.noSocket, vars), 'transient')
  if (code === 'ENOTFOUND' || code === 'EAI_AGAIN')
    return fail('WORKSPACE_UNREACHABLE', localize(messages.unknownHost, vars), 'transient')
  if (code === 'ETIMEDOUT' || code === 'EHOSTUNREACH' || code === 'ENETUNREACH' || /timeout/i.test(message))
    return fail('WORKSPACE_UNREACHABLE', localize(messages.timedOut, vars), 'transient')
  if (/does not support SSL/i.test(message))
    return fail('WORKSPACE_TLS', localize(messages.serverWithoutTls, vars))
  if (TLS_CODES.has(code) || /certificate/i.test(message))
    return fail(
      'WORKSPACE_TLS',
      localize(t.caFile ? messages.certRejectedWithCa : messages.certRejected, {
        ...vars,
        reason: message,
        ca: t.caFile ?? ''
      })
    )
  if (/pg_hba\.conf/.test(message))
    return fail('WORKSPACE_NOT_ALLOWED', localize(messages.notAllowed, { ...vars, reason: message }))
  return fail(
    'WORKSPACE_CONNECT_FAILED',
    localize(messages.connectFailed, { ...vars, reason: message }),
    'transient'
  )
}

/** A connected client, or an AppError saying what to fix. */
export const connect = async (t: WorkspaceTarget, opts: ConnectOptions = {}): Promise<pg.Client> => {
  const client = new pg.Client(clientConfig(t, opts))
  // An error after connecting (the server went away) must not crash the process; queries report it.
  client.on('error', () => {})
  try {
    await client.connect()
    await client.query('SET search_path TO b24desk, public')
    return client
  } catch (err) {
    await client.end().catch(() => {})
    throw describeConnectError(err, t, Boolean(opts.password))
  }
}
