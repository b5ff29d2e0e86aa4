/** Portal health from probes (unreachable, an HTML error page), and importing a list without secrets. */
import { describe, expect, it } from 'vitest'
import { emu, meta, payloads, portal, service, usePortalsFixture, webhookPortal } from './testing/fixture'

describe('PortalsService health and imports, with the real OS keychain and the emulated portal', () => {
  usePortalsFixture()

  it('reports an unreachable portal with a next probe time, and imports a list without secrets', async () => {
    const added = await service.handlers['portals:add']({
      meta: meta('Flaky'),
      credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem: emu.caCertPem }
    })
    await portal.control.goOffline()
    try {
      const h = await service.probe(added.id)
      expect(h.state).toBe('unreachable')
      expect(h.nextProbeAt).toBeGreaterThan(Date.now())
      expect(h.lastError?.message).toMatch(/cannot be reached|did not answer|connection/i)
      expect(payloads.some((p) => p.startsWith('portal:health') && p.includes('unreachable'))).toBe(true)
    } finally {
      await portal.control.goOnline()
    }
    expect((await service.probe(added.id)).state).toBe('online')

    const json = await service.handlers['portals:export'](undefined)
    await service.handlers['portals:remove']({ portalId: added.id })
    const imported = await service.handlers['portals:import']({ json })
    expect(imported.map((p) => p.name)).toEqual(['Flaky'])
    expect(imported[0].health.state).toBe('auth_failed')
    await expect(service.clientFor(imported[0].id)).rejects.toMatchObject({ code: 'NO_CREDENTIALS' })
  })

  it('a probe that gets an HTML 502 for every request does not say online: unreachable, with the reason', async () => {
    const added = await webhookPortal('Behind a proxy')
    await portal.control.setFaults({ htmlErrorRate: 1 })
    try {
      const h = await service.probe(added.id)
      expect(h.state).toBe('unreachable')
      expect(h.lastError).toMatchObject({ code: 'NON_JSON_RESPONSE', category: 'transient' })
      expect(h.lastError?.message).toMatch(/web page instead of data \(HTTP 502\)/)
      expect(h.nextProbeAt).toBeGreaterThan(Date.now())
      expect(service.get(added.id)?.health.state).toBe('unreachable')
    } finally {
      await portal.control.setFaults({ htmlErrorRate: 0 })
    }
    expect((await service.probe(added.id)).state).toBe('online')
  }, 60_000)

  it('an imported list keeps a certificate to trust only for a portal on this computer, and says so', async () => {
    const ca = emu.caCertPem
    const file = {
      format: 'b24desk.portals',
      version: 1,
      portals: [
        { name: 'Real host', host: 'portal.example.com', authKind: 'webhook', caPem: ca },
        { name: 'Emulated', host: new URL(portal.baseUrl).host, authKind: 'webhook', caPem: ca },
        {
          name: 'Odd server',
          host: 'app.example.com',
          authKind: 'oauth',
          oauthServer: 'http://oauth.attacker.example'
        }
      ]
    }
    const imported = await service.handlers['portals:import']({ json: JSON.stringify(file) })
    expect(imported.map((p) => p.name)).toEqual(['Real host', 'Emulated', 'Odd server'])
    const byName = (n: string) => imported.find((p) => p.name === n)!
    expect(byName('Real host').health.lastError?.message).toMatch(/certificate to trust .* was not imported/)
    expect(byName('Emulated').health.lastError?.message).not.toMatch(/certificate/)
    expect(byName('Odd server').health.lastError?.message).toMatch(
      /OAuth server address in the file was not imported/
    )

    const again = JSON.parse(await service.handlers['portals:export'](undefined)) as {
      portals: Array<{ name: string; caPem: string | null; oauthServer: string | null }>
    }
    const exported = (n: string) => again.portals.find((p) => p.name === n)!
    expect(exported('Real host').caPem).toBeNull()
    expect(exported('Emulated').caPem).toBe(ca)
    expect(exported('Odd server').oauthServer).toBeNull()
  })
})
