import { afterAll, afterEach, beforeAll, describe, expect, it } from 'vitest'
import { startEmulator, type Emulator } from '../../../emulator/index.ts'
import { createPortalClient, type PortalClientHandle } from '../bitrix/client'
import { RestError } from '../bitrix/types'
import { fetchDocuments, fetchPages } from './fetch'
import { fetchAllByStart } from './paging'

describe('lists from a portal that lies about their size', () => {
  let emu: Emulator
  let client: PortalClientHandle

  beforeAll(async () => {
    emu = await startEmulator({ portals: 1, seed: 'large', realDelayFactor: 0 })
    const p = emu.portals[0]
    client = createPortalClient({
      portalId: 'p1',
      limits: 'standard',
      credentials: { kind: 'webhook', webhookUrl: p.webhookUrl },
      caPem: emu.caCertPem,
      maxRetries: 1
    })
  })
  afterAll(async () => {
    client.close()
    await emu.stop()
  })
  afterEach(async () => {
    await emu.portals[0].control.reset()
  })

  // HTTP requests: a batch is one, whatever it carries.
  const requests = () => emu.portals[0].control.requestLog().entries.filter((e) => !e.viaBatch).length
  const realDocuments = () => emu.portals[0].control.state().documents.length

  it('reads a document list that claims 1e12 documents to its real end, in a few requests', async () => {
    const truth = await fetchDocuments(client)
    expect(truth.length).toBe(realDocuments())
    await emu.portals[0].control.reset()
    await emu.portals[0].control.setConditions({ listTotal: 1e12 })
    const before = requests()
    const docs = await fetchDocuments(client)
    expect(docs.map((d) => d.id)).toEqual(truth.map((d) => d.id))
    // One call, then batches of 50 pages until one adds nothing: not 2e10 page starts.
    expect(requests() - before).toBeLessThan(2 + Math.ceil(truth.length / 2500) * 2 + 4)
  })

  it('stops reading a list that answers the same page for ever', async () => {
    await emu.portals[0].control.setConditions({ listRepeats: true, listTotal: 1e12 })
    const before = requests()
    const docs = await fetchDocuments(client)
    expect(docs.length).toBe(Math.min(50, realDocuments()))
    expect(requests() - before).toBeLessThan(5)
    // Landing lists page by offset: the same page again ends the read too.
    const pagesBefore = requests()
    const pages = await fetchPages(client, { scopes: [''] })
    expect(pages.length).toBe(500)
    expect(requests() - pagesBefore).toBeLessThan(5)
  })

  it('refuses a list longer than the cap with a clear error instead of reading on', async () => {
    const read = fetchAllByStart(
      client,
      'crm.documentgenerator.document.list',
      { select: ['*'], order: { id: 'ASC' } },
      (r) => ((r as { documents?: unknown[] }).documents ?? []) as unknown[],
      { maxRows: 60 }
    )
    await expect(read).rejects.toBeInstanceOf(RestError)
    await expect(read).rejects.toMatchObject({ code: 'LIST_TOO_LONG' })
  })
})
