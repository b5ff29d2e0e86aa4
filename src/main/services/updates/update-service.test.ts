import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { DebUpdater } from 'electron-updater'
import type { UpdateState } from '../../../shared/domain/desktop'
import { makeTestTls, startLocalHttps, type LocalHttps } from '../bitrix/testing/local-https'
import { LoopbackHttpExecutor, serveRelease, testAppAdapter } from './testing/feed'
import {
  CHECK_EVERY_MS,
  FIRST_CHECK_MS,
  createUpdateService,
  type Timers,
  type UpdateEngine
} from './update-service'
import type { UpdateMode, UpdatePolicy } from './policy'

let server: LocalHttps
let ca: string

beforeAll(async () => {
  const tls = await makeTestTls()
  ca = tls.caCertPem
  server = await startLocalHttps(tls)
})
afterAll(() => server.close())

const ARTIFACT = Buffer.from('stand-in .deb for 0.2.0\n'.repeat(2000))

/** Timers that never fire by themselves: the test fires them. */
const manualTimers = () => {
  const pending: Array<{ fn: () => void; ms: number; repeat: boolean; cleared: boolean }> = []
  const timers: Timers = {
    setTimeout: (fn, ms) => {
      const t = { fn, ms, repeat: false, cleared: false }
      pending.push(t)
      return t
    },
    setInterval: (fn, ms) => {
      const t = { fn, ms, repeat: true, cleared: false }
      pending.push(t)
      return t
    },
    clearTimeout: (h) => void ((h as { cleared: boolean }).cleared = true),
    clearInterval: (h) => void ((h as { cleared: boolean }).cleared = true)
  }
  return { timers, live: () => pending.filter((t) => !t.cleared) }
}

interface Setup {
  policy?: UpdatePolicy | null
  userMode?: UpdateMode
  /** The staging id electron-updater keeps in userData/.updaterId. */
  stagingId?: string
  feedPath?: string
  quiesce?: () => Promise<void>
}

const setup = (opts: Setup = {}) => {
  const dir = mkdtempSync(join(tmpdir(), 'b24-update-'))
  const adapter = testAppAdapter(dir, '0.1.0', `${server.base}${opts.feedPath ?? '/feed/'}`)
  if (opts.stagingId) writeFileSync(join(adapter.userDataPath, '.updaterId'), opts.stagingId)
  const updater = new DebUpdater(undefined, adapter)
  ;(updater as unknown as { httpExecutor: LoopbackHttpExecutor }).httpExecutor = new LoopbackHttpExecutor(ca)
  updater.logger = null
  const installs: Array<[boolean | undefined, boolean | undefined]> = []
  // The last step runs dpkg: the test records it instead.
  updater.quitAndInstall = (silent, runAfter) => void installs.push([silent, runAfter])
  const states: UpdateState[] = []
  const waiters: Array<{ statuses: string[]; resolve: (s: UpdateState) => void }> = []
  const clock = manualTimers()
  let beforeInstall = 0
  const service = createUpdateService({
    engine: updater as UpdateEngine,
    currentVersion: '0.1.0',
    policy: opts.policy ?? null,
    userMode: () => opts.userMode ?? 'auto',
    quiesce: opts.quiesce ?? (async () => {}),
    beforeInstall: () => void beforeInstall++,
    emit: (s) => {
      states.push(s)
      for (const w of waiters.splice(0)) {
        if (w.statuses.includes(s.status)) w.resolve(s)
        else waiters.push(w)
      }
    },
    timers: clock.timers,
    now: () => 1_700_000_000_000
  })
  const until = (...statuses: string[]) =>
    new Promise<UpdateState>((resolve) => {
      if (statuses.includes(service.state().status)) resolve(service.state())
      else waiters.push({ statuses, resolve })
    })
  return { service, states, until, clock, installs, adapter, dir, beforeInstalls: () => beforeInstall }
}

const debRequests = () => server.requests.filter((r) => r.url.includes('.deb'))

describe('updates from a generic HTTPS feed (electron-updater against a loopback server)', () => {
  it('checks 10 s after start and every 12 hours, downloads in the background and is ready to install', async () => {
    serveRelease(server, {
      version: '0.2.0',
      artifact: ARTIFACT,
      releaseNotes: '<h2>0.2.0</h2><ul><li>Faster &amp; safer</li></ul>'
    })
    const { service, until, clock, states } = setup()
    service.start()
    expect(clock.live().map((t) => [t.ms, t.repeat])).toEqual([
      [FIRST_CHECK_MS, false],
      [CHECK_EVERY_MS, true]
    ])
    expect(FIRST_CHECK_MS).toBe(10_000)
    expect(CHECK_EVERY_MS).toBe(12 * 3600_000)
    clock.live()[0].fn()
    const ready = await until('ready', 'error')
    expect(ready).toMatchObject({ status: 'ready', version: '0.2.0', percent: 100, error: null })
    expect(ready.releaseNotes).toBe('0.2.0\n• Faster & safer')
    expect(states.map((s) => s.status)).toEqual(expect.arrayContaining(['checking', 'downloading', 'ready']))
  })

  it('refuses an artifact whose sha512 does not match the feed, and never offers it for install', async () => {
    serveRelease(server, {
      version: '0.2.1',
      artifact: ARTIFACT,
      sha512: Buffer.alloc(64, 7).toString('base64')
    })
    const { service, until, installs } = setup()
    service.start()
    await service.check()
    const failed = await until('ready', 'error')
    expect(failed.status).toBe('error')
    expect(failed.error).toMatch(/sha512 checksum mismatch/)
    await service.restart()
    expect(installs).toEqual([])
  })

  it('honours stagingPercentage: an install outside the rollout is not offered the update', async () => {
    serveRelease(server, { version: '0.3.0', artifact: ARTIFACT, stagingPercentage: 10 })
    const before = debRequests().length
    // electron-updater places an install by the last 4 bytes of its id: ffffffff is 100 %.
    const outside = setup({ stagingId: '11111111-2222-4333-8444-5555ffffffff' })
    outside.service.start()
    await outside.service.check()
    expect(outside.service.state()).toMatchObject({ status: 'none', version: null })
    expect(debRequests().length).toBe(before)

    const inside = setup({ stagingId: '11111111-2222-4333-8444-555500000001' })
    inside.service.start()
    await inside.service.check()
    expect((await inside.until('ready', 'error')).status).toBe('ready')
  })

  it('"Restart to update" waits for the batches in flight before it quits to install', async () => {
    serveRelease(server, { version: '0.2.0', artifact: ARTIFACT })
    let drained: () => void = () => {}
    const inFlight = new Promise<void>((r) => (drained = r))
    const { service, until, installs, beforeInstalls } = setup({ quiesce: () => inFlight })
    service.start()
    await service.check()
    await until('ready')
    const restarting = service.restart()
    await new Promise((r) => setTimeout(r, 20))
    expect(service.state().status).toBe('waiting')
    expect(installs).toEqual([])
    drained()
    await restarting
    expect(beforeInstalls()).toBe(1)
    expect(installs).toEqual([[false, true]])
  })

  it('manual mode checks only when asked and downloads only when told', async () => {
    serveRelease(server, { version: '0.2.0', artifact: ARTIFACT })
    const before = debRequests().length
    const { service, until, clock } = setup({ userMode: 'manual' })
    service.start()
    expect(clock.live()).toEqual([])
    await service.check()
    expect(service.state()).toMatchObject({ status: 'available', version: '0.2.0', mode: 'manual' })
    expect(debRequests().length).toBe(before)
    await service.download()
    expect((await until('ready', 'error')).status).toBe('ready')
  })

  it('a policy file locks the mode (the user setting is ignored) and its feed replaces the built-in one', async () => {
    serveRelease(server, { version: '0.2.0', artifact: ARTIFACT })
    const off = setup({
      policy: { mode: 'off', feedUrl: null, source: '/etc/b24desk/b24desk-policy.yml', error: null }
    })
    const requests = server.requests.length
    off.service.start()
    off.service.modeChanged()
    await off.service.check()
    expect(off.clock.live()).toEqual([])
    expect(server.requests.length).toBe(requests)
    expect(off.service.state()).toMatchObject({
      status: 'off',
      mode: 'off',
      lockedBy: '/etc/b24desk/b24desk-policy.yml'
    })

    // The built-in feed points nowhere useful; the policy's is the one asked.
    const fed = setup({
      feedPath: '/nowhere/',
      userMode: 'off',
      policy: {
        mode: 'auto',
        feedUrl: `${server.base}/feed/`,
        source: '/etc/b24desk/b24desk-policy.yml',
        error: null
      }
    })
    fed.service.start()
    expect(fed.service.state().mode).toBe('auto')
    await fed.service.check()
    expect((await fed.until('ready', 'error')).status).toBe('ready')
    expect(server.requests.some((r) => r.url.startsWith('/nowhere/'))).toBe(false)
  })

  it('without an updater (command line, unpackaged app) the state says off and nothing is scheduled', () => {
    const clock = manualTimers()
    const service = createUpdateService({
      engine: null,
      currentVersion: '0.1.0',
      policy: null,
      userMode: () => 'auto',
      quiesce: async () => {},
      emit: () => {},
      timers: clock.timers
    })
    service.start()
    expect(service.state().status).toBe('off')
    expect(clock.live()).toEqual([])
  })
})

it('keeps the downloaded update in the updater cache, not in the data folder', async () => {
  serveRelease(server, { version: '0.2.0', artifact: ARTIFACT })
  const { service, until, adapter } = setup()
  service.start()
  await service.check()
  await until('ready')
  expect(existsSync(join(adapter.baseCachePath, 'b24-desk-updater', 'pending'))).toBe(true)
})

it('a background check that cannot reach the feed stays quiet; one the user asked for says why', async () => {
  server.handle((_req, res) => void res.writeHead(503).end())
  const { service } = setup()
  service.start()
  await service.check()
  expect(service.state()).toMatchObject({ status: 'idle' })
  expect(service.state().error).toMatch(/503/)
  await service.check(true)
  expect(service.state()).toMatchObject({ status: 'error' })
  expect(service.state().error).toMatch(/503/)
})
