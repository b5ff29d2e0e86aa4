import { intentSchema, type Intent, type OutboxSnapshot, type TargetKind } from '../../shared/domain/outbox'
import { landingScopeSchema } from '../../shared/domain/catalog'
import { RunnerLock } from '../../main/services/outbox/runner-lock'
import { intFlag, requiredFlag, stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliCommand, CliContext } from '../command'
import { formatTable } from '../table'

const LANDING_KINDS: readonly TargetKind[] = ['site', 'page', 'folder']

const idsOf = (words: string[]): number[] => {
  if (words.length === 0) throw new UsageError('give at least one ID')
  return words.map((w) => {
    if (!/^\d+$/.test(w) || Number(w) <= 0) throw new UsageError(`"${w}" is not an ID (a positive whole number)`)
    return Number(w)
  })
}

const enqueue = async (ctx: CliContext, title: string, intents: Intent[]): Promise<void> => {
  const { handlers } = await ctx.services()
  const parsed = intents.map((i) => intentSchema.parse(i))
  const job = await handlers['outbox:enqueue']({ title, intents: parsed })
  ctx.print(job, () => `${job.id}\n`)
  ctx.warn(`Queued job ${job.id}: ${job.total} operation(s). The desktop app or "b24desk run" sends them.`)
}

const landingCommand = (action: 'publish' | 'unpublish'): CliCommand => ({
  name: action,
  summary: `queue ${action === 'publish' ? 'publication' : 'unpublication'} of sites, pages or folders; prints the job id`,
  usage: 'site|page|folder --portal NAME [--scope KNOWLEDGE|GROUP|MAINPAGE] [--title TEXT] ID...',
  flags: { portal: 'string', scope: 'string', title: 'string' },
  async run(args, ctx) {
    const [kind, ...rest] = args.positionals
    if (!LANDING_KINDS.includes(kind as TargetKind)) throw new UsageError('say what to act on: site, page or folder')
    const scope = landingScopeSchema.safeParse((stringFlag(args, 'scope') ?? '').toUpperCase())
    if (!scope.success) throw new UsageError('--scope must be KNOWLEDGE, GROUP or MAINPAGE (or left out)')
    const ids = idsOf(rest)
    const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
    await enqueue(
      ctx,
      stringFlag(args, 'title') ?? `${action} ${ids.length} ${kind}(s) on ${portal.name}`,
      ids.map((targetId) => ({ portalId: portal.id, kind: kind as TargetKind, targetId, scope: scope.data, action }))
    )
  }
})

const totals = (s: OutboxSnapshot) =>
  s.lanes.reduce(
    (t, l) => ({ queued: t.queued + l.counts.queued, sending: t.sending + l.counts.sending, done: t.done + l.counts.done, failed: t.failed + l.counts.failed }),
    { queued: 0, sending: 0, done: 0, failed: 0 }
  )

const portalNames = async (ctx: CliContext): Promise<Map<string, string>> => {
  const { handlers } = await ctx.services()
  return new Map((await handlers['portals:list'](undefined)).map((p) => [p.id, p.name]))
}

const BLOCKED = new Set(['unreachable', 'auth', 'paused'])

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const outboxCommands: CliCommand[] = [
  landingCommand('publish'),
  landingCommand('unpublish'),
  {
    name: 'link',
    summary: 'queue switching public links of CRM documents on or off; prints the job id',
    usage: 'on|off --portal NAME [--title TEXT] DOCID...',
    flags: { portal: 'string', title: 'string' },
    async run(args, ctx) {
      const [mode, ...rest] = args.positionals
      if (mode !== 'on' && mode !== 'off') throw new UsageError('say "link on" or "link off"')
      const ids = idsOf(rest)
      const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
      await enqueue(
        ctx,
        stringFlag(args, 'title') ?? `public link ${mode} for ${ids.length} document(s) on ${portal.name}`,
        ids.map((targetId) => ({ portalId: portal.id, kind: 'document', targetId, scope: '', action: mode === 'on' ? 'link-on' : 'link-off' }))
      )
    }
  },
  {
    name: 'queue',
    summary: 'show the outbox: operations per portal and per job',
    usage: '',
    async run(_args, ctx) {
      const { handlers, db } = await ctx.services()
      const snapshot = await handlers['outbox:snapshot'](undefined)
      const names = await portalNames(ctx)
      const runner = new RunnerLock(db).holder()
      ctx.print({ ...snapshot, runner }, () => {
        const lanes = formatTable(
          ['PORTAL', 'STATE', 'QUEUED', 'SENDING', 'DONE', 'FAILED', 'REASON'],
          snapshot.lanes.map((l) => [names.get(l.portalId) ?? l.portalId, l.state, l.counts.queued, l.counts.sending, l.counts.done, l.counts.failed, l.reason ?? ''])
        )
        const jobs = formatTable(
          ['JOB', 'STATE', 'TOTAL', 'QUEUED', 'DONE', 'FAILED', 'SUPERSEDED', 'CANCELLED', 'TITLE'],
          snapshot.jobs.map((j) => [j.id, j.state, j.total, j.counts.queued + j.counts.sending, j.counts.done, j.counts.failed, j.counts.superseded, j.counts.cancelled, j.title])
        )
        const who = runner ? `Draining: process ${runner.pid} on ${runner.host}.\n` : 'Nothing is draining the outbox now (start the app or run "b24desk run").\n'
        return `${lanes}\n${jobs}\n${who}`
      })
    }
  },
  {
    name: 'run',
    summary: 'send what is queued, in the foreground, until the outbox is empty',
    usage: '[--wait SECONDS]  (how long to wait for portals that are unreachable, refuse the credentials, or are paused; default 60)',
    flags: { wait: 'string' },
    runOutbox: true,
    async run(args: ParsedArgs, ctx) {
      const waitMs = (intFlag(args, 'wait') ?? 60) * 1000
      const services = await ctx.services()
      const lock = new RunnerLock(services.db)
      const names = await portalNames(ctx)
      const interactive = !ctx.json && (ctx.io.stderr as NodeJS.WriteStream).isTTY === true
      let blockedSince: number | null = null
      let lastLine = 0
      // Jobs this run worked on: the lanes only count unfinished jobs, the final report wants these.
      const seen = new Set<number>()
      for (;;) {
        const snapshot = await services.handlers['outbox:snapshot'](undefined)
        const t = totals(snapshot)
        const holder = lock.holder()
        const weRun = holder?.pid === process.pid
        for (const j of snapshot.jobs) if (j.finishedAt === null) seen.add(j.id)
        if (!services.hasPendingWork()) {
          if (interactive) ctx.io.stderr.write('\n')
          const jobs = snapshot.jobs.filter((j) => seen.has(j.id))
          const done = jobs.reduce((n, j) => n + j.counts.done, 0)
          const failed = jobs.reduce((n, j) => n + j.counts.failed, 0)
          ctx.print({ drained: true, done, failed, jobs }, `Outbox empty: ${done} done, ${failed} failed.\n`)
          return 0
        }
        const pendingLanes = snapshot.lanes.filter((l) => l.counts.queued + l.counts.sending > 0)
        const pausedJobsOnly = snapshot.jobs.filter((j) => j.state === 'active').length === 0
        const stuck = !weRun || pausedJobsOnly || (pendingLanes.length > 0 && pendingLanes.every((l) => BLOCKED.has(l.state)))
        const now = Date.now()
        blockedSince = stuck ? (blockedSince ?? now) : null
        if (!ctx.json && now - lastLine >= 1000) {
          lastLine = now
          const lanes = pendingLanes
            .map((l) => `${names.get(l.portalId) ?? l.portalId}: ${l.state} ${l.counts.queued + l.counts.sending} left`)
            .join(' · ')
          const who = weRun ? '' : holder ? ` (process ${holder.pid} is draining; waiting)` : ' (waiting for the runner lock)'
          const line = `${t.done} done, ${t.failed} failed, ${t.queued + t.sending} left${who}${lanes ? ` | ${lanes}` : ''}`
          ctx.io.stderr.write(interactive ? `\r${line.slice(0, 200).padEnd(200)}` : `${line}\n`)
        }
        if (blockedSince !== null && now - blockedSince >= waitMs) {
          if (interactive) ctx.io.stderr.write('\n')
          const reasons = pendingLanes.map((l) => ({ portal: names.get(l.portalId) ?? l.portalId, state: l.state, reason: l.reason, left: l.counts.queued + l.counts.sending }))
          ctx.print({ drained: false, ...t, lanes: reasons }, '')
          const why = !weRun
            ? holder
              ? `another process (pid ${holder.pid}) drains the outbox`
              : 'could not take the runner lock'
            : pausedJobsOnly
              ? 'the remaining jobs are paused'
              : reasons.map((r) => `${r.portal}: ${r.reason ?? r.state}`).join('; ')
          ctx.io.stderr.write(`b24desk: ${t.queued + t.sending} operation(s) cannot proceed: ${why}\n`)
          return 3
        }
        await sleep(250)
      }
    }
  }
]
