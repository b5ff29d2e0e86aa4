import type { BatchCommand, PortalClient } from '../bitrix/types'
import { RestError } from '../bitrix/types'

/**
 * The client every service gets: each answer of the portal (or each failure to get one) goes to the
 * portal's health as it happens, so the catalog, previews and the outbox do not report by hand.
 * Only REST calls count: a preview image from another host says nothing about the portal.
 * (The outbox still reports what single commands inside a batch said, such as a rate limit.)
 */
export const reportingClient = <C extends PortalClient>(
  client: C,
  report: (error: RestError | null) => void
): C => {
  const observe = async <R>(send: () => Promise<R>): Promise<R> => {
    try {
      const answer = await send()
      report(null)
      return answer
    } catch (err) {
      // A refusal of this one call (an unknown id, a scope the plan lacks) still says the portal
      // answered; whoever called shows the refusal itself.
      if (err instanceof RestError) report(err.category === 'permanent' ? null : err)
      throw err
    }
  }
  return {
    ...client,
    call: <T>(method: string, params?: Record<string, unknown>) =>
      observe(() => client.call<T>(method, params)),
    batch: (commands: BatchCommand[]) => observe(() => client.batch(commands))
  }
}
