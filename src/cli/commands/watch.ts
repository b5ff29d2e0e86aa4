// `b24desk watch --once [--portal NAME]`: one watch pass over the portals (issue 23).
import type { PortalSummary } from '../../../src/shared/domain/portal'
import type { WatchPass } from '../../main/services/watch'
import { stringFlag, UsageError } from '../args'
import type { CliCommand } from '../command'
import { changeJson, changesTable } from './changes-common'
import { watchText as t } from './watch.messages'

export const watchCommand: CliCommand = {
  name: 'watch',
  summary: () => t('summary'),
  usage: () => t('usage'),
  details: () => t('details'),
  flags: { once: 'boolean', portal: 'string' },
  async run(args, ctx) {
    if (args.flags.once !== true) throw new UsageError(t('once needed'))
    const name = stringFlag(args, 'portal')
    const portals: PortalSummary[] = name ? [await ctx.portalByName(name)] : await ctx.invoke('portals:list')
    const names = new Map(portals.map((p) => [p.id, p.name]))
    const { watch } = await ctx.services()
    const passes: WatchPass[] = []
    const failures: Array<{ portalId: string; portalName: string; code: string; message: string }> = []
    for (const p of portals) {
      try {
        passes.push(await watch.watchOnce(p.id))
      } catch (err) {
        const e = err as { code?: string; message?: string }
        failures.push({
          portalId: p.id,
          portalName: p.name,
          code: e.code ?? 'WATCH_FAILED',
          message: e.message ?? String(err)
        })
        ctx.warn(t('failed', { portal: p.name, reason: e.message ?? String(err) }))
      }
    }
    ctx.print(
      {
        passes: passes.map((x) => ({
          ...x,
          portalName: names.get(x.portalId) ?? null,
          changes: x.changes.map((c) => changeJson(c, names))
        })),
        failures
      },
      () =>
        passes
          .map((x) => {
            const portal = names.get(x.portalId) ?? x.portalId
            if (x.baseline) return t('baseline', { portal })
            const own = x.ownChanges > 0 ? t('own', { portal, count: x.ownChanges }) : ''
            const table = x.changes.length > 0 ? changesTable(x.changes, names) : ''
            return `${t('seen', { portal, count: x.changes.length })}${table}${own}`
          })
          .join('')
    )
    return failures.length > 0 ? 1 : 0
  }
}
