import { readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { z } from 'zod'

export interface Rect {
  x: number
  y: number
  width: number
  height: number
}

const stateSchema = z.object({
  x: z.number().int(),
  y: z.number().int(),
  width: z.number().int().min(400),
  height: z.number().int().min(300),
  maximized: z.boolean().default(false)
})
export type WindowState = z.infer<typeof stateSchema>

export const DEFAULT_WINDOW = { width: 1280, height: 820 }

const FILE = 'window-state.json'

export const loadWindowState = (dataDir: string): WindowState | null => {
  try {
    const parsed = stateSchema.safeParse(JSON.parse(readFileSync(join(dataDir, FILE), 'utf8')))
    return parsed.success ? parsed.data : null
  } catch {
    return null
  }
}

export const saveWindowState = (dataDir: string, state: WindowState): void => {
  writeFileSync(join(dataDir, FILE), JSON.stringify(state), { mode: 0o600 })
}

/**
 * A remembered position is used only if enough of the window lands on a display that still exists:
 * otherwise an unplugged monitor would leave the window off screen.
 */
export const placeWindow = (
  saved: WindowState | null,
  displays: Rect[]
): Partial<Rect> & { maximized: boolean } => {
  if (!saved) return { ...DEFAULT_WINDOW, maximized: false }
  const visible = displays.some((d) => {
    const w = Math.min(saved.x + saved.width, d.x + d.width) - Math.max(saved.x, d.x)
    const h = Math.min(saved.y + saved.height, d.y + d.height) - Math.max(saved.y, d.y)
    return w >= 100 && h >= 50
  })
  if (!visible) return { width: saved.width, height: saved.height, maximized: saved.maximized }
  return { x: saved.x, y: saved.y, width: saved.width, height: saved.height, maximized: saved.maximized }
}
