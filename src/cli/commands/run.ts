import type { JobSummary, OutboxView } from '../../../src/shared/domain/outbox'
import { intFlag } from '../args'
import type { CliCommand } from '../command'
import { showDuration, showWhen } from '../when'
import {
  EXIT_CANNOT_PROCEED,
  EXIT_OPERATIONS_FAILED,
  jobJson,
  laneReasonText,
  laneStateName,
  portalNames
} from './outbox-common'
import { runText as t } from './run.messages'
import { schedule } from './schedule-messages'

/** Without --wait: how long nothing may change before run gives up. */
const STALL_MS = 60_000
/** How often run looks at the outbox; lines are printed only when what they say changed. */
const TICK_MS = 250
/** The fewest milliseconds between two progress lines, so a lane flapping between states is not a flood. */
const LINE_GAP_MS = 2_000

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

const totals = (s: OutboxView) =>
  s.lanes.reduce(
    (t, l) => ({
      queued: t.queued + l.counts.queued,
      sending: t.sending + l.counts.sending,
      done: t.done + l.counts.done,
      failed: t.failed + l.counts.failed,
      mismatch: t.mismatch + l.counts.mismatch
    }),
    { queued: 0, sending: 0, done: 0, failed: 0, mismatch: 0 }
  )

export const runCommand: CliCommand = {
  name: 'run',
  summary: () => t('summary'),
  usage: () => t('usage'),
  details: () => t('details', { cannot: EXIT_CANNOT_PROCEED, failed: EXIT_OPERATIONS_FAILED }),
  flags: { wait: 'string' },
  runOutbox: true,
  // At the deadline, requests still on the wire are not waited for long: they are recovered on the next start.
  closeGraceMs: 1_000,
  async run(args, ctx) {
    const wait = intFlag(args, 'wait')
    const started = Date.now()
    const deadline = wait === undefined ? Infinity : started + wait * 1000
    const services = await ctx.services()
    const names = await portalNames(ctx)
    const interactive = !ctx.json && (ctx.io.stderr as NodeJS.WriteStream).isTTY === true
    let lastText = ''
    let lastLineAt = 0
    let changedAt = started
    let lastState = ''
    // Jobs this run worked on: the lanes only count unfinished jobs, the final report wants these.
    const seen = new Set<number>()
    for (;;) {
      const view = await ctx.invoke('outbox:view')
      const sum = totals(view)
      const holder = services.outbox.runnerHolder()
      const weRun = services.outbox.isRunner()
      const now = Date.now()
      const horizon = Number.isFinite(deadline) ? deadline - now : STALL_MS
      // A maintenance window's end job waits a little past `until` as a fallback: at `until` the
      // snapshots service plans the end again from what the portal shows then (in this process too).
      const endsAt = new Map<number, number>()
      for (const s of await ctx.invoke('snapshots:list')) {
        const m = s.maintenance
        if (m?.active && m.until !== null && m.endJobId !== null) endsAt.set(m.endJobId, Date.parse(m.until))
      }
      const dueAt = (j: JobSummary) => Math.min(Date.parse(j.startAt ?? ''), endsAt.get(j.id) ?? Infinity)
      // Jobs scheduled for later than run will wait are not this run's to wait for (issue 13).
      const later = view.jobs.filter(
        (j) =>
          j.state !== 'finished' && j.startAt !== null && j.startedAt === null && dueAt(j) - now > horizon
      )
      const onlyLater =
        later.length > 0 && view.jobs.every((j) => j.state === 'finished' || later.includes(j))
      for (const j of view.jobs) if (j.finishedAt === null && !later.includes(j)) seen.add(j.id)
      if (!services.hasPendingWork() || onlyLater) {
        if (interactive && lastText) ctx.io.stderr.write('\n')
        if (onlyLater) {
          const next = [...later].sort((a, b) => Date.parse(a.startAt ?? '') - Date.parse(b.startAt ?? ''))[0]
          ctx.warn(
            schedule('nothingDue', {
              id: next.id,
              when: showWhen(next.startAt),
              left: showDuration(Date.parse(next.startAt ?? '') - now)
            })
          )
        }
        const jobs = view.jobs.filter((j) => seen.has(j.id))
        const done = jobs.reduce((n, j) => n + j.counts.done, 0)
        const failed = jobs.reduce((n, j) => n + j.counts.failed, 0)
        const mismatch = jobs.reduce((n, j) => n + j.counts.mismatch, 0)
        ctx.print(
          { drained: true, done, failed, mismatch, jobs: jobs.map(jobJson) },
          t('drained', { done, failed, mismatch })
        )
        if (failed + mismatch === 0) return 0
        const bad = jobs.filter((j: JobSummary) => j.counts.failed + j.counts.mismatch > 0)
        ctx.warn(
          t('see failures', {
            commands: bad.map((j) => `b24desk job ${j.id} --failed`).join('; '),
            retry: bad.map((j) => `b24desk job ${j.id} --retry-failed`).join('; ')
          })
        )
        return EXIT_OPERATIONS_FAILED
      }
      const pendingLanes = view.lanes.filter((l) => l.counts.queued + l.counts.sending > 0)
      const left = sum.queued + sum.sending
      const state = JSON.stringify([sum, pendingLanes.map((l) => [l.portalId, l.state, l.reason])])
      if (state !== lastState) {
        lastState = state
        changedAt = now
      }
      const laneText = pendingLanes
        .map((l) =>
          t('lane left', {
            portal: names.get(l.portalId) ?? l.portalId,
            state: laneStateName(l.state),
            left: l.counts.queued + l.counts.sending
          })
        )
        .join(' · ')
      const who = weRun ? '' : holder ? t('other process', { pid: holder.pid }) : t('no lock')
      const text = `${t('progress', { done: sum.done, failed: sum.failed, mismatch: sum.mismatch, left })}${who}${laneText ? ` | ${laneText}` : ''}`
      // A line when what it says changed (not on a timer), and not more often than LINE_GAP_MS.
      if (!ctx.json && text !== lastText && now - lastLineAt >= LINE_GAP_MS) {
        lastText = text
        lastLineAt = now
        ctx.io.stderr.write(interactive ? `\r${text.slice(0, 200).padEnd(200)}` : `${text}\n`)
      }
      const outOfTime = now >= deadline
      const stalled = !Number.isFinite(deadline) && now - changedAt >= STALL_MS
      if (outOfTime || stalled) {
        if (interactive && lastText) ctx.io.stderr.write('\n')
        const reasons = pendingLanes.map((l) => ({
          portal: names.get(l.portalId) ?? l.portalId,
          state: l.state,
          reason: l.reason,
          left: l.counts.queued + l.counts.sending
        }))
        ctx.print({ drained: false, ...sum, lanes: reasons }, '')
        const pausedJobsOnly =
          view.jobs.some((j) => j.state === 'paused') && view.jobs.every((j) => j.state !== 'active')
        const why = !weRun
          ? holder
            ? t('another process', { pid: holder.pid })
            : t('lock unavailable')
          : pausedJobsOnly
            ? t('jobs paused')
            : pendingLanes
                .map(
                  (l) =>
                    `${names.get(l.portalId) ?? l.portalId}: ${laneReasonText(l.reason) || (l.state === 'running' ? t('still sending') : laneStateName(l.state))}`
                )
                .join('; ')
        const seconds = outOfTime ? (wait ?? 0) : STALL_MS / 1000
        ctx.io.stderr.write(
          `b24desk: ${t(outOfTime ? 'not done' : 'stalled', { count: left, seconds, why })}\n`
        )
        return EXIT_CANNOT_PROCEED
      }
      await sleep(Math.min(TICK_MS, Math.max(0, deadline - Date.now())))
    }
  }
}
