import { describe, expect, it } from 'vitest'
import { createEventHub } from './event-hub'

describe('event hub', () => {
  it('holds events until the renderer is ready, then delivers them in order', () => {
    const hub = createEventHub()
    const got: unknown[] = []
    hub.emit('app:status', { online: false, at: 1 })
    hub.attach((c, p) => got.push([c, p]))
    hub.emit('app:status', { online: true, at: 2 })
    expect(got).toEqual([])
    hub.markReady()
    expect(got).toEqual([
      ['app:status', { online: false, at: 1 }],
      ['app:status', { online: true, at: 2 }]
    ])
    hub.emit('portals:changed', [])
    expect(got).toHaveLength(3)
  })

  it('holds again after a reload re-attaches the window', () => {
    const hub = createEventHub()
    const got: unknown[] = []
    hub.attach((c) => got.push(c))
    hub.markReady()
    hub.attach((c) => got.push(c))
    hub.emit('portals:changed', [])
    expect(got).toEqual([])
    hub.markReady()
    expect(got).toEqual(['portals:changed'])
  })

  it('keeps only the newest events for a renderer that never becomes ready', () => {
    const hub = createEventHub()
    for (let i = 0; i < 5000; i++) hub.emit('app:status', { online: true, at: i })
    const got: number[] = []
    hub.attach((_c, p) => got.push((p as { at: number }).at))
    hub.markReady()
    expect(got.length).toBe(1000)
    expect(got.at(-1)).toBe(4999)
  })

  it('lets in-process listeners see every event regardless of the window', () => {
    const hub = createEventHub()
    const seen: string[] = []
    const off = hub.subscribe((c, _payload) => seen.push(c))
    hub.emit('portals:changed', [])
    off()
    hub.emit('portals:changed', [])
    expect(seen).toEqual(['portals:changed'])
  })
})
