import type { CliCommand } from '../command'
import { pt } from './portal-texts.messages'
import { nameArg } from './portal-common'

export const portalCheckCommand: CliCommand = {
  name: 'portal check',
  summary: () => pt('call the portal now and'),
  usage: 'NAME',
  details: () => pt('prints online and exits 0'),
  async run(args, ctx) {
    const portal = await ctx.portalByName(nameArg(args))
    const health = await ctx.invoke('portals:probe', { portalId: portal.id })
    // A failed check never reports online. With --json, stdout is the document; the reason also goes to stderr.
    const ok = health.state === 'online'
    ctx.print({ portal: portal.name, health }, () =>
      ok
        ? `${portal.name}: online\n`
        : `${portal.name}: ${health.state}${health.lastError ? ` — ${health.lastError.message}` : ''}\n`
    )
    if (!ok && ctx.json)
      ctx.warn(`${portal.name}: ${health.state}${health.lastError ? ` — ${health.lastError.message}` : ''}`)
    return ok ? 0 : 1
  }
}
