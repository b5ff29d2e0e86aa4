import { describe, expect, it } from 'vitest'
import { acmePortal } from '../testing/acme'
import { inProcessCli } from '../testing/in-process'

const cli = inProcessCli('job cli test')

/** `b24desk job ID` after the read-back: what the portal reports, and what else it changed. */
describe('job report from the read-back', () => {
  const acme = acmePortal(cli, 'job')

  it('lists what the portal changed beyond the job, and an operation the portal reports otherwise', async () => {
    const portal = acme.emu.portals[0]
    const s = portal.control.state()
    // An ordinary site with inactive pages: the server's site publication publishes them too (docs/bitrix24.md#site-publication).
    const site = s.sites.find(
      (x) => !x.deleted && x.scope === '' && s.pages.some((p) => p.siteId === x.id && !p.deleted && !p.active)
    )!
    const inactive = s.pages.filter((p) => p.siteId === site.id && !p.deleted && !p.active && p.canPublish)
    expect(inactive.length).toBeGreaterThan(0)
    // And a page of another site the account may not publish: the portal answers with nothing (docs/bitrix24.md#publication-without-right).
    const locked = s.pages.find((p) => p.siteId !== site.id && !p.deleted && !p.active && p.scope === '')!
    portal.control.setPublicationRight([locked.id], false)
    for (const list of [['sites'], ['folders', '--site', String(site.id)], ['pages']])
      expect((await cli([...list, '--portal', 'acme', ...acme.d()])).code).toBe(0)

    const site1 = await cli(['publish', 'site', '--portal', 'acme', String(site.id), ...acme.d()])
    const page1 = await cli(['publish', 'page', '--portal', 'acme', String(locked.id), ...acme.d()])
    const [siteJob, pageJob] = [site1, page1].map((r) => Number(r.stdout.trim()))
    const run = await cli(['run', '--wait', '10', ...acme.d()])
    expect(run.stdout, run.stderr).toMatch(/Outbox empty/)

    const shown = await cli(['job', String(siteJob), ...acme.d()])
    expect(shown.code, shown.stderr).toBe(0)
    expect(shown.stdout).toContain('Also changed on the portal')
    for (const p of inactive)
      expect(shown.stdout).toMatch(new RegExp(`page\\s+${p.id} .*published\\s+not published`))
    const json = JSON.parse((await cli(['job', String(siteJob), '--json', ...acme.d()])).stdout) as {
      job: { changes: number }
      changes: Array<{ kind: string; id: number; before: boolean; after: boolean }>
    }
    const pages = json.changes.filter((c) => c.kind === 'page')
    expect(pages.map((c) => c.id).sort()).toEqual(inactive.map((p) => p.id).sort())
    expect(pages.every((c) => c.before === false && c.after === true)).toBe(true)
    expect(json.job.changes).toBe(json.changes.length)

    const failed = await cli(['job', String(pageJob), '--failed', ...acme.d()])
    expect(failed.stdout).toMatch(/1 reported otherwise/)
    expect(failed.stdout).toMatch(/reported otherwise\s+1\s+PORTAL_REPORTS_OTHERWISE/)
    expect(failed.stdout).toContain('The portal reports the page as not published.')
    const csv = await cli(['job', String(siteJob), '--export', 'csv', ...acme.d()])
    expect(csv.stdout.split('\r\n').filter((l) => l.includes(',changed_on_portal,')).length).toBe(
      json.changes.length
    )

    // The server's site unpublication leaves fully published pages active (docs/bitrix24.md#site-publication): not live, and said so.
    await cli(['unpublish', 'site', '--portal', 'acme', String(site.id), ...acme.d()])
    await cli(['run', '--wait', '10', ...acme.d()])
    const stillActive = portal.control
      .state()
      .pages.filter((p) => p.siteId === site.id && !p.deleted && p.active)
    expect(stillActive.length).toBeGreaterThan(0)
    const listed = await cli(['pages', '--portal', 'acme', '--offline', ...acme.d()])
    for (const p of stillActive)
      expect(listed.stdout).toMatch(new RegExp(`^${p.id}\\s.*\\syes, site not\\s`, 'm'))
  }, 90_000)
})
