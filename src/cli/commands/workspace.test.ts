import { randomBytes } from 'node:crypto'
import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { createServer } from 'node:net'
import { PassThrough } from 'node:stream'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { createKeychainStore } from '../../main/services/portals/secret-store'
import { parseWorkspaceUrl } from '../../main/services/workspace/connection'
import { saveWorkspace } from '../../main/services/workspace/session'
import {
  opensslMissing,
  pgUnavailableReason,
  startPgCluster,
  type PgCluster
} from '../../main/services/workspace/testing/pg-cluster'
import { asSuperuser, createTeamDatabase } from '../../main/services/workspace/testing/team'
import { inProcessCli } from '../testing/in-process'
import { runCli } from '../run'

const skip = pgUnavailableReason()
if (skip) console.warn(`b24desk workspace command tests skipped: ${skip}`)
const noTls = opensslMissing()
if (!skip && noTls) console.warn(`b24desk workspace TLS tests skipped: ${noTls}`)

/** A loopback port nothing listens on. */
const closedPort = (): Promise<number> =>
  new Promise((resolve) => {
    const s = createServer().listen(0, '127.0.0.1', () => {
      const port = (s.address() as { port: number }).port
      s.close(() => resolve(port))
    })
  })

describe.skipIf(skip !== null)('b24desk workspace (against a real PostgreSQL, over loopback TCP)', () => {
  const cli = inProcessCli('workspace')
  const keychainService = `B24 Desk workspace test ${randomBytes(4).toString('hex')}`
  const dataDir = mkdtempSync(join(tmpdir(), 'b24desk-ws-cli-'))
  let cluster: PgCluster
  let url = ''
  const env = (extra: NodeJS.ProcessEnv = {}): NodeJS.ProcessEnv => ({
    B24DESK_LANG: 'en',
    B24DESK_KEYCHAIN_SERVICE: keychainService,
    ...extra
  })
  const run = (args: string[], extra?: NodeJS.ProcessEnv) => cli([...args, '--data-dir', dataDir], env(extra))

  beforeAll(async () => {
    cluster = await startPgCluster({ tls: noTls === null })
    await createTeamDatabase(cluster, 'team', 'team_owner')
    await asSuperuser(
      cluster,
      'postgres',
      "CREATE ROLE alice LOGIN PASSWORD 'alice-secret'",
      "CREATE ROLE stranger LOGIN PASSWORD 'stranger-secret'"
    )
    url = `postgresql://team_owner@127.0.0.1:${cluster.port}/team`
  })

  afterAll(async () => {
    const store = createKeychainStore(keychainService)
    for (const user of ['team_owner', 'alice', 'stranger'])
      await store.delete(`workspace:${user}@127.0.0.1:${cluster?.port}/team`).catch(() => false)
    await cluster?.stop()
    rmSync(dataDir, { recursive: true, force: true })
  })

  it('without a password it says the database asks for one and how to give it', async () => {
    const r = await run(['workspace', 'init', url])
    expect(r.code).toBe(1)
    expect(r.stderr).toContain(
      `The database at team_owner@127.0.0.1:${cluster.port}/team asks for the password of "team_owner" and none is saved. Give it with --password -`
    )
  })

  it('a wrong password is refused by name, and never printed', async () => {
    const r = await run(['workspace', 'init', url], { B24DESK_WORKSPACE_PASSWORD: 'not-the-pass-123' })
    expect(r.code).toBe(1)
    expect(r.stderr).toContain('PostgreSQL refused the password of "team_owner"')
    expect(r.stdout + r.stderr).not.toContain('not-the-pass-123')
  })

  it('a password typed as an option is refused before anything is sent', async () => {
    const r = await run(['workspace', 'init', url, '--password', 'owner-secret'])
    expect(r.code).toBe(2)
    expect(r.stderr).toContain(
      'give --password - to read it from standard input, or set B24DESK_WORKSPACE_PASSWORD'
    )
  })

  it('init creates the workspace, keeps the password in the keychain, and a second init changes nothing', async () => {
    const withPassword = url.replace('team_owner@', 'team_owner:owner-secret@')
    const first = await run(['workspace', 'init', withPassword])
    expect(first.stderr).toContain('the password was typed in the URL')
    expect(first.stdout).toContain(
      `Workspace team_owner@127.0.0.1:${cluster.port}/team: schema created (version 2).`
    )
    expect(first.code).toBe(0)
    expect(first.stdout + first.stderr).not.toContain('owner-secret')
    // No password this time: the keychain has it.
    const again = await run(['workspace', 'init', url, '--json'])
    expect(again.code).toBe(0)
    expect(JSON.parse(again.stdout)).toMatchObject({ from: 2, to: 2, applied: [] })
  })

  it('--password - reads the password from standard input', async () => {
    const alice = url.replace('team_owner@', 'alice@')
    const stdin = new PassThrough()
    const stdout = new PassThrough()
    const stderr = new PassThrough()
    let out = ''
    stdout.on('data', (d: Buffer) => (out += d.toString()))
    stdin.end('alice-secret\n')
    const code = await runCli(['workspace', 'status', alice, '--password', '-', '--json'], {
      stdout,
      stderr,
      stdin,
      env: env()
    })
    expect(code).toBe(0)
    expect(JSON.parse(out)).toMatchObject({ sessionUser: 'alice' })
    // kept in the keychain: the next command needs no password
    const again = await run(['workspace', 'status', alice, '--json'])
    expect(JSON.parse(again.stdout)).toMatchObject({ sessionUser: 'alice' })
  })

  it('status shows the database, the role, the latency and the schema version', async () => {
    const r = await run(['workspace', 'status', url])
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(/^Workspace +team_owner@127\.0\.0\.1:\d+\/team$/m)
    expect(r.stdout).toMatch(/^Server +PostgreSQL \d+/m)
    expect(r.stdout).toMatch(/^Role +team_owner, administrator \(owner\)$/m)
    expect(r.stdout).toMatch(/^Latency +\d+(\.\d)? ms$/m)
    expect(r.stdout).toMatch(/^Schema +version 2 \(up to date\)$/m)
    const json = JSON.parse((await run(['workspace', 'status', url, '--json'])).stdout) as Record<
      string,
      unknown
    >
    expect(json).toMatchObject({
      database: 'team',
      sessionUser: 'team_owner',
      admin: true,
      schemaVersion: 2,
      tls: false
    })
    expect(typeof json.latencyMs).toBe('number')
  })

  it('an administrator adds a group and a read-only member; the member sees that in its status', async () => {
    expect((await run(['workspace', 'group', 'add', 'North', '--url', url])).stdout).toBe(
      'Group "North" added.\n'
    )
    const member = await run([
      'workspace',
      'member',
      'add',
      'alice',
      '--group',
      'north',
      '--read-only',
      '--url',
      url
    ])
    expect(member.stdout).toBe('Role "alice" is a read-only member of group "North".\n')
    const alice = url.replace('team_owner@', 'alice@')
    const s = await run(['workspace', 'status', alice], { B24DESK_WORKSPACE_PASSWORD: 'alice-secret' })
    expect(s.stdout).toMatch(/^Role +alice, member$/m)
    expect(s.stdout).toMatch(/^Groups +North \(read-only\)$/m)
    // alice is no administrator: the database says so, the command line explains it
    const denied = await run(['workspace', 'group', 'add', 'South', '--url', alice])
    expect(denied.code).toBe(1)
    expect(denied.stderr).toContain('"alice" cannot administer the workspace')
  })

  it('a role that is no member is told who can let it in', async () => {
    const r = await run(['workspace', 'status', url.replace('team_owner@', 'stranger@')], {
      B24DESK_WORKSPACE_PASSWORD: 'stranger-secret'
    })
    expect(r.code).toBe(0)
    expect(r.stdout).toMatch(
      /^Schema +not readable by "stranger", which is no member of this workspace; an administrator adds it with: b24desk workspace member add stranger --group NAME$/m
    )
  })

  it('a malformed URL, a closed port and a missing database each say what to fix', async () => {
    const bad = await run(['workspace', 'status', 'postgresql://team_owner:pw123@127.0.0.1:port/team'])
    expect(bad.code).toBe(1)
    expect(bad.stderr).toContain('Invalid workspace URL: the port "port" is not a number from 1 to 65535')
    expect(bad.stderr).not.toContain('pw123')
    const port = await closedPort()
    const closed = await run(['workspace', 'status', `postgresql://team_owner@127.0.0.1:${port}/team`])
    expect(closed.code).toBe(1)
    expect(closed.stderr).toContain(`Nothing answers at 127.0.0.1:${port}`)
    const missing = await run(['workspace', 'status', url.replace(/\/team$/, '/nope')], {
      B24DESK_WORKSPACE_PASSWORD: 'owner-secret'
    })
    expect(missing.code).toBe(1)
    expect(missing.stderr).toContain(`There is no database "nope" at 127.0.0.1:${cluster.port}`)
  })

  describe.skipIf(noTls !== null)('TLS', () => {
    const owner = { B24DESK_WORKSPACE_PASSWORD: 'owner-secret' }
    const at = (host: string, query: string) =>
      `postgresql://team_owner@${host}:${cluster.port}/team?${query}`

    it('verify-full with the CA file reaches the server and says TLS is on', async () => {
      const r = await run(
        ['workspace', 'status', at('localhost', `sslmode=verify-full&sslrootcert=${cluster.caFile}`)],
        owner
      )
      expect(r.stderr).toBe('')
      expect(r.stdout).toMatch(/^TLS +on$/m)
      // --ca FILE is the same as sslrootcert, and asks for verify-full on its own
      const viaOption = await run(
        [
          'workspace',
          'status',
          `postgresql://team_owner@localhost:${cluster.port}/team`,
          '--ca',
          cluster.caFile as string
        ],
        owner
      )
      expect(viaOption.stdout).toMatch(/^TLS +on$/m)
    })

    it('verify-full without the CA refuses the unknown certificate and asks for the CA file', async () => {
      const r = await run(['workspace', 'status', at('localhost', 'sslmode=verify-full')], owner)
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`The certificate of localhost:${cluster.port} could not be verified`)
      expect(r.stderr).toContain('sslrootcert=FILE')
    })

    it('verify-full refuses a certificate for another name; verify-ca accepts it', async () => {
      const q = `sslrootcert=${cluster.caFile}`
      const r = await run(['workspace', 'status', at('127.0.0.1', `sslmode=verify-full&${q}`)], owner)
      expect(r.code).toBe(1)
      expect(r.stderr).toContain(`could not be verified with the CA in ${cluster.caFile}`)
      expect(r.stderr).toContain('the host name in the URL is one the certificate names')
      const ca = await run(['workspace', 'status', at('127.0.0.1', `sslmode=verify-ca&${q}`)], owner)
      expect(ca.stdout).toMatch(/^TLS +on$/m)
    })
  })

  it('without a URL, status uses the workspace this installation is connected to (saved without its password)', async () => {
    const connected = mkdtempSync(join(tmpdir(), 'b24desk-ws-connected-'))
    try {
      saveWorkspace(
        connected,
        parseWorkspaceUrl(url.replace('team_owner@', 'team_owner:owner-secret@')).target
      )
      expect(readFileSync(join(connected, 'workspace.json'), 'utf8')).not.toContain('owner-secret')
      const r = await cli(['workspace', 'status', '--data-dir', connected], env())
      expect(r.stdout).toMatch(/^Role +team_owner, administrator \(owner\)$/m)
    } finally {
      rmSync(connected, { recursive: true, force: true })
    }
  })

  it('without a URL, status says this installation uses the local workspace', async () => {
    const r = await run(['workspace', 'status'])
    expect(r.code).toBe(0)
    expect(r.stdout).toContain(`This installation uses the local workspace (SQLite in ${dataDir})`)
  })
})
