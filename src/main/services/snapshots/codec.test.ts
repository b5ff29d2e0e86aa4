import { describe, expect, it } from 'vitest'
import { startEmulator } from '../../../emulator/index.ts'
import { decodeState, encodeState } from './codec'
import type { PortalState } from './model'

/** The emulator's `large` seed, as a snapshot would record it (two portals' worth: 20,000 pages). */
const largeState = async (): Promise<PortalState> => {
  const emu = await startEmulator({ portals: [{ name: 'big', seed: 'large' }], controlListener: false })
  try {
    const s = emu.portals[0].control.state()
    const scope = new Map(s.sites.map((x) => [x.id, x.scope]))
    const one: PortalState = {
      portalId: 'big',
      sites: s.sites
        .filter((x) => !x.deleted)
        .map((x) => ({ id: x.id, title: x.title, scope: x.scope, live: x.active })),
      folders: s.folders.map((f) => ({
        id: f.id,
        siteId: f.siteId,
        parentId: f.parentId,
        title: f.title,
        scope: scope.get(f.siteId) ?? '',
        live: f.active
      })),
      pages: s.pages
        .filter((p) => !p.deleted)
        .map((p) => ({
          id: p.id,
          siteId: p.siteId,
          folderId: p.folderId,
          title: p.title,
          scope: scope.get(p.siteId) ?? '',
          live: p.active
        })),
      documents: s.documents.map((d) => ({ id: d.id, title: d.title, live: d.publicUrl !== null }))
    }
    // A second portal of the same size: ids continue where the first one's end.
    const shift = (n: number) => n + 1_000_000
    return {
      ...one,
      pages: [...one.pages, ...one.pages.map((p) => ({ ...p, id: shift(p.id), title: `${p.title} (2)` }))]
    }
  } finally {
    await emu.stop()
  }
}

describe('snapshot storage', () => {
  it('stores 20,000 pages compactly and reads back exactly what it stored', async () => {
    const state = await largeState()
    expect(state.pages.length).toBeGreaterThanOrEqual(20_000)
    const started = performance.now()
    const blob = encodeState(state)
    const back = decodeState('big', blob)
    const ms = performance.now() - started
    expect(back).toEqual({
      ...state,
      sites: [...state.sites].sort((a, b) => a.id - b.id),
      folders: [...state.folders].sort((a, b) => a.id - b.id),
      pages: [...state.pages].sort((a, b) => a.id - b.id),
      documents: [...(state.documents ?? [])].sort((a, b) => a.id - b.id)
    })
    // The JSON a row-per-object store would hold, for comparison.
    const plain = Buffer.byteLength(JSON.stringify(state))
    console.log(
      `snapshot of ${state.pages.length} pages, ${state.documents?.length} documents: ${blob.length} bytes gzip'd columns (${plain} bytes as plain JSON), encoded and decoded in ${ms.toFixed(0)} ms`
    )
    expect(blob.length).toBeLessThan(plain / 8)
    expect(blob.length / state.pages.length).toBeLessThan(16)
  }, 60_000)
})
