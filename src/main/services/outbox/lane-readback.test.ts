// The lane reads back what each batch changed before its operations leave `sending`.
import { afterEach, describe, expect, it } from 'vitest'
import type { BatchCommand, PortalClient } from '../bitrix/types'
import { fakePortals } from './testing/fake-portals'
import { fastTuning, openHarness, waitFor, type Harness } from './testing/harness'
import { err, memoryClient, pages } from './testing/lane-portals'
import type { Verify } from './verify-types'

describe('read-back of what a batch changed', () => {
  let h: Harness | undefined
  afterEach(async () => {
    await h?.close()
    h = undefined
  })

  const readingPortal = () => {
    const mem = memoryClient({})
    const reads: BatchCommand[][] = []
    const client: PortalClient = {
      ...mem.client,
      async batch(cmds) {
        if (cmds[0].method === 'landing.landing.getList') {
          reads.push(cmds)
          return cmds.map(() => ({ ok: true as const, result: [], timing: null }))
        }
        return mem.client.batch(cmds)
      }
    }
    return { mem, client, reads }
  }

  it('operations stay sending until the verdicts are in; then done or "the portal reports otherwise"', async () => {
    const portal = readingPortal()
    let seenSending = -1
    const verify: Verify = async (_portalId, answered, port) => {
      seenSending = (await hh().outbox.handlers['outbox:operations']({ jobId: 1, states: ['sending'] }))
        .length
      await port.send([{ method: 'landing.landing.getList', params: { scope: '' } }])
      return answered.map((a) =>
        a.targetId === 2
          ? {
              id: a.id,
              kind: 'mismatch' as const,
              error: { code: 'PORTAL_REPORTS_OTHERWISE', message: 'not published', category: 'permanent' }
            }
          : { id: a.id, kind: 'done' as const }
      )
    }
    h = openHarness(fakePortals({ clientFor: async () => portal.client }), fastTuning, undefined, { verify })
    const hh = () => h as Harness
    hh().outbox.start()
    const job = await hh().outbox.handlers['outbox:enqueue']({ intents: pages([1, 2, 3]) })
    await waitFor('finished', () => hh().outbox.view().jobs[0]?.state === 'finished')
    expect(seenSending).toBeGreaterThan(0)
    const ops = await hh().outbox.handlers['outbox:operations']({ jobId: job.id })
    expect(ops.map((o) => o.state)).toEqual(['done', 'mismatch', 'done'])
    expect(ops[1].error).toMatchObject({ code: 'PORTAL_REPORTS_OTHERWISE', message: 'not published' })
    expect(portal.reads.length).toBeGreaterThan(0)
    expect(hh().outbox.stats().p.readbackRequests).toBe(portal.reads.length)
  })

  it('a read-back that fails sends the operations again, without counting it against them', async () => {
    const portal = readingPortal()
    let calls = 0
    const verify: Verify = async (_portalId, answered, port) => {
      calls++
      if (calls === 1) throw err('INTERNAL_SERVER_ERROR', 'transient', 500)
      await port.send([{ method: 'landing.landing.getList', params: { scope: '' } }])
      return answered.map((a) => ({ id: a.id, kind: 'done' as const }))
    }
    h = openHarness(fakePortals({ clientFor: async () => portal.client }), fastTuning, undefined, { verify })
    const hh = h
    hh.outbox.start()
    const job = await hh.outbox.handlers['outbox:enqueue']({ intents: pages([7]) })
    await waitFor('finished', () => hh.outbox.view().jobs[0]?.state === 'finished')
    const [o] = await hh.outbox.handlers['outbox:operations']({ jobId: job.id })
    expect(o).toMatchObject({ state: 'done', attempts: 1 })
    expect(calls).toBe(2)
    expect(portal.mem.attempts.get(7)).toBe(2)
  })
})
