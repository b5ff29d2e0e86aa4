import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { showWhen } from '../when'
import { healthName } from './outbox-common'
import { pt } from './portal-texts.messages'

export const portalListCommand: CliCommand = {
  name: 'portal list',
  summary: () => pt('list the portals'),
  usage: '',
  async run(_args, ctx) {
    const portals = await ctx.invoke('portals:list')
    ctx.print(portals, () =>
      portals.length === 0
        ? pt('no portals yet add one')
        : formatTable(
            ['NAME', 'HOST', 'AUTH', 'LIMITS', 'STATUS', 'LAST SYNC', 'TAGS'],
            portals.map((p) => [
              p.name + (p.demo ? pt('demo') : ''),
              p.host,
              p.authKind,
              p.limits,
              healthName(p.health.state),
              showWhen(p.lastSyncAt),
              p.tags.join(',')
            ])
          )
    )
  }
}
