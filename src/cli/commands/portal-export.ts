import { stringFlag } from '../args'
import type { CliCommand } from '../command'
import { pt } from './portal-texts.messages'

export const portalExportCommand: CliCommand = {
  name: 'portal export',
  summary: () => pt('write the portal list without'),
  usage: '[--out FILE]',
  details: () => pt('without out the list goes'),
  flags: { out: 'string' },
  async run(args, ctx) {
    const json = await ctx.invoke('portals:export')
    const out = stringFlag(args, 'out')
    if (!out) {
      ctx.io.stdout.write(`${json}\n`)
      return
    }
    ctx.output(`${json}\n`, out, { mode: 0o600, quiet: true })
    const count = (JSON.parse(json) as { portals: unknown[] }).portals.length
    ctx.print({ file: out, portals: count }, pt('wrote the list of portals', { count, out }))
  }
}
