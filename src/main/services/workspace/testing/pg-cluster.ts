import { execFile, execFileSync } from 'node:child_process'
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, rmSync, writeFileSync } from 'node:fs'
import { createServer } from 'node:net'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { promisify } from 'node:util'

const run = promisify(execFile)

/**
 * A private PostgreSQL cluster for tests: initdb in a temporary folder, a Unix socket in that folder
 * and a loopback port (never another interface), removed again by stop(). Under root the server runs
 * as the `postgres` user (PostgreSQL refuses to run as root). Local socket connections are trusted;
 * TCP on 127.0.0.1 asks for a password (scram-sha-256), so a wrong password can be tested.
 */
export interface PgCluster {
  /** The folder holding the socket (a `host` for node-postgres). */
  socketDir: string
  port: number
  /** The cluster's superuser (trusted over the socket). */
  superuser: string
  /** With `tls`: the CA (PEM) that signed the server's certificate for "localhost". */
  caFile: string | null
  /** A connection string for `user` over the socket (no password needed there). */
  socketUrl(user?: string, database?: string): string
  stop(): Promise<void>
}

/** Where initdb and pg_ctl are: B24DESK_PG_BIN, then Debian's newest /usr/lib/postgresql/N/bin (14+). */
export const findPgBin = (env: NodeJS.ProcessEnv = process.env): string | null => {
  if (env.B24DESK_PG_BIN) return existsSync(join(env.B24DESK_PG_BIN, 'initdb')) ? env.B24DESK_PG_BIN : null
  const root = '/usr/lib/postgresql'
  if (!existsSync(root)) return null
  const versions = readdirSync(root)
    .filter((v) => /^\d+$/.test(v) && Number(v) >= 14)
    .sort((a, b) => Number(b) - Number(a))
  for (const v of versions) {
    const bin = join(root, v, 'bin')
    if (existsSync(join(bin, 'initdb')) && existsSync(join(bin, 'pg_ctl'))) return bin
  }
  return null
}

/** Why PostgreSQL tests cannot run here, or null when they can. */
export const pgUnavailableReason = (): string | null => {
  if (process.platform === 'win32') return 'PostgreSQL tests need a Unix socket (not on Windows)'
  if (!findPgBin())
    return (
      'PostgreSQL is not installed (no /usr/lib/postgresql/14+/bin/initdb; install the Debian package ' +
      '"postgresql" or set B24DESK_PG_BIN)'
    )
  if (process.getuid?.() === 0) {
    try {
      execFileSync('id', ['-u', 'postgres'], { stdio: 'ignore' })
    } catch {
      return 'running as root, but there is no "postgres" user to run the test server as'
    }
  }
  return null
}

const freePort = (): Promise<number> =>
  new Promise((resolve, reject) => {
    const s = createServer()
    s.once('error', reject)
    s.listen(0, '127.0.0.1', () => {
      const addr = s.address()
      const port = typeof addr === 'object' && addr ? addr.port : 0
      s.close(() => resolve(port))
    })
  })

const idOf = async (user: string): Promise<{ uid: number; gid: number }> => {
  const uid = Number((await run('id', ['-u', user])).stdout.trim())
  const gid = Number((await run('id', ['-g', user])).stdout.trim())
  return { uid, gid }
}

/**
 * A CA and a server certificate it signed, for `localhost` only (so connecting to 127.0.0.1 with
 * verify-full fails on the name): EC keys, made with the openssl command line.
 */
const makeCertificates = async (dir: string): Promise<void> => {
  const ssl = (...args: string[]) => run('openssl', args, { cwd: dir, timeout: 30_000 })
  const ec = ['-newkey', 'ec', '-pkeyopt', 'ec_paramgen_curve:prime256v1', '-nodes']
  await ssl(
    'req',
    '-x509',
    ...ec,
    '-keyout',
    'ca.key',
    '-out',
    'ca.pem',
    '-days',
    '2',
    '-subj',
    '/CN=b24desk test CA'
  )
  await ssl('req', ...ec, '-keyout', 'server.key', '-out', 'server.csr', '-subj', '/CN=localhost')
  writeFileSync(join(dir, 'san.ext'), 'subjectAltName=DNS:localhost\n')
  await ssl(
    'x509',
    '-req',
    '-in',
    'server.csr',
    '-CA',
    'ca.pem',
    '-CAkey',
    'ca.key',
    '-CAcreateserial',
    '-out',
    'server.crt',
    '-days',
    '2',
    '-extfile',
    'san.ext'
  )
  chmodSync(join(dir, 'server.key'), 0o600)
}

/** Whether the TLS variant can run here (it needs the openssl command). */
export const opensslMissing = (): string | null => {
  try {
    execFileSync('openssl', ['version'], { stdio: 'ignore' })
    return null
  } catch {
    return 'the openssl command is not installed'
  }
}

export interface PgClusterOptions {
  /** Serve TLS with a certificate for "localhost" signed by a CA in `caFile`. */
  tls?: boolean
}

export const startPgCluster = async (opts: PgClusterOptions = {}): Promise<PgCluster> => {
  const bin = findPgBin()
  if (!bin) throw new Error(pgUnavailableReason() ?? 'PostgreSQL is not installed')
  const asRoot = process.getuid?.() === 0
  const dir = mkdtempSync(join(tmpdir(), 'b24desk-pg-'))
  const data = join(dir, 'data')
  const socketDir = dir
  // As root: every command runs as postgres, which must own the folder.
  const wrap = async (cmd: string, args: string[]): Promise<void> => {
    const [file, argv] = asRoot
      ? ['runuser', ['-u', 'postgres', '--', join(bin, cmd), ...args]]
      : [join(bin, cmd), args]
    await run(file, argv, { cwd: dir, timeout: 60_000 })
  }
  if (opts.tls) await makeCertificates(dir)
  if (asRoot) {
    const { uid, gid } = await idOf('postgres')
    chownSync(dir, uid, gid)
    if (opts.tls) for (const f of ['server.key', 'server.crt', 'ca.pem']) chownSync(join(dir, f), uid, gid)
  }
  const superuser = 'postgres'
  try {
    await wrap('initdb', [
      '-D',
      data,
      '-U',
      superuser,
      '--auth-local=trust',
      '--auth-host=scram-sha-256',
      '--no-sync',
      '--no-instructions',
      '-E',
      'UTF8',
      '--locale=C'
    ])
    const port = await freePort()
    // Small and fast: no fsync, few connections, nothing but loopback and the socket.
    writeFileSync(
      join(dir, 'test.conf'),
      [
        `port = ${port}`,
        "listen_addresses = '127.0.0.1'",
        `unix_socket_directories = '${socketDir}'`,
        'fsync = off',
        'synchronous_commit = off',
        'full_page_writes = off',
        'max_connections = 40',
        'shared_buffers = 16MB',
        "log_min_messages = 'fatal'",
        ...(opts.tls
          ? [
              'ssl = on',
              `ssl_cert_file = '${join(dir, 'server.crt')}'`,
              `ssl_key_file = '${join(dir, 'server.key')}'`
            ]
          : [])
      ].join('\n') + '\n'
    )
    if (asRoot) {
      const { uid, gid } = await idOf('postgres')
      chownSync(join(dir, 'test.conf'), uid, gid)
    }
    writeFileSync(join(data, 'postgresql.auto.conf'), `include '${join(dir, 'test.conf')}'\n`, {
      flag: 'a'
    })
    await wrap('pg_ctl', ['-D', data, '-l', join(dir, 'server.log'), '-w', '-t', '60', 'start'])
    let stopped = false
    // A test run that ends without afterAll (an error, Ctrl-C) must not leave a server behind.
    const stopNow = () => {
      if (stopped) return
      stopped = true
      try {
        const argv = ['-D', data, '-m', 'immediate', '-w', 'stop']
        if (asRoot)
          execFileSync('runuser', ['-u', 'postgres', '--', join(bin, 'pg_ctl'), ...argv], { stdio: 'ignore' })
        else execFileSync(join(bin, 'pg_ctl'), argv, { stdio: 'ignore' })
      } catch {
        // already gone
      }
      rmSync(dir, { recursive: true, force: true })
    }
    process.once('exit', stopNow)
    return {
      socketDir,
      port,
      superuser,
      caFile: opts.tls ? join(dir, 'ca.pem') : null,
      socketUrl: (user = superuser, database = 'postgres') =>
        `postgresql://${encodeURIComponent(user)}@/${database}?host=${encodeURIComponent(socketDir)}&port=${port}`,
      async stop() {
        if (stopped) return
        stopped = true
        process.removeListener('exit', stopNow)
        await wrap('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {})
        rmSync(dir, { recursive: true, force: true })
      }
    }
  } catch (err) {
    await wrap('pg_ctl', ['-D', data, '-m', 'immediate', '-w', 'stop']).catch(() => {})
    rmSync(dir, { recursive: true, force: true })
    const e = err as { stderr?: string; message: string }
    throw new Error(`could not start a test PostgreSQL cluster: ${e.stderr?.trim() || e.message}`, {
      cause: err
    })
  }
}
