import { describe, expect, it } from 'vitest'
import { acmePortal } from '../testing/acme'
import { inProcessCli } from '../testing/in-process'

const cli = inProcessCli('states cli test')
const RU = { B24DESK_LANG: 'ru' }

/** The one way a table writes a time: local, to the minute, with the offset. */
const TABLE_TIME = /\d{4}-\d\d-\d\d \d\d:\d\d \([+-]\d\d:\d\d\)/g
/** Any other way a time could sneak into a table. */
const OTHER_TIME = /\d{4}-\d\d-\d\dT\d\d:\d\d|\d\d:\d\d:\d\d/
const ISO_WITH_OFFSET = /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?(?:Z|[+-]\d\d:\d\d)$/
const inMs = (ms: number) => new Date(Date.now() + ms).toISOString()

/** What the command line says about jobs, operations, documents and portals (issue 19). */
describe('states, labels, times and links the command line shows', () => {
  const acme = acmePortal(cli, 'states')
  const d = () => acme.d()

  it('labels operations queued by id with the title the catalog knows, in the report and its exports', async () => {
    expect((await cli(['pages', '--portal', 'acme', ...d()])).code).toBe(0)
    const title = acme.emu.portals[0].control.state().pages.find((p) => p.id === 14)!.title
    const pub = await cli(['publish', 'page', '--portal', 'acme', '14', ...d()])
    const jobId = pub.stdout.trim()
    const report = JSON.parse((await cli(['job', jobId, '--json', ...d()])).stdout) as {
      operations: Array<{ targetId: number; label?: string }>
    }
    expect(report.operations[0]).toMatchObject({ targetId: 14, label: title })
    expect((await cli(['job', jobId, ...d()])).stdout).toContain(`14 ${title}`)
    const csv = await cli(['job', jobId, '--export', 'csv', ...d()])
    expect(csv.stdout).toContain(title)
    const json = await cli(['job', jobId, '--export', 'json', ...d()])
    expect(json.stdout).toContain(title)
    expect((await cli(['run', '--wait', '20', ...d()])).code).toBe(0)
  }, 60_000)

  it('a scheduled job reads "scheduled" everywhere, and a cancelled one reads "cancelled", with no start to come', async () => {
    const later = await cli([
      'publish',
      'page',
      '--portal',
      'acme',
      '--scope',
      'default',
      '6',
      '--at',
      inMs(3_600_000),
      ...d()
    ])
    const jobId = later.stdout.trim()
    const row = new RegExp(`^${jobId}\\s+scheduled\\s`, 'm')
    expect((await cli(['jobs', ...d()])).stdout).toMatch(row)
    expect((await cli(['queue', ...d()])).stdout).toMatch(row)
    expect((await cli(['job', jobId, ...d()])).stdout).toMatch(new RegExp(`^Job ${jobId} \\(scheduled\\)`))
    expect((await cli(['jobs', ...d()], RU)).stdout).toMatch(new RegExp(`^${jobId}\\s+по расписанию\\s`, 'm'))

    expect((await cli(['job', jobId, '--cancel', ...d()])).code).toBe(0)
    const jobs = await cli(['jobs', ...d()])
    const line = jobs.stdout.split('\n').find((l) => l.startsWith(`${jobId} `))!
    expect(line).toMatch(new RegExp(`^${jobId}\\s+cancelled\\s`))
    expect(line).not.toMatch(/starts|finished/)
    expect((await cli(['job', jobId, ...d()])).stdout).toMatch(new RegExp(`^Job ${jobId} \\(cancelled\\)`))
    expect((await cli(['jobs', ...d()], RU)).stdout).toMatch(new RegExp(`^${jobId}\\s+отменено\\s`, 'm'))
    const listed = JSON.parse((await cli(['jobs', '--json', ...d()])).stdout) as Array<{
      id: number
      status: string
    }>
    expect(listed.find((j) => j.id === Number(jobId))?.status).toBe('cancelled')
  }, 60_000)

  it('says stored titles, states, kinds and actions in Russian', async () => {
    const pub = await cli(['unpublish', 'page', '--portal', 'acme', '14', ...d()])
    const jobId = pub.stdout.trim()
    expect((await cli(['run', '--wait', '20', ...d()])).code).toBe(0)
    const shown = await cli(['job', jobId, ...d()], RU)
    expect(shown.stdout).toMatch(
      new RegExp(`^Задание ${jobId} \\(завершено\\): снять с публикации 1 страницу на acme`)
    )
    expect(shown.stdout).toMatch(/страница\s+14 .*снять с публикации\s+обычная\s+выполнено/)
    expect(shown.stdout).not.toMatch(/\b(finished|done|unpublish|page)\b/)
    const jobs = await cli(['jobs', ...d()], RU)
    expect(jobs.stdout).toMatch(/снять с публикации 1 страницу на acme/)
  }, 60_000)

  it('writes every time in a table one way, and every time in JSON with its offset', async () => {
    const tables = [
      await cli(['jobs', ...d()]),
      await cli(['portal', 'list', ...d()]),
      await cli(['docs', '--portal', 'acme', ...d()]),
      await cli(['jobs', ...d()], RU)
    ]
    for (const t of tables) {
      expect(t.code, t.stderr).toBe(0)
      expect(t.stdout.match(TABLE_TIME)?.length ?? 0).toBeGreaterThan(0)
      expect(t.stdout.replace(TABLE_TIME, '')).not.toMatch(OTHER_TIME)
    }
    const jobs = JSON.parse((await cli(['jobs', '--json', ...d()])).stdout) as Array<Record<string, unknown>>
    for (const j of jobs) {
      expect(j.createdAt).toMatch(ISO_WITH_OFFSET)
      if (j.finishedAt !== null) expect(j.finishedAt).toMatch(ISO_WITH_OFFSET)
    }
    // The portal writes landing dates in its own local time (UTC+3 here): JSON gives them its offset.
    const pages = JSON.parse((await cli(['pages', '--portal', 'acme', '--json', ...d()])).stdout) as {
      rows: Array<{ id: number; modifiedAt: string | null }>
    }
    expect(Object.values((pages as unknown as { syncedAt: Record<string, unknown> }).syncedAt)[0]).toMatch(
      ISO_WITH_OFFSET
    )
    // --offline does not ask the portal, so it gives the wall clock as the portal wrote it.
    const stored = JSON.parse(
      (await cli(['pages', '--portal', 'acme', '--offline', '--json', ...d()])).stdout
    ) as {
      rows: Array<{ id: number; modifiedAt: string | null }>
    }
    const wallClock = new Map(stored.rows.map((r) => [r.id, r.modifiedAt]))
    const dated = pages.rows.filter((r) => r.modifiedAt !== null)
    expect(dated.length).toBeGreaterThan(0)
    for (const r of dated) {
      expect(r.modifiedAt).toMatch(/^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\+03:00$/)
      expect(r.modifiedAt).toBe(`${wallClock.get(r.id)}+03:00`)
    }
    const portals = JSON.parse((await cli(['portal', 'list', '--json', ...d()])).stdout) as Array<{
      lastSyncAt: unknown
    }>
    expect(portals[0].lastSyncAt).toMatch(ISO_WITH_OFFSET)
  }, 60_000)

  it('docs shows whether each public link is on, and its URL, in the table and in JSON', async () => {
    expect((await cli(['link', 'on', '--portal', 'acme', '2', ...d()])).code).toBe(0)
    expect((await cli(['run', '--wait', '20', ...d()])).code).toBe(0)
    const url = acme.emu.portals[0].control.state().documents.find((x) => x.id === 2)!.publicUrl!
    expect(url).toMatch(/^https:/)
    const docs = await cli(['docs', '--portal', 'acme', '--links', ...d()])
    expect(docs.code, docs.stderr).toBe(0)
    expect(docs.stdout).toMatch(/LINK\s+PUBLIC URL/)
    expect(docs.stdout).toMatch(new RegExp(`^2\\s.*\\son\\s+${url.replace(/[.?]/g, '\\$&')}`, 'm'))
    const json = JSON.parse(
      (await cli(['docs', '--portal', 'acme', '--offline', '--json', ...d()])).stdout
    ) as {
      rows: Array<{ id: number; link: string; publicUrl?: string | null }>
    }
    expect(json.rows.find((r) => r.id === 2)).toMatchObject({ link: 'on', publicUrl: url })
    // After --links every link is known: on with its URL, or off with none.
    for (const r of json.rows)
      expect(
        r.link === 'on' ? typeof r.publicUrl === 'string' : r.link === 'off' && r.publicUrl === null,
        JSON.stringify(r)
      ).toBe(true)

    expect((await cli(['link', 'off', '--portal', 'acme', '2', ...d()])).code).toBe(0)
    expect((await cli(['run', '--wait', '20', ...d()])).code).toBe(0)
    const off = await cli(['docs', '--portal', 'acme', '--offline', ...d()], RU)
    expect(off.stdout).toMatch(/^2\s.*\sвыкл\./m)
  }, 60_000)

  it('portal remove with queued work says how much it cancels and refuses without --yes', async () => {
    await cli([
      'publish',
      'page',
      '--portal',
      'acme',
      '--scope',
      'default',
      '6',
      '14',
      '--at',
      inMs(3_600_000),
      ...d()
    ])
    const refused = await cli(['portal', 'remove', 'acme', ...d()])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(
      /Removing “acme” cancels 2 queued or scheduled operations\. Remove it\? Give --yes/
    )
    const ru = await cli(['portal', 'remove', 'acme', ...d()], RU)
    expect(ru.code).toBe(1)
    expect(ru.stderr).toMatch(/Удаление «acme» отменит 2 операции в очереди или по расписанию/)
    expect((await cli(['portal', 'list', ...d()])).stdout).toMatch(/^acme\s/m)
    const removed = await cli(['portal', 'remove', 'acme', '--yes', ...d()])
    expect(removed.code, removed.stderr).toBe(0)
    expect((await cli(['portal', 'list', ...d()])).stdout).not.toMatch(/^acme\s/m)
  }, 60_000)
})
