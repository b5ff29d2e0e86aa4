import { app, dialog } from 'electron'
import { languageFromEnv, type Localized } from '../services/app/language'

/**
 * Switches that open the main process or a renderer to a debugger. The fuses turn off Node's own
 * (--inspect, NODE_OPTIONS) but not Chromium's: a packaged app given --remote-debugging-port would
 * hand anyone on the machine a DevTools connection to the window, and with it every portal's data.
 */
const DEBUG_SWITCH =
  /^--?(remote-debugging-port|remote-debugging-pipe|remote-debugging-address|inspect[\w-]*|js-flags)(=|$)/i

/** The debugging switches in `argv`, as written (value included), in order. */
export const findDebugSwitches = (argv: readonly string[]): string[] => {
  const found: string[] = []
  for (const arg of argv) {
    // Everything after "--" is an argument for the app, not a switch.
    if (arg === '--') break
    if (DEBUG_SWITCH.test(arg)) found.push(arg)
  }
  return found
}

const NAMES = ['remote-debugging-port', 'remote-debugging-pipe', 'remote-debugging-address', 'js-flags']

const refusal = (switches: string[]): { title: Localized; message: Localized } => ({
  title: { en: 'B24 Desk did not start', ru: 'B24 Desk не запущен' },
  message: {
    en: `The installed app takes no debugging switches (${switches.join(', ')}). Start it without them.`,
    ru: `Установленное приложение не принимает ключи отладки (${switches.join(', ')}). Запустите его без них.`
  }
})

/**
 * In a packaged app, refuses to run with a debugging switch: removes what Chromium still reads
 * from the command line, tells the person why, and exits. Answers whether it refused. An unpackaged
 * (development) app keeps its switches.
 */
export const refuseDebugSwitches = (argv: readonly string[] = process.argv): boolean => {
  if (!app.isPackaged) return false
  const found = [
    ...new Set([
      ...findDebugSwitches(argv),
      ...NAMES.filter((n) => app.commandLine.hasSwitch(n)).map((n) => `--${n}`)
    ])
  ]
  if (found.length === 0) return false
  for (const name of NAMES) app.commandLine.removeSwitch(name)
  const text = refusal(found.map((s) => s.replace(/=.*$/, '')))
  const language = languageFromEnv(process.env)
  dialog.showErrorBox(text.title[language], text.message[language])
  app.exit(2)
  return true
}
