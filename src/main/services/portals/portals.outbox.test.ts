/** How portal credentials, their failures and a portal's removal reach the outbox's lanes. */
import { describe, expect, it } from 'vitest'
import { rawRequest } from '../../../emulator/testing/client'
import { waitFor } from '../outbox/testing/harness'
import {
  emu,
  keychain,
  meta,
  pages,
  payloads,
  portal,
  service,
  startOutbox,
  usePortalsFixture,
  webhookPortal
} from './testing/fixture'

describe('PortalsService and the outbox, with the real OS keychain and the emulated portal', () => {
  usePortalsFixture()

  it('new credentials for a revoked webhook bring the portal back online and the paused outbox lane resumes by itself', async () => {
    const added = await webhookPortal('Revoked')
    const ob = startOutbox()
    portal.control.setConditions({ revokedWebhook: true })
    const job = await ob.handlers['outbox:enqueue']({ intents: pages(added.id, [6, 14]) })
    const lane = () => ob.view().lanes.find((l) => l.portalId === added.id)
    await waitFor('lane paused for credentials', () => lane()?.state === 'auth')
    await waitFor('portal auth_failed', () => service.get(added.id)?.health.state === 'auth_failed')
    expect(service.get(added.id)?.health.lastError?.code).toBe('NO_AUTH_FOUND')

    // The administrator makes a new webhook in Bitrix24; until it is entered, the lane keeps waiting.
    portal.control.setConditions({ revokedWebhook: false })
    const fresh = portal.control.addWebhook()
    await new Promise((r) => setTimeout(r, 200))
    expect(lane()?.state).toBe('auth')
    expect(lane()?.counts.queued).toBe(2)

    const updated = await service.handlers['portals:setCredentials']({
      portalId: added.id,
      credentials: { kind: 'webhook', webhookUrl: fresh.url, caPem: emu.caCertPem }
    })
    expect(updated.health.state).toBe('online')
    expect(await keychain.get(added.id)).toContain(fresh.code)
    // No resume from anyone: the credentials change wakes the lane.
    await waitFor('job finished', () => ob.view().jobs.find((j) => j.id === job.id)?.state === 'finished')
    expect(ob.view().jobs.find((j) => j.id === job.id)?.counts).toMatchObject({ done: 2, failed: 0 })
    expect(
      portal.control
        .state()
        .pages.filter((p) => [6, 14].includes(p.id))
        .every((p) => p.active)
    ).toBe(true)
    expect(service.get(added.id)?.health.state).toBe('online')
    expect(payloads.join('\n')).not.toContain(fresh.code)
  })

  it('an OAuth refresh token the server rejects marks the portal auth_failed with a message to reconnect the app, once', async () => {
    const o = portal.oauth
    const added = await service.handlers['portals:add']({
      meta: meta('Lost app'),
      credentials: {
        kind: 'oauth',
        portalUrl: portal.baseUrl,
        clientId: o.clientId,
        clientSecret: o.clientSecret,
        accessToken: o.accessToken,
        refreshToken: o.refreshToken,
        oauthServer: o.serverEndpoint,
        caPem: emu.caCertPem
      }
    })
    // Someone else (another installation of the app) uses the refresh token first: ours is spent.
    const spent = await rawRequest(
      `${o.serverEndpoint}?grant_type=refresh_token&client_id=${o.clientId}&client_secret=${encodeURIComponent(o.clientSecret)}&refresh_token=${o.refreshToken}`,
      { ca: emu.caCertPem }
    )
    expect(spent.status).toBe(200)
    portal.control.expireAccessToken()
    portal.control.clearLog()
    const ob = startOutbox()
    const job = await ob.handlers['outbox:enqueue']({ intents: pages(added.id, [6]) })
    const lane = () => ob.view().lanes.find((l) => l.portalId === added.id)
    await waitFor('lane paused for credentials', () => lane()?.state === 'auth')
    const health = service.get(added.id)?.health
    expect(health?.state).toBe('auth_failed')
    expect(health?.lastError?.code).toBe('invalid_grant')
    expect(health?.lastError?.message).toMatch(/Reconnect the application/)
    expect(health?.nextProbeAt).toBeUndefined()

    // Nothing loops: no more calls reach the portal while the lane waits for a person.
    const calls = portal.control.requestLog().entries.length
    await new Promise((r) => setTimeout(r, 500))
    expect(portal.control.requestLog().entries.length).toBe(calls)
    expect(calls).toBeLessThanOrEqual(3)
    expect(lane()?.counts.queued).toBe(1)
    expect(ob.view().jobs.find((j) => j.id === job.id)?.state).toBe('active')
  })

  it('removing a portal cancels its queued operations with a reason, and its lane leaves the outbox', async () => {
    const doomed = await webhookPortal('Doomed')
    const other = await webhookPortal('Other', portal.control.addWebhook({ userId: 2 }).url)
    const ob = startOutbox()
    await ob.handlers['outbox:pauseLane']({ portalId: other.id })
    portal.control.setConditions({ revokedWebhook: true })
    const job = await ob.handlers['outbox:enqueue']({
      intents: [...pages(doomed.id, [6, 14, 19]), ...pages(other.id, [6])]
    })
    await waitFor(
      'doomed lane paused for credentials',
      () => ob.view().lanes.find((l) => l.portalId === doomed.id)?.state === 'auth'
    )

    await service.handlers['portals:remove']({ portalId: doomed.id })
    const snap = ob.view()
    expect(snap.lanes.map((l) => l.portalId)).toEqual([other.id])
    expect(snap.jobs.find((j) => j.id === job.id)?.counts).toMatchObject({ queued: 1, cancelled: 3 })
    const ops = await ob.handlers['outbox:operations']({ jobId: job.id, states: ['cancelled'] })
    expect(ops.map((op) => op.portalId)).toEqual([doomed.id, doomed.id, doomed.id])
    expect(ops[0].error).toMatchObject({ code: 'PORTAL_REMOVED' })
    expect(ops[0].error?.message).toMatch(/portal was removed/)

    // The rest of the job still goes through, and the removed portal's lane never comes back.
    portal.control.setConditions({ revokedWebhook: false })
    await ob.handlers['outbox:resumeLane']({ portalId: other.id })
    await waitFor('job finished', () => ob.view().jobs.find((j) => j.id === job.id)?.state === 'finished')
    expect(ob.view().jobs.find((j) => j.id === job.id)?.counts).toMatchObject({ done: 1, cancelled: 3 })
    expect(ob.view().lanes.map((l) => l.portalId)).toEqual([other.id])
    await service.handlers['portals:remove']({ portalId: other.id })
  })

  it('a portal without stored credentials pauses its lane with a reason that says what to do', async () => {
    const added = await webhookPortal('Moved')
    const json = await service.handlers['portals:export'](undefined)
    await service.handlers['portals:remove']({ portalId: added.id })
    const [imported] = await service.handlers['portals:import']({ json })
    const ob = startOutbox()
    await ob.handlers['outbox:enqueue']({ intents: pages(imported.id, [6]) })
    await waitFor(
      'lane paused',
      () => ob.view().lanes.find((l) => l.portalId === imported.id)?.state === 'auth'
    )
    const reason = ob.view().lanes.find((l) => l.portalId === imported.id)?.reason ?? ''
    expect(reason).toMatch(/no stored credentials/)
    expect(reason).toMatch(/Enter its webhook or application credentials again/)
    await service.handlers['portals:remove']({ portalId: imported.id })
  })
})
