import { readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  desktopSettingsSchema,
  notificationKinds,
  type DesktopSettings,
  type DesktopSettingsPatch
} from '../../../shared/domain/desktop'

export const DESKTOP_SETTINGS_FILE = 'desktop-settings.json'

export const DEFAULT_DESKTOP_SETTINGS: DesktopSettings = {
  onClose: 'tray',
  startAtLogin: false,
  updates: 'auto',
  notifications: Object.fromEntries(
    notificationKinds.map((k) => [k, true])
  ) as DesktopSettings['notifications']
}

export interface DesktopSettingsStore {
  get(): DesktopSettings
  set(patch: DesktopSettingsPatch): DesktopSettings
  onChange(listener: (settings: DesktopSettings, before: DesktopSettings) => void): () => void
}

/**
 * How the app behaves on the desktop (close to tray, start at login, updates, notifications), in
 * one small JSON file of the data folder. A missing or damaged file gives the defaults; keys read
 * from an older or newer version keep what they can.
 */
export const createDesktopSettings = (dataDir: string): DesktopSettingsStore => {
  const file = join(dataDir, DESKTOP_SETTINGS_FILE)
  const read = (): DesktopSettings => {
    let raw: Partial<DesktopSettings>
    try {
      raw = JSON.parse(readFileSync(file, 'utf8')) as Partial<DesktopSettings>
    } catch {
      return DEFAULT_DESKTOP_SETTINGS
    }
    const merged = {
      ...DEFAULT_DESKTOP_SETTINGS,
      ...raw,
      notifications: { ...DEFAULT_DESKTOP_SETTINGS.notifications, ...(raw.notifications ?? {}) }
    }
    const parsed = desktopSettingsSchema.safeParse(merged)
    return parsed.success ? parsed.data : DEFAULT_DESKTOP_SETTINGS
  }
  let current = read()
  const listeners = new Set<(s: DesktopSettings, before: DesktopSettings) => void>()
  return {
    get: () => current,
    set(patch) {
      const before = current
      current = desktopSettingsSchema.parse({
        ...current,
        ...patch,
        notifications: { ...current.notifications, ...(patch.notifications ?? {}) }
      })
      const tmp = `${file}.tmp`
      writeFileSync(tmp, JSON.stringify(current, null, 2), { mode: 0o600 })
      renameSync(tmp, file)
      for (const l of listeners) l(current, before)
      return current
    },
    onChange(listener) {
      listeners.add(listener)
      return () => listeners.delete(listener)
    }
  }
}
