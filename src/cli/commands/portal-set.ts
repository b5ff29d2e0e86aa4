import {
  DEFAULT_MAX_IN_FLIGHT,
  MAX_IN_FLIGHT_LIMIT,
  maxInFlightSchema
} from '../../../src/shared/domain/portal'
import { inspectCaPem } from '../../main/services/bitrix/ca'
import { stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliCommand, CliContext } from '../command'
import { portalText } from './portal.messages'
import { pt } from './portal-texts.messages'
import { limitsOf, nameArg, readCa } from './portal-common'

/** --ca FILE (checked and shown before the portal is called) or --ca none; undefined without --ca. */
const caOf = (args: ParsedArgs, ctx: CliContext): string | null | undefined => {
  const flag = stringFlag(args, 'ca')
  if (flag === undefined) return undefined
  if (flag.toLowerCase() === 'none') return null
  const pem = readCa(args)
  if (pem === undefined) throw new UsageError(pt('cannot read the certificate file'))
  const lines = inspectCaPem(pem).map((ca) =>
    pt('subject sha 256 fingerprint fingerprint', {
      subject: ca.subject,
      fingerprint: ca.fingerprint256,
      until: ca.validTo.slice(0, 10)
    })
  )
  if (!ctx.json) ctx.io.stdout.write(portalText('ca to trust') + lines.join(''))
  return pem
}

export const portalSetCommand: CliCommand = {
  name: 'portal set',
  summary: () => portalText('set summary'),
  usage: `NAME [--name NEW] [--tags a,b] [--color #rrggbb|none] [--notes TEXT] [--max-in-flight N] [--limits standard|enterprise|self-hosted] [--ca FILE|none]`,
  details: () =>
    pt('max in flight help', { max: MAX_IN_FLIGHT_LIMIT, default: DEFAULT_MAX_IN_FLIGHT }) +
    portalText('set ca'),
  flags: {
    'max-in-flight': 'string',
    limits: 'string',
    name: 'string',
    tags: 'string',
    color: 'string',
    notes: 'string',
    ca: 'string'
  },
  inputOptions: {
    'meta.name': '--name',
    'meta.tags': '--tags',
    'meta.color': '--color',
    'meta.notes': '--notes',
    'meta.maxInFlight': '--max-in-flight',
    'meta.limits': '--limits',
    caPem: '--ca'
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
    const noMeta = Object.values(meta).every((v) => v === undefined)
    if (noMeta && stringFlag(args, 'ca') === undefined) throw new UsageError(portalText('set nothing'))
    const caPem = caOf(args, ctx)
    const portal = await ctx.portalByName(name)
    // The CA first: a portal that does not answer with it refuses the whole command before anything changes.
    if (caPem !== undefined) {
      const trusted = await ctx.invoke('portals:setCa', { portalId: portal.id, caPem })
      if (noMeta) {
        ctx.print(
          trusted,
          portalText(caPem ? 'ca done' : 'ca none done', { name: trusted.name, host: trusted.host })
        )
        return
      }
    }
    const updated = await ctx.invoke('portals:update', { portalId: portal.id, meta })
    ctx.print(
      updated,
      portalText('set done', { name: updated.name, count: updated.maxInFlight, limits: updated.limits })
    )
  }
}
