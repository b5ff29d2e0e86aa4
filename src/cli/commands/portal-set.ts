import { DEFAULT_MAX_IN_FLIGHT, MAX_IN_FLIGHT_LIMIT, maxInFlightSchema } from '../../shared/domain/portal'
import { stringFlag, UsageError } from '../args'
import type { CliCommand } from '../command'
import { portalText } from './portal.messages'
import { pt } from './portal-texts.messages'
import { limitsOf, nameArg } from './portal-common'

export const portalSetCommand: CliCommand = {
  name: 'portal set',
  summary: () => portalText('set summary'),
  usage: `NAME [--name NEW] [--tags a,b] [--color #rrggbb|none] [--notes TEXT] [--max-in-flight N] [--limits standard|enterprise|self-hosted]`,
  details: () =>
    pt('max in flight help', { max: MAX_IN_FLIGHT_LIMIT, default: DEFAULT_MAX_IN_FLIGHT }) +
    portalText('set ca'),
  flags: {
    'max-in-flight': 'string',
    limits: 'string',
    name: 'string',
    tags: 'string',
    color: 'string',
    notes: 'string'
  },
  inputOptions: {
    'meta.name': '--name',
    'meta.tags': '--tags',
    'meta.color': '--color',
    'meta.notes': '--notes',
    'meta.maxInFlight': '--max-in-flight',
    'meta.limits': '--limits'
  },
  async run(args, ctx) {
    const name = nameArg(args)
    const raw = stringFlag(args, 'max-in-flight')
    let maxInFlight: number | undefined
    if (raw !== undefined) {
      const parsed = maxInFlightSchema.safeParse(/^\d+$/.test(raw) ? Number(raw) : NaN)
      if (!parsed.success) throw new UsageError(pt('max in flight must be', { max: MAX_IN_FLIGHT_LIMIT }))
      maxInFlight = parsed.data
    }
    const limits = stringFlag(args, 'limits') !== undefined ? limitsOf(args) : undefined
    const tagsText = stringFlag(args, 'tags')
    const colorText = stringFlag(args, 'color')
    const meta = {
      name: stringFlag(args, 'name'),
      tags:
        tagsText === undefined
          ? undefined
          : tagsText
              .split(',')
              .map((t) => t.trim())
              .filter(Boolean),
      color: colorText === undefined ? undefined : colorText.toLowerCase() === 'none' ? null : colorText,
      notes: stringFlag(args, 'notes'),
      maxInFlight,
      limits
    }
    if (Object.values(meta).every((v) => v === undefined)) throw new UsageError(portalText('set nothing'))
    const portal = await ctx.portalByName(name)
    const updated = await ctx.invoke('portals:update', { portalId: portal.id, meta })
    ctx.print(
      updated,
      portalText('set done', { name: updated.name, count: updated.maxInFlight, limits: updated.limits })
    )
  }
}
