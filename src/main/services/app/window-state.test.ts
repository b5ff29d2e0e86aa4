import { mkdtempSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { describe, expect, it } from 'vitest'
import { DEFAULT_WINDOW, loadWindowState, placeWindow, saveWindowState } from './window-state'

const display = { x: 0, y: 0, width: 1920, height: 1080 }

describe('window state', () => {
  it('remembers size, position and maximized state across starts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b24-ws-'))
    saveWindowState(dir, { x: 100, y: 80, width: 1400, height: 900, maximized: true })
    expect(placeWindow(loadWindowState(dir), [display])).toEqual({
      x: 100,
      y: 80,
      width: 1400,
      height: 900,
      maximized: true
    })
  })

  it('falls back to defaults when nothing or garbage was saved', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b24-ws-'))
    expect(placeWindow(loadWindowState(dir), [display])).toEqual({ ...DEFAULT_WINDOW, maximized: false })
    writeFileSync(join(dir, 'window-state.json'), '{"x":"left"')
    expect(loadWindowState(dir)).toBeNull()
  })

  it('does not put the window on a monitor that is gone', () => {
    const placed = placeWindow({ x: 2500, y: 100, width: 1200, height: 800, maximized: false }, [display])
    expect(placed).toEqual({ width: 1200, height: 800, maximized: false })
  })
})
