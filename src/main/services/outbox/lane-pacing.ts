/** The lane's use of the operating budget: reserving it while a request is on the wire, and keeping it across restarts. */
import type { BatchCommand } from '../bitrix/types'
import { budgetKey } from './commands'
import type { LaneCore } from './lane-core'
import type { OperatingBudget } from './pacer'

/** Estimated seconds per method, reserved in the budget while a request is on the wire. */
export type Reservation = Array<[method: string, seconds: number]>

export const reserve = (budget: OperatingBudget, commands: readonly BatchCommand[]): Reservation => {
  const per = new Map<string, number>()
  for (const c of commands) per.set(budgetKey(c.method), (per.get(budgetKey(c.method)) ?? 0) + 1)
  return [...per].map(([m, n]) => [m, budget.reserve(m, n)])
}

/** The request is answered (or failed): what it reserved is released. */
export const settle = (budget: OperatingBudget, reservation: Reservation): void => {
  for (const [m, s] of reservation) budget.settle(m, s)
}

/** The budget of the methods just used, kept in the database so a restart knows what the portal still counts. */
export const saveBudget = (
  core: LaneCore,
  budget: OperatingBudget,
  commands: readonly BatchCommand[],
  now: number
): void => {
  const methods = new Set(commands.map((c) => budgetKey(c.method)))
  try {
    core.deps.store.saveBudget(
      core.portalId,
      [...methods].map((m) => budget.save(m, now))
    )
  } catch (err) {
    // Losing this costs caution after a restart, never an operation: the outcomes are already committed.
    core.deps.log(
      `outbox: lane ${core.portalId}: could not save the operating budget: ${err instanceof Error ? err.message : String(err)}`
    )
  }
}
