import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.ts'
import { inProcessCli } from '../testing/in-process'

const cli = inProcessCli('run cli test')
const RU = { B24DESK_LANG: 'ru' }

/** Progress lines run printed (everything on stderr that is not its final "b24desk: …" word). */
const progressLines = (stderr: string) =>
  stderr.split('\n').filter((l) => l.trim() !== '' && !l.startsWith('b24desk:'))

/** `run --wait N` is a deadline, whatever the portal does (issue 19). */
describe('run --wait against a portal that fails or hangs', () => {
  let emu: Emulator
  let dir: string
  const d = () => ['--data-dir', dir]
  const page = () => emu.portals[0].control.state().pages.find((p) => p.id === 14)
  beforeAll(async () => {
    emu = await startEmulator({ portals: [{ name: 'flaky', seed: 'demo' }], realDelayFactor: 0 })
    dir = mkdtempSync(join(tmpdir(), 'b24desk-run-cli-'))
    const added = await cli([
      'portal',
      'add',
      '--name',
      'flaky',
      '--webhook',
      emu.portals[0].webhookUrl,
      '--ca',
      emu.caCertPath,
      ...d()
    ])
    expect(added.code, added.stderr).toBe(0)
  }, 60_000)
  afterAll(async () => {
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('returns within 10 s with exit 3 and a few progress lines while every request gets HTTP 500', async () => {
    expect(page()?.active).toBe(false)
    const queued = await cli(['publish', 'page', '--portal', 'flaky', '--scope', 'default', '14', ...d()])
    expect(queued.code, queued.stderr).toBe(0)
    await emu.portals[0].control.setFaults({ errorRate500: 1 })
    try {
      const started = Date.now()
      const run = await cli(['run', '--wait', '5', ...d()])
      expect(Date.now() - started).toBeLessThan(10_000)
      expect(run.code, run.stderr).toBe(3)
      expect(run.stderr).toMatch(/b24desk: 1 operation was not done within 5 s: flaky: /)
      expect(progressLines(run.stderr).length).toBeGreaterThan(0)
      expect(progressLines(run.stderr).length).toBeLessThanOrEqual(4)

      const ru = await cli(['run', '--wait', '5', ...d()], RU)
      expect(ru.code, ru.stderr).toBe(3)
      expect(ru.stderr).toMatch(/b24desk: 1 операция не выполнена за 5 с: flaky: /)
      expect(progressLines(ru.stderr).length).toBeLessThanOrEqual(4)
    } finally {
      await emu.portals[0].control.setFaults({ errorRate500: 0 })
    }
    const after = await cli(['run', '--wait', '20', ...d()])
    expect(after.code, after.stderr).toBe(0)
    expect(page()?.active).toBe(true)
  }, 60_000)

  it('returns within 10 s with exit 3 when the portal does not answer at all, and the next run sends what was in flight', async () => {
    const queued = await cli(['unpublish', 'page', '--portal', 'flaky', '--scope', 'default', '14', ...d()])
    expect(queued.code, queued.stderr).toBe(0)
    await emu.portals[0].control.setFaults({ hang: true })
    try {
      for (const env of [{ B24DESK_LANG: 'en' }, RU]) {
        const started = Date.now()
        const run = await cli(['run', '--wait', '5', ...d()], env)
        expect(Date.now() - started).toBeLessThan(10_000)
        expect(run.code, run.stderr).toBe(3)
        expect(run.stderr).toMatch(
          env === RU ? /1 операция не выполнена за 5 с/ : /1 operation was not done within 5 s/
        )
        expect(progressLines(run.stderr).length).toBeLessThanOrEqual(4)
      }
    } finally {
      await emu.portals[0].control.setFaults({ hang: false })
    }
    expect(page()?.active).toBe(true)
    const after = await cli(['run', '--wait', '20', ...d()])
    expect(after.code, after.stderr).toBe(0)
    expect(page()?.active).toBe(false)
  }, 60_000)

  it('job --retry-failed queues failed operations again, and run then sends them', async () => {
    // Page 19 lives in the knowledge base: sent in the default scope the portal refuses it.
    const queued = await cli(['publish', 'page', '--portal', 'flaky', '--scope', 'default', '19', ...d()])
    const jobId = queued.stdout.trim()
    const run = await cli(['run', '--wait', '20', ...d()])
    expect(run.code, run.stderr).toBe(4)
    expect(run.stdout).toMatch(/Outbox empty: 0 done, 1 failed, 0 reported otherwise/)
    expect(run.stderr).toContain(`b24desk job ${jobId} --retry-failed`)

    const retried = await cli(['job', jobId, '--retry-failed', ...d()])
    expect(retried.code, retried.stderr).toBe(0)
    expect(retried.stderr).toMatch(new RegExp(`Job ${jobId}: 1 operation queued again`))
    const shown = await cli(['job', jobId, '--json', ...d()])
    const report = JSON.parse(shown.stdout) as {
      job: { status: string }
      operations: Array<{ state: string }>
    }
    expect(report.operations.map((o) => o.state)).toEqual(['queued'])
    expect(report.job.status).toBe('active')

    // Russian, and nothing left to retry once it is queued.
    const again = await cli(['job', jobId, '--retry-failed', ...d()], RU)
    expect(again.code).toBe(0)
    expect(again.stderr).toMatch(new RegExp(`Задание ${jobId}: повторять нечего`))
    expect((await cli(['run', '--wait', '20', ...d()])).code).toBe(4)
    const ru = await cli(['job', jobId, '--retry-failed', ...d()], RU)
    expect(ru.stderr).toMatch(new RegExp(`Задание ${jobId}: 1 операция снова в очереди`))
    await cli(['job', jobId, '--cancel', ...d()])
  }, 60_000)
})
