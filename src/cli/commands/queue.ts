import type { LaneView } from '../../../src/shared/domain/outbox'
import { localize } from '../../main/services/app/language'
import { healthReason } from '../../main/services/outbox/describe'
import { messages } from '../../main/services/outbox/messages'
import type { CliCommand } from '../command'
import { formatTable } from '../table'
import { showWhen } from '../when'
import {
  healthName,
  jobJson,
  jobStatusName,
  laneReasonText,
  laneStateName,
  tableWithReason,
  titleText
} from './outbox-common'
import { queueText as t } from './queue.messages'

/** "2/4": requests in flight of the lane's current window; "(max 4)" when the window is below the portal's ceiling. */
const inFlightCell = (l: LaneView): string =>
  `${l.inFlight}/${l.window}${l.window < l.ceiling ? t('max in flight', { n: l.ceiling }) : ''}`

export const queueCommand: CliCommand = {
  name: 'queue',
  summary: () => t('summary'),
  usage: '',
  details: () => t('details'),
  async run(_args, ctx) {
    const services = await ctx.services()
    const snapshot = await ctx.invoke('outbox:view')
    const portals = new Map((await ctx.invoke('portals:list')).map((p) => [p.id, p]))
    const runner = services.outbox.runnerHolder()
    // Additive fields for scripts: the portal's name and health; a lane without a reason of its own
    // takes its portal's (refused credentials, not answering), which no runner is there to report.
    const lanes = snapshot.lanes.map((l) => {
      const p = portals.get(l.portalId)
      return {
        ...l,
        reason: l.reason ?? healthReason(p?.health),
        portalName: p?.name ?? null,
        portalHealth: p?.health.state ?? null
      }
    })
    ctx.print({ ...snapshot, jobs: snapshot.jobs.map(jobJson), lanes, runner }, () => {
      const laneTable = tableWithReason(
        ['PORTAL', 'STATE', 'HEALTH', 'IN FLIGHT', 'QUEUED', 'SENDING', 'DONE', 'FAILED', 'MISMATCH'],
        lanes.map((l) => [
          l.portalName ?? l.portalId,
          laneStateName(l.state),
          healthName(l.portalHealth),
          inFlightCell(l),
          l.counts.queued,
          l.counts.sending,
          l.counts.done,
          l.counts.failed,
          l.counts.mismatch
        ]),
        'REASON',
        lanes.map((l) => laneReasonText(l.reason))
      )
      const lowered = lanes
        .filter((l) => l.lowered)
        .map((l) =>
          localize(messages.laneLowered, {
            portal: l.portalName ?? l.portalId,
            to: l.lowered!.to,
            time: showWhen(l.lowered!.at),
            reason: laneReasonText(l.lowered!.reason)
          })
        )
        .join('\n')
      const jobs = formatTable(
        ['JOB', 'STATE', 'TOTAL', 'QUEUED', 'DONE', 'FAILED', 'MISMATCH', 'SUPERSEDED', 'CANCELLED', 'TITLE'],
        snapshot.jobs.map((j) => [
          j.id,
          jobStatusName(j),
          j.total,
          j.counts.queued + j.counts.sending,
          j.counts.done,
          j.counts.failed,
          j.counts.mismatch,
          j.counts.superseded,
          j.counts.cancelled,
          titleText(j.title)
        ])
      )
      const who = runner ? t('draining', { pid: runner.pid, host: runner.host }) : t('nobody drains')
      return `${laneTable}${lowered ? `${lowered}\n` : ''}\n${jobs}\n${who}`
    })
  }
}
