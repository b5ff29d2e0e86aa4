// `b24desk changes [--portal NAME] [--since TIME] [--new]`: the changes the watch saw (issue 23).
import { stringFlag, UsageError } from '../args'
import type { CliCommand } from '../command'
import { changeJson, changesTable } from './changes-common'
import { changesText as t } from './changes.messages'

const AGO = /^(\d+)\s*([mhd])$/i
const UNIT_MS = { m: 60_000, h: 3_600_000, d: 86_400_000 } as const

/** A time in the past as typed: `30m`, `12h`, `7d` ago, or anything with a date Date.parse reads. */
export const parseSince = (text: string, now: number): number => {
  const t0 = text.trim()
  const ago = AGO.exec(t0)
  if (ago) return now - Number(ago[1]) * UNIT_MS[ago[2].toLowerCase() as keyof typeof UNIT_MS]
  const ms = /^\d{4}-\d\d-\d\d/.test(t0) ? Date.parse(t0) : Number.NaN
  if (Number.isNaN(ms)) throw new UsageError(t('bad since', { text }))
  return ms
}

export const changesCommand: CliCommand = {
  name: 'changes',
  summary: () => t('summary'),
  usage: () => t('usage'),
  details: () => t('details'),
  flags: { portal: 'string', since: 'string', new: 'boolean' },
  async run(args, ctx) {
    const name = stringFlag(args, 'portal')
    const sinceText = stringFlag(args, 'since')
    const since = sinceText === undefined ? undefined : parseSince(sinceText, Date.now())
    const portalId = name ? (await ctx.portalByName(name)).id : undefined
    const names = new Map((await ctx.invoke('portals:list')).map((p) => [p.id, p.name]))
    const changes = (await ctx.services()).watch.changes({
      portalId,
      since,
      states: args.flags.new === true ? ['new'] : undefined
    })
    ctx.print(
      changes.map((c) => changeJson(c, names)),
      () => (changes.length === 0 ? t('none') : changesTable(changes, names))
    )
  }
}
