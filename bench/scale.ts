/**
 * The command line and snapshots at scale (run with `npm run bench:scale`): ten `large` emulated
 * portals (10 x 10,300 pages, 10 x 215 sites, 10 x 5,000 CRM documents), added to a fresh data folder
 * with `b24desk portal add`, then timed:
 * - `pages --portal P` for each of the ten portals: table and --json, read from the portals, then
 *   the same with --offline (from the cache);
 * - `snapshot take` of all ten portals at once;
 * - some changes on every portal (sites and pages taken offline, pages published), made straight
 *   on the emulated portals;
 * - `snapshot diff` of that snapshot, `snapshot restore --dry-run` (the restore plan).
 *
 * Each command runs in a process of its own, as `b24desk` does (this file forks itself with
 * `--step`), so "seconds" is the command from its first line to its exit code and "RSS" is that
 * process's peak resident memory (sampled every 10 ms, and the OS's high-water mark), with the
 * app's services opened and closed as in the real command line. Module loading is not counted in
 * the seconds (it is the same for every command; see "startup" in the output).
 *
 * The emulated portals run in another process (`--emulator`) with realDelayFactor 0 (no simulated
 * processing time) and a generous rate limit, so the figures measure our code (plus the loopback
 * HTTPS and the emulator's own work on the other core), not Bitrix24's speed or limits.
 *
 * Secrets go to a JSON file in the bench's temporary folder (the bench's own store; the app's
 * keychain is not touched). SCALE_PROFILE=step[,step...] (e.g. `take,diff`) runs those steps with
 * `--cpu-prof` into out/bench-prof. SCALE_PORTALS=N runs with N portals instead of ten.
 */
import { fork, type ChildProcess } from 'node:child_process'
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join, resolve } from 'node:path'
import { Writable } from 'node:stream'
import { startEmulator } from '../src/emulator/index.ts'
import { rawRequest } from '../src/emulator/testing/client.ts'
import type { SecretStore } from '../src/main/services/portals'
import { runCli } from '../src/cli/run'

const PORTALS = Number(process.env.SCALE_PORTALS ?? 10)
/** The plan limits the portals are added with (the client paces its requests by them). */
const LIMITS = process.env.SCALE_LIMITS ?? 'enterprise'

interface StepResult {
  code: number
  seconds: number
  /** CPU time of the command's process (user + system) over the same span. */
  cpuSeconds: number
  startupSeconds: number
  rssPeakMb: number
  maxRssMb: number
  stdoutBytes: number
  stdout: string
  stderr: string
}

interface EmulatorReady {
  caCertPath: string
  portals: Array<{ name: string; webhookUrl: string }>
}

// --- the emulated portals' process -------------------------------------------------------------

/** Takes 20 live sites offline, 500 live pages offline and publishes 500 offline pages, per portal. */
const changePortal = async (webhookUrl: string, ca: string) => {
  const call = async (method: string, params: Record<string, unknown>) => {
    const r = await rawRequest(`${webhookUrl}${method}`, { json: params, ca })
    if (r.status !== 200) throw new Error(`${method}: HTTP ${r.status} ${r.text.slice(0, 200)}`)
    return r.json().result
  }
  const sites = (await call('landing.site.getList', { params: { select: ['ID', 'ACTIVE'] } })) as Array<{
    ID: string
    ACTIVE: string
  }>
  const pages = (await call('landing.landing.getList', { params: { select: ['ID', 'ACTIVE'] } })) as Array<{
    ID: string
    ACTIVE: string
  }>
  const liveSites = sites.filter((s) => s.ACTIVE === 'Y').slice(0, 20)
  for (const s of liveSites) await call('landing.site.unpublic', { id: Number(s.ID) })
  const live = pages.filter((p) => p.ACTIVE === 'Y').slice(-500)
  const offline = pages.filter((p) => p.ACTIVE !== 'Y').slice(-500)
  const inBatches = async (method: string, ids: string[]) => {
    for (let i = 0; i < ids.length; i += 50) {
      const cmd: Record<string, string> = {}
      ids.slice(i, i + 50).forEach((id, k) => (cmd[`c${k}`] = `${method}?id=${id}`))
      await call('batch', { halt: 0, cmd })
    }
  }
  await inBatches(
    'landing.landing.unpublic',
    live.map((p) => p.ID)
  )
  await inBatches(
    'landing.landing.publication',
    offline.map((p) => p.ID)
  )
  return { sites: liveSites.length, offline: live.length, published: offline.length }
}

const emulatorProcess = async () => {
  const emu = await startEmulator({
    portals: Array.from({ length: PORTALS }, (_, i) => ({
      name: `large-${i + 1}`,
      seed: 'large' as const,
      plan: 'enterprise' as const,
      rate: { burst: 10_000, drainPerSecond: 10_000 }
    })),
    realDelayFactor: 0,
    controlListener: false
  })
  process.on('message', (m: { kind: string }) => {
    if (m.kind === 'change')
      void Promise.all(emu.portals.map((p) => changePortal(p.webhookUrl, emu.caCertPem))).then(
        (changed) => process.send?.({ kind: 'changed', changed }),
        (err: unknown) => process.send?.({ kind: 'failed', error: String(err) })
      )
    if (m.kind === 'stats')
      process.send?.({
        kind: 'stats',
        requests: emu.portals.map((p) => p.control.stats().requests),
        methods: emu.portals[0].control.requestLog().countsByMethod
      })
    if (m.kind === 'stop') void emu.stop().then(() => process.exit(0))
  })
  const ready: EmulatorReady = {
    caCertPath: emu.caCertPath,
    portals: emu.portals.map((p) => ({ name: p.name, webhookUrl: p.webhookUrl }))
  }
  process.send?.({ kind: 'ready', ready })
}

// --- one command line, in a process of its own -----------------------------------------------------

const fileSecretStore = (file: string): SecretStore => {
  const read = (): Record<string, string> =>
    existsSync(file) ? (JSON.parse(readFileSync(file, 'utf8')) as Record<string, string>) : {}
  return {
    get: async (account) => read()[account] ?? null,
    set: async (account, secret) => writeFileSync(file, JSON.stringify({ ...read(), [account]: secret })),
    delete: async (account) => {
      const all = read()
      const had = account in all
      delete all[account]
      writeFileSync(file, JSON.stringify(all))
      return had
    }
  }
}

const stepProcess = async (args: string[]) => {
  const startupSeconds = process.uptime()
  let stdoutBytes = 0
  const chunks: string[] = []
  let stderr = ''
  const keep = process.env.SCALE_KEEP_STDOUT === '1'
  const stdout = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      stdoutBytes += Buffer.byteLength(chunk)
      if (keep || chunks.length < 4) chunks.push(chunk.toString().slice(0, 4000))
      done()
    }
  })
  const errOut = new Writable({
    write(chunk: Buffer | string, _enc, done) {
      stderr += chunk.toString()
      done()
    }
  })
  // memoryUsage.rss() reads the OS's figure only (memoryUsage() also walks the heap, which costs).
  let peak = process.memoryUsage.rss()
  const sampler = setInterval(() => (peak = Math.max(peak, process.memoryUsage.rss())), 10)
  const t0 = performance.now()
  const cpu0 = process.cpuUsage()
  const code = await runCli(
    args,
    { stdout, stderr: errOut, env: { B24DESK_LANG: 'en' } },
    { secretStore: fileSecretStore(process.env.SCALE_SECRETS ?? '') }
  )
  const seconds = (performance.now() - t0) / 1000
  const cpu = process.cpuUsage(cpu0)
  clearInterval(sampler)
  peak = Math.max(peak, process.memoryUsage.rss())
  const result: StepResult = {
    code,
    seconds,
    cpuSeconds: (cpu.user + cpu.system) / 1e6,
    startupSeconds,
    rssPeakMb: peak / 2 ** 20,
    maxRssMb: process.resourceUsage().maxRSS / 1024,
    stdoutBytes,
    stdout: chunks.join('').slice(0, 4000),
    stderr: stderr.slice(0, 4000)
  }
  process.send?.({ kind: 'step', result }, () => process.exit(0))
}

// --- the orchestration -----------------------------------------------------------------------

const self = process.argv[1]

const runStep = (label: string, args: string[], dir: string): Promise<StepResult> =>
  new Promise((done, fail) => {
    const profiled = (process.env.SCALE_PROFILE ?? '').split(',').includes(label)
    const profDir = resolve('out/bench-prof')
    if (profiled) mkdirSync(profDir, { recursive: true })
    const child = fork(self, ['--step', JSON.stringify([...args, '--data-dir', dir])], {
      execArgv: [
        '--no-warnings',
        ...(profiled
          ? ['--cpu-prof', '--cpu-prof-dir', profDir, '--cpu-prof-name', `${label}.cpuprofile`]
          : [])
      ],
      env: { ...process.env, SCALE_SECRETS: join(dir, 'bench-secrets.json') },
      stdio: ['ignore', 'inherit', 'inherit', 'ipc']
    })
    let result: StepResult | null = null
    child.on('message', (m: { kind: string; result: StepResult }) => {
      if (m.kind === 'step') result = m.result
    })
    child.on('exit', (code) => {
      if (!result) return fail(new Error(`${label}: the step process exited with ${code} and no result`))
      if (result.code !== 0)
        return fail(new Error(`${label}: b24desk ${args.join(' ')} exited ${result.code}: ${result.stderr}`))
      done(result)
    })
  })

const waitFor = <T>(child: ChildProcess, kind: string): Promise<T> =>
  new Promise((done, fail) => {
    const exited = (code: number | null) => fail(new Error(`the emulator exited with ${code}`))
    const on = (m: { kind: string; error?: string } & Record<string, unknown>) => {
      if (m.kind === 'failed') fail(new Error(m.error))
      else if (m.kind !== kind) return
      child.off('message', on)
      child.off('exit', exited)
      done(m as T)
    }
    child.on('message', on)
    child.once('exit', exited)
  })

interface Row {
  step: string
  runs: number
  seconds: number
  cpuSeconds: number
  maxSeconds: number
  startup: number
  rssPeakMb: number
  maxRssMb: number
  output: string
  /** REST requests the step made, on the busiest portal. */
  requests: number
}

const fmtBytes = (n: number) =>
  n > 2 ** 20 ? `${(n / 2 ** 20).toFixed(1)} MB` : `${(n / 1024).toFixed(0)} kB`

const main = async () => {
  const dir = mkdtempSync(join(tmpdir(), 'b24desk-bench-scale-'))
  const t0 = performance.now()
  const emulator = fork(self, ['--emulator'], {
    execArgv: ['--no-warnings'],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc']
  })
  const rows: Row[] = []
  try {
    const { ready } = await waitFor<{ ready: EmulatorReady }>(emulator, 'ready')
    process.stderr.write(
      `${ready.portals.length} large portals up in ${((performance.now() - t0) / 1000).toFixed(1)} s; data folder ${dir}\n`
    )
    const names = ready.portals.map((_, i) => `Large ${i + 1}`)
    const requests = async () => {
      emulator.send({ kind: 'stats' })
      return await waitFor<{ requests: number[]; methods: Record<string, number> }>(emulator, 'stats')
    }
    const measure = async (step: string, argsOf: Array<string[]>) => {
      const results: StepResult[] = []
      const { requests: before, methods: methodsBefore } = await requests()
      for (const args of argsOf) results.push(await runStep(step, args, dir))
      const { requests: after, methods } = await requests()
      if (process.env.SCALE_METHODS === '1')
        process.stderr.write(
          `  ${Object.entries(methods)
            .map(([m, n]) => [m, n - (methodsBefore[m] ?? 0)] as const)
            .filter(([, n]) => n > 0)
            .map(([m, n]) => `${m} ${n}`)
            .join(', ')}\n`
        )
      const row: Row = {
        step,
        runs: results.length,
        seconds: results.reduce((s, r) => s + r.seconds, 0),
        cpuSeconds: results.reduce((s, r) => s + r.cpuSeconds, 0),
        maxSeconds: Math.max(...results.map((r) => r.seconds)),
        startup: Math.max(...results.map((r) => r.startupSeconds)),
        rssPeakMb: Math.max(...results.map((r) => r.rssPeakMb)),
        maxRssMb: Math.max(...results.map((r) => r.maxRssMb)),
        output: fmtBytes(results.reduce((s, r) => s + r.stdoutBytes, 0)),
        requests: Math.max(...after.map((n, i) => n - before[i]))
      }
      rows.push(row)
      process.stderr.write(
        `${step}: ${row.seconds.toFixed(2)} s over ${row.runs} run(s), peak RSS ${row.maxRssMb.toFixed(0)} MB\n`
      )
      return results
    }
    await measure(
      'portal add',
      ready.portals.map((p, i) => [
        'portal',
        'add',
        '--name',
        names[i],
        '--webhook',
        p.webhookUrl,
        '--ca',
        ready.caCertPath,
        '--limits',
        LIMITS
      ])
    )
    const each = (extra: string[]) => names.map((n) => ['pages', '--portal', n, ...extra])
    await measure('pages', each([]))
    await measure('pages --json', each(['--json']))
    await measure('pages --offline', each(['--offline']))
    await measure('pages --offline --json', each(['--offline', '--json']))
    const portalFlags = names.flatMap((n) => ['--portal', n])
    const [taken] = await measure('take', [['snapshot', 'take', ...portalFlags, '--name', 'Scale']])
    const id = taken.stdout.trim()
    const diff0 = await measure('diff (unchanged)', [['snapshot', 'diff', id]])
    process.stderr.write(`  ${diff0[0].stdout.trim().slice(0, 200)}\n`)
    emulator.send({ kind: 'change' })
    const { changed } = await waitFor<{ changed: unknown[] }>(emulator, 'changed')
    process.stderr.write(`changed on each portal: ${JSON.stringify(changed[0])}\n`)
    await measure('diff', [['snapshot', 'diff', id]])
    await measure('diff --json', [['snapshot', 'diff', id, '--json']])
    const [plan] = await measure('restore --dry-run', [['snapshot', 'restore', id, '--dry-run']])
    process.stderr.write(`  ${plan.stdout.split('\n').slice(0, 2).join(' / ').slice(0, 200)}\n`)
    await measure('restore --dry-run --json', [['snapshot', 'restore', id, '--dry-run', '--json']])
  } finally {
    emulator.send({ kind: 'stop' })
    rmSync(dir, { recursive: true, force: true })
  }
  const header = [
    'step',
    'runs',
    'seconds',
    'CPU s',
    'slowest run',
    'startup',
    'RSS peak (sampled)',
    'RSS high-water',
    'stdout',
    'requests/portal'
  ]
  const table = [
    header,
    ...rows.map((r) => [
      r.step,
      String(r.runs),
      r.seconds.toFixed(2),
      r.cpuSeconds.toFixed(2),
      r.maxSeconds.toFixed(2),
      r.startup.toFixed(2),
      `${r.rssPeakMb.toFixed(0)} MB`,
      `${r.maxRssMb.toFixed(0)} MB`,
      r.output,
      String(r.requests)
    ])
  ]
  const widths = header.map((_, i) => Math.max(...table.map((r) => r[i].length)))
  console.log(
    table
      .map((r) => r.map((c, i) => (i === 0 ? c.padEnd(widths[i]) : c.padStart(widths[i]))).join('  '))
      .join('\n')
  )
  console.log(JSON.stringify({ portals: PORTALS, limits: LIMITS, rows }))
}

const mode = process.argv[2]
const entry =
  mode === '--emulator'
    ? emulatorProcess()
    : mode === '--step'
      ? stepProcess(JSON.parse(process.argv[3]) as string[])
      : main()
entry.then(
  () => {
    if (mode !== '--emulator' && mode !== '--step') process.exit(0)
  },
  (err: unknown) => {
    process.stderr.write(`bench failed: ${err instanceof Error ? (err.stack ?? err.message) : String(err)}\n`)
    process.exit(1)
  }
)
