import { mkdirSync, rmSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { HIDDEN_ARG } from './links'

/**
 * Start at login on Linux, where Electron's setLoginItemSettings does nothing: an XDG autostart
 * entry (~/.config/autostart/b24-desk.desktop) that starts the app hidden in the tray.
 */
export const setLinuxAutostart = (opts: {
  enabled: boolean
  execPath: string
  /** $XDG_CONFIG_HOME or ~/.config */
  configHome: string
}): string => {
  const dir = join(opts.configHome, 'autostart')
  const file = join(dir, 'b24-desk.desktop')
  if (!opts.enabled) {
    rmSync(file, { force: true })
    return file
  }
  mkdirSync(dir, { recursive: true })
  const exec = `"${opts.execPath.replace(/(["`$\\])/g, '\\$1')}" ${HIDDEN_ARG}`
  writeFileSync(
    file,
    [
      '[Desktop Entry]',
      'Type=Application',
      'Name=B24 Desk',
      `Exec=${exec}`,
      'X-GNOME-Autostart-enabled=true',
      'NoDisplay=true',
      ''
    ].join('\n')
  )
  return file
}
