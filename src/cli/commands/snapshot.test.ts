import { mkdtempSync, readFileSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterAll, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../emulator/index.ts'
import { inProcessCli } from '../testing/in-process'

const cli = inProcessCli('snapshot cli test')

/** ISO 8601 with offset, `ms` from now. */
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString().replace(/\.\d+Z$/, 'Z')

describe('snapshot, maintenance and scheduling commands', () => {
  let emu: Emulator
  let dir: string
  const d = () => ['--data-dir', dir]
  const truth = () => {
    const s = emu.portals[0].control.state()
    return {
      sites: s.sites.map((x) => [x.id, x.active]),
      folders: s.folders.map((x) => [x.id, x.active]),
      pages: s.pages.map((x) => [x.id, x.active]),
      documents: s.documents.map((x) => [x.id, x.publicUrl !== null])
    }
  }

  beforeAll(async () => {
    emu = await startEmulator({
      portals: [{ name: 'shop', seed: 'demo', plan: 'enterprise' }],
      realDelayFactor: 0
    })
    dir = mkdtempSync(join(tmpdir(), 'b24desk-snapshot-cli-'))
    const added = await cli([
      'portal',
      'add',
      '--name',
      'Shop',
      '--webhook',
      emu.portals[0].webhookUrl,
      '--ca',
      emu.caCertPath,
      '--limits',
      'enterprise',
      ...d()
    ])
    expect(added.code, added.stderr).toBe(0)
  }, 60_000)
  afterAll(async () => {
    await cli(['portal', 'remove', 'Shop', ...d()]).catch(() => undefined)
    await emu.stop()
    rmSync(dir, { recursive: true, force: true })
  })

  it('takes a snapshot, compares it after a change, restores it and says the portal matches', async () => {
    const before = truth()
    const take = await cli(['snapshot', 'take', '--portal', 'Shop', '--name', 'Friday', ...d()])
    expect(take.code, take.stderr).toBe(0)
    const id = take.stdout.trim()
    expect(id).toMatch(/^\d+$/)
    expect(take.stderr).toMatch(/Snapshot \d+ “Friday”: 6 sites, \d+ pages/)

    const list = await cli(['snapshot', 'list', ...d()])
    expect(list.stdout).toMatch(/^ID\s+NAME\s+TAKEN\s+PORTALS/)
    expect(list.stdout).toMatch(new RegExp(`${id}\\s+Friday\\s+.*Shop\\s+whole`))

    expect(
      (await cli(['unpublish', 'site', '--portal', 'Shop', '--scope', 'default', '1', ...d()])).code
    ).toBe(0)
    expect((await cli(['link', 'on', '--portal', 'Shop', '2', ...d()])).code).toBe(0)
    const changed = await cli(['run', '--wait', '20', ...d()])
    expect(changed.code, changed.stderr).toBe(0)
    expect(truth()).not.toEqual(before)

    const diff = await cli(['snapshot', 'diff', id, ...d()])
    expect(diff.code, diff.stderr).toBe(0)
    expect(diff.stdout).toMatch(/Portal “Shop”: \d+ went offline, 1 went live, 0 gone/)
    expect(diff.stdout).toMatch(/went offline\s+site\s+1\s+Spring Sale/)
    expect(diff.stdout).toMatch(/went live\s+document\s+2/)

    const dry = await cli(['snapshot', 'restore', id, '--dry-run', ...d()])
    expect(dry.code, dry.stderr).toBe(0)
    expect(dry.stdout).toMatch(/operations? would be queued, in this order:/)
    // The site comes back through one of its pages (a site publication would publish its drafts too),
    // and the review names the edited page that goes live with its edits.
    expect(dry.stdout).toMatch(/\d+\s+page\s+5\s+publish\s+Contacts/)
    expect(dry.stdout).toMatch(/1 page edited since its publication goes live with its edits: “Contacts”/)
    expect(dry.stdout).toMatch(/link off/)
    const jobsBefore = JSON.parse((await cli(['jobs', '--json', ...d()])).stdout) as unknown[]

    const restore = await cli(['snapshot', 'restore', id, ...d()])
    expect(restore.code, restore.stderr).toBe(0)
    const jobId = restore.stdout.trim()
    expect(jobId).toMatch(/^\d+$/)
    expect(JSON.parse((await cli(['jobs', '--json', ...d()])).stdout)).toHaveLength(jobsBefore.length + 1)
    const run = await cli(['run', '--wait', '20', ...d()])
    expect(run.code, run.stderr).toBe(0)
    expect(truth()).toEqual(before)
    const job = await cli(['job', jobId, ...d()])
    expect(job.stdout).toMatch(new RegExp(`Restored snapshot ${id}: the portal matches it\\.`))
    expect(JSON.parse((await cli(['job', jobId, '--json', ...d()])).stdout).job.restore).toEqual({
      snapshotId: Number(id),
      matches: true,
      differences: 0
    })

    // Nothing left to put back: an answer, not a failure, for a script that runs it every night.
    const again = await cli(['snapshot', 'restore', id, ...d()])
    expect(again.code).toBe(0)
    expect(again.stdout).toBe('')
    expect(again.stderr).toMatch(/The portal already matches snapshot \d+: there is nothing to restore/)

    const csv = await cli(['snapshot', 'export', id, '--format', 'csv', ...d()])
    expect(csv.stdout.split('\r\n')[0]).toBe('portal_id,portal,kind,id,title,scope,site_id,parent_id,live')
    expect(csv.stdout).toMatch(/\r\n[0-9a-f-]+,Shop,site,1,Spring Sale,,,,1\r\n/)
    const json = JSON.parse((await cli(['snapshot', 'export', id, '--format', 'json', ...d()])).stdout) as {
      snapshot: { id: number }
      portals: Array<{ portalName: string; pages: unknown[] }>
    }
    expect(json.snapshot.id).toBe(Number(id))
    expect(json.portals[0].portalName).toBe('Shop')

    // Asks first: a script without a terminal gets a refusal naming --yes, in either language.
    const asked = await cli(['snapshot', 'delete', id, ...d()])
    expect(asked.code).toBe(1)
    expect(asked.stderr).toMatch(new RegExp(`Delete snapshot ${id} “.+”\\? Give --yes to confirm`))
    const askedRu = await cli(['snapshot', 'delete', id, ...d()], { B24DESK_LANG: 'ru' })
    expect(askedRu.stderr).toMatch(new RegExp(`Удалить снимок ${id} «.+»\\? Укажите --yes`))
    expect((await cli(['snapshot', 'list', '--json', ...d()])).stdout).toContain(`"id": ${id}`)
    const outFile = join(dir, 'snapshot.csv')
    const written = await cli(['snapshot', 'export', id, '--format', 'csv', '--out', outFile, ...d()])
    expect(written.code, written.stderr).toBe(0)
    expect(readFileSync(outFile, 'utf8')).toBe(csv.stdout)
    const nowhere = await cli(['snapshot', 'export', id, '--out', join(dir, 'no', 'such', 'x.csv'), ...d()])
    expect(nowhere.code).toBe(1)
    expect(nowhere.stderr).toMatch(/cannot write .*x\.csv: the folder .*such does not exist/)
    expect(nowhere.stderr).not.toMatch(/ENOENT|unexpected/)
    expect((await cli(['snapshot', 'delete', id, '--yes', ...d()])).code).toBe(0)
    const gone = await cli(['snapshot', 'diff', id, ...d()])
    expect(gone.code).toBe(1)
    expect(gone.stderr).toMatch(new RegExp(`There is no snapshot ${id}`))
  }, 120_000)

  it('takes a portal offline for maintenance and brings it back at the scheduled end', async () => {
    const before = truth()
    const start = await cli(['maintenance', 'start', '--portal', 'Shop', '--until', inMs(6_000), ...d()])
    expect(start.code, start.stderr).toBe(0)
    const [snapshotId, jobId, endJobId] = start.stdout.trim().split(' ')
    expect(endJobId).toMatch(/^\d+$/)
    expect(start.stderr).toMatch(new RegExp(`Job ${endJobId} puts everything back at`))
    const listed = JSON.parse((await cli(['snapshot', 'list', '--json', ...d()])).stdout) as Array<{
      id: number
      maintenance: { active: boolean } | null
    }>
    expect(listed.find((s) => s.id === Number(snapshotId))?.maintenance?.active).toBe(true)
    const jobs = await cli(['jobs', ...d()])
    expect(jobs.stdout).toMatch(
      new RegExp(
        `${endJobId}\\s+scheduled\\s+\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d \\([+-]\\d\\d:\\d\\d\\)\\s+starts .*, in \\d+ (s|min)`
      )
    )

    const down = await cli(['run', '--wait', '2', ...d()])
    expect(down.code, down.stderr).toBe(0)
    expect(truth().sites.filter(([, live]) => live)).toEqual([])
    expect(JSON.parse((await cli(['job', jobId, '--json', ...d()])).stdout).job.counts.done).toBe(3)

    const up = await cli(['run', '--wait', '30', ...d()])
    expect(up.code, up.stderr).toBe(0)
    expect(truth()).toEqual(before)
    const after = JSON.parse((await cli(['snapshot', 'list', '--json', ...d()])).stdout) as typeof listed
    expect(after.find((s) => s.id === Number(snapshotId))?.maintenance?.active).toBe(false)
    const end = await cli(['maintenance', 'end', snapshotId, ...d()])
    expect(end.code).toBe(1)
    expect(end.stderr).toMatch(/has already ended/)
  }, 120_000)

  it('ends a maintenance window of one site by hand', async () => {
    const before = truth()
    const dry = await cli(['maintenance', 'start', '--portal', 'Shop', '--site', '3', '--dry-run', ...d()])
    expect(dry.stdout).toMatch(/1 live site would be taken offline:/)
    expect(dry.stdout).toMatch(/Shop\s+3\s+Coffee Corner Shop/)
    const start = await cli(['maintenance', 'start', '--portal', 'Shop', '--site', '3', '--json', ...d()])
    const started = JSON.parse(start.stdout) as {
      snapshot: { id: number }
      job: { total: number }
      endJobId: null
    }
    expect(started).toMatchObject({ job: { total: 1 }, endJobId: null })
    expect((await cli(['run', '--wait', '20', ...d()])).code).toBe(0)
    expect(truth().sites.find(([id]) => id === 3)?.[1]).toBe(false)
    const end = await cli(['maintenance', 'end', String(started.snapshot.id), ...d()])
    expect(end.code, end.stderr).toBe(0)
    expect(end.stdout.trim()).toMatch(/^\d+$/)
    expect((await cli(['run', '--wait', '20', ...d()])).code).toBe(0)
    expect(truth()).toEqual(before)
  }, 120_000)

  it('queues a publication for later, shows it waiting, and starts it now or cancels it on request', async () => {
    const later = await cli([
      'publish',
      'page',
      '--portal',
      'Shop',
      '--scope',
      'default',
      '6',
      '--at',
      inMs(3_600_000),
      ...d()
    ])
    expect(later.code, later.stderr).toBe(0)
    const jobId = later.stdout.trim()
    expect(later.stderr).toMatch(/to start at \d{4}-\d\d-\d\d \d\d:\d\d \([+-]\d\d:\d\d\) \(in 1 h\)/)
    const other = await cli(['link', 'on', '--portal', 'Shop', '5', '--at', inMs(7_200_000), ...d()])
    const otherId = other.stdout.trim()

    // Nothing is due within the wait: run says when the job starts and leaves it waiting.
    const run = await cli(['run', '--wait', '2', ...d()])
    expect(run.code, run.stderr).toBe(0)
    expect(run.stderr).toMatch(new RegExp(`Nothing due now: job ${jobId} starts at`))
    expect(emu.portals[0].control.state().pages.find((p) => p.id === 6)?.active).toBe(false)

    expect((await cli(['job', otherId, '--cancel', ...d()])).stderr).toMatch(/1 operation cancelled/)
    const moved = await cli(['job', jobId, '--reschedule', inMs(7_200_000), ...d()])
    expect(moved.stderr).toMatch(/now starts at .* \(in 2 h\)/)
    expect((await cli(['job', jobId, '--reschedule', 'now', ...d()])).stderr).toMatch(/starts now/)
    const now = await cli(['run', '--wait', '20', ...d()])
    expect(now.code, now.stderr).toBe(0)
    expect(emu.portals[0].control.state().pages.find((p) => p.id === 6)?.active).toBe(true)
    expect(emu.portals[0].control.state().documents.find((x) => x.id === 5)?.publicUrl).toBeNull()
    const late = await cli(['job', jobId, '--reschedule', inMs(60_000), ...d()])
    expect(late.code).toBe(1)
    expect(late.stderr).toMatch(/is not waiting for its start time/)
    await cli(['unpublish', 'page', '--portal', 'Shop', '--scope', 'default', '6', ...d()])
    await cli(['run', '--wait', '20', ...d()])
  }, 120_000)

  it('refuses start times it cannot read or that have passed', async () => {
    const bad = await cli(['publish', 'page', '--portal', 'Shop', '6', '--at', 'tomorrow', ...d()])
    expect(bad.code).toBe(2)
    expect(bad.stderr).toMatch(/"tomorrow" is not a time/)
    const past = await cli(['publish', 'page', '--portal', 'Shop', '6', '--at', '2020-01-01 10:00', ...d()])
    expect(past.code).toBe(2)
    expect(past.stderr).toMatch(/is not in the future/)
    const two = await cli(['snapshot', 'take', '--portal', 'Shop', '--portal', 'Shop', '--site', '1', ...d()])
    expect(two.code, two.stderr).toBe(0)
  }, 60_000)

  it('speaks Russian with B24DESK_LANG=ru', async () => {
    const ru = { B24DESK_LANG: 'ru', LANG: 'en_US.UTF-8' }
    const take = await cli(['snapshot', 'take', '--portal', 'Shop', ...d()], ru)
    expect(take.code, take.stderr).toBe(0)
    expect(take.stderr).toMatch(/Снимок \d+ «Снимок: Shop»: сайтов 6, страниц \d+/)
    const list = await cli(['snapshot', 'list', ...d()], ru)
    expect(list.stdout).toMatch(/^ID\s+НАЗВАНИЕ\s+СДЕЛАН\s+ПОРТАЛЫ\s+ОХВАТ/)
    expect(list.stdout).toMatch(/целиком/)
    const diff = await cli(['snapshot', 'diff', take.stdout.trim(), ...d()], ru)
    expect(diff.stdout).toBe('Со времени снимка ничего не изменилось.\n')
    const bad = await cli(['publish', 'page', '--portal', 'Shop', '6', '--at', 'завтра', ...d()], ru)
    expect(bad.stderr).toMatch(/«завтра» — не время/)
    const missing = await cli(['maintenance', 'end', '999', ...d()], ru)
    expect(missing.stderr).toMatch(/Снимка 999 нет/)
    // The whole command line, not only the new commands: help, tables, usage errors.
    const help = await cli(['help'], ru)
    expect(help.stdout).toMatch(/^Использование: b24desk <команда> \[параметры\]/)
    expect(help.stdout).toMatch(/snapshot restore\s+поставить в очередь одно задание/)
    expect(help.stdout).toMatch(/portal add\s+проверить учётные данные/)
    expect((await cli(['portal', 'list', ...d()], ru)).stdout).toMatch(/^ИМЯ\s+АДРЕС\s+ДОСТУП/)
    expect((await cli(['jobs', ...d()], ru)).stdout).toMatch(/^ЗАДАНИЕ\s+СОСТОЯНИЕ\s+СОЗДАНО\s+ЗАПУСК/)
    expect((await cli(['sites', '--portal', 'Shop', ...d()], ru)).stdout).toMatch(
      /^ID\s+НАЗВАНИЕ\s+ТИП\s+ОБЛАСТЬ\s+ОПУБЛИКОВАН/
    )
    const usage = await cli(['run', '--wait'], ru)
    expect(usage.code).toBe(2)
    expect(usage.stderr).toMatch(/--wait: нужно значение\nИспользование: b24desk run/)
    // LANG decides when B24DESK_LANG is not set.
    expect((await cli(['help'], { LANG: 'ru_RU.UTF-8' })).stdout).toMatch(/^Использование/)
    expect((await cli(['help'], { LANG: 'ru_RU.UTF-8', B24DESK_LANG: 'en' })).stdout).toMatch(/^Usage/)
  }, 60_000)
})
