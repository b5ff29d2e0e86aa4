// `b24desk watch --once`, `changes` and `changes accept` against an emulated portal changed behind the app's back (issue 23).
import { describe, expect, it } from 'vitest'
import { acmePortal } from '../testing/acme'
import { inProcessCli } from '../testing/in-process'

const cli = inProcessCli('watch cli test')

interface SeenJson {
  id: number
  kind: string
  targetId: number
  field: string
  before: unknown
  after: unknown
  state: string
  portalName: string
}

describe('the watch sees what others change', () => {
  const acme = acmePortal(cli, 'watch')
  const run = (args: string[], env?: NodeJS.ProcessEnv) => cli([...args, ...acme.d()], env)

  it('records outside edits, not the app’s own job, and accepting one takes it off the new ones', async () => {
    expect((await run(['watch'])).code).toBe(2)
    const first = await run(['watch', '--once', '--portal', 'acme'])
    expect(first.code, first.stderr).toBe(0)
    expect(first.stdout).toContain('acme: first pass')

    const portal = acme.emu.portals[0]
    const s = portal.control.state()
    const activeSites = new Set(
      s.sites.filter((x) => x.active && !x.deleted && x.scope === '').map((x) => x.id)
    )
    const pages = s.pages.filter((p) => activeSites.has(p.siteId) && !p.deleted)
    const live = pages.filter((p) => p.active)
    const idle = pages.find((p) => !p.active && p.canPublish)!
    const [unpublished, retitled, toPutBack] = live
    expect(unpublished && retitled && toPutBack && idle).toBeTruthy()
    portal.control.editOutside({ kind: 'page', id: unpublished.id, action: 'unpublish' })
    portal.control.editOutside({ kind: 'page', id: toPutBack.id, action: 'unpublish' })
    portal.control.editOutside({
      kind: 'page',
      id: retitled.id,
      action: 'retitle',
      title: 'Renamed elsewhere'
    })
    // The app's own work: a job publishes a page, and the outbox sends it.
    expect((await run(['publish', 'page', '--portal', 'acme', String(idle.id)])).code).toBe(0)
    const sent = await run(['run', '--wait', '10'])
    expect(sent.stdout, sent.stderr).toMatch(/Outbox empty/)
    expect(portal.control.state().pages.find((p) => p.id === idle.id)!.active).toBe(true)

    const pass = await run(['watch', '--once', '--json'])
    expect(pass.code, pass.stderr).toBe(0)
    const seen = (JSON.parse(pass.stdout) as { passes: Array<{ changes: SeenJson[] }> }).passes[0].changes
    const about = (id: number) => seen.filter((c) => c.targetId === id)
    expect(about(unpublished.id)).toMatchObject([
      { kind: 'page', field: 'published', before: true, after: false }
    ])
    expect(about(retitled.id)).toMatchObject([
      { kind: 'page', field: 'title', before: retitled.title, after: 'Renamed elsewhere', state: 'new' }
    ])
    expect(about(idle.id)).toEqual([])
    expect(seen.every((c) => c.portalName === 'acme')).toBe(true)

    // Nothing changed since: the next pass sees nothing.
    const again = await run(['watch', '--once', '--portal', 'acme'])
    expect(again.stdout).toContain('acme: 0 changes made elsewhere.')

    const table = await run(['changes', '--portal', 'acme'])
    expect(table.code, table.stderr).toBe(0)
    expect(table.stdout).toMatch(
      new RegExp(`page\\s+${unpublished.id}\\s.*published\\s+published\\s+not published`)
    )
    expect(table.stdout).toMatch(new RegExp(`page\\s+${retitled.id}\\s.*Renamed elsewhere\\s+title\\s`))
    const ru = await run(['changes'], { B24DESK_LANG: 'ru' })
    expect(ru.stdout).toMatch(/страница\s+\d+.*не опубликован/)

    const change = about(unpublished.id)[0]
    const accepted = await run(['changes', 'accept', String(change.id)])
    expect(accepted.code, accepted.stderr).toBe(0)
    expect(accepted.stdout).toBe('1 change accepted.\n')
    const fresh = JSON.parse((await run(['changes', '--new', '--json'])).stdout) as SeenJson[]
    expect(fresh.map((c) => c.id)).not.toContain(change.id)
    expect(fresh.map((c) => c.targetId)).toContain(retitled.id)
    const all = JSON.parse((await run(['changes', '--since', '1h', '--json'])).stdout) as SeenJson[]
    expect(all.find((c) => c.id === change.id)?.state).toBe('accepted')
    expect((await run(['changes', '--since', '2000-01-01', '--json'])).code).toBe(0)
    expect((await run(['changes', '--since', 'yesterday'])).code).toBe(2)
    const twice = await run(['changes', 'accept', String(change.id)])
    expect(twice.code).toBe(1)
    expect(twice.stderr).toMatch(/no longer new/)

    // Put back: a job publishes the page again, and the next pass does not take that for another hand's.
    const title = about(retitled.id)[0]
    const refused = await run(['changes', 'restore', String(title.id)])
    expect(refused.code).toBe(1)
    expect(refused.stderr).toMatch(/cannot be put back yet/)
    const back = about(toPutBack.id)[0]
    const restore = await run(['changes', 'restore', String(back.id)])
    expect(restore.code, restore.stderr).toBe(0)
    expect(restore.stdout).toMatch(/^Queued job \d+: 1 change put back\./)
    expect((await run(['run', '--wait', '10'])).stdout).toMatch(/Outbox empty/)
    expect(portal.control.state().pages.find((p) => p.id === toPutBack.id)!.active).toBe(true)
    const after = await run(['watch', '--once', '--json'])
    const later = (JSON.parse(after.stdout) as { passes: Array<{ changes: SeenJson[] }> }).passes[0].changes
    expect(later).toEqual([])
    const listed = JSON.parse((await run(['changes', '--json'])).stdout) as Array<
      SeenJson & { jobId: number }
    >
    expect(listed.find((c) => c.id === back.id)).toMatchObject({ state: 'put-back' })
    expect(listed.find((c) => c.id === back.id)!.jobId).toBeGreaterThan(0)
  }, 60_000)
})
