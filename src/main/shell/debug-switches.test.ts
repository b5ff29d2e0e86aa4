import { beforeEach, describe, expect, it, vi } from 'vitest'

const electron = vi.hoisted(() => ({
  packaged: true,
  switches: new Set<string>(),
  removed: [] as string[],
  errors: [] as Array<[string, string]>,
  exits: [] as number[]
}))

vi.mock('electron', () => {
  const app = {
    commandLine: {
      hasSwitch: (name: string) => electron.switches.has(name),
      removeSwitch: (name: string) => {
        electron.removed.push(name)
        electron.switches.delete(name)
      }
    },
    exit: (code: number) => electron.exits.push(code)
  }
  Object.defineProperty(app, 'isPackaged', { get: () => electron.packaged })
  return {
    app,
    dialog: { showErrorBox: (title: string, message: string) => electron.errors.push([title, message]) }
  }
})

const { findDebugSwitches, refuseDebugSwitches } = await import('./debug-switches')

describe('debugging switches', () => {
  beforeEach(() => {
    electron.packaged = true
    electron.switches.clear()
    electron.removed.length = 0
    electron.errors.length = 0
    electron.exits.length = 0
  })

  it.each([
    ['--remote-debugging-port=9222'],
    ['--remote-debugging-pipe'],
    ['--inspect'],
    ['--inspect=0.0.0.0:9229'],
    ['--inspect-brk'],
    ['--inspect-port=9230'],
    ['--js-flags=--allow-natives-syntax']
  ])('a packaged app refuses %s: it says why and exits', (flag) => {
    expect(refuseDebugSwitches(['/opt/B24 Desk/b24-desk', flag])).toBe(true)
    expect(electron.exits).toEqual([2])
    expect(electron.errors).toHaveLength(1)
    expect(electron.errors[0][1]).toContain(flag.replace(/=.*$/, ''))
    expect(electron.removed).toContain('remote-debugging-port')
  })

  it('refuses a switch Chromium holds even when argv does not show it', () => {
    electron.switches.add('remote-debugging-port')
    expect(refuseDebugSwitches(['/opt/B24 Desk/b24-desk'])).toBe(true)
    expect(electron.switches.has('remote-debugging-port')).toBe(false)
    expect(electron.exits).toEqual([2])
  })

  it('starts a packaged app without them', () => {
    expect(refuseDebugSwitches(['/opt/B24 Desk/b24-desk', '--lang=ru', 'b24desk://x'])).toBe(false)
    expect(electron.exits).toEqual([])
    expect(electron.errors).toEqual([])
  })

  it('leaves the switches to a development (unpackaged) app', () => {
    electron.packaged = false
    expect(refuseDebugSwitches(['electron', '.', '--inspect=9229', '--remote-debugging-port=9222'])).toBe(
      false
    )
    expect(electron.exits).toEqual([])
  })

  it('does not take arguments after -- or look-alikes for switches', () => {
    expect(findDebugSwitches(['app', '--inspect-wait', '--', '--inspect'])).toEqual(['--inspect-wait'])
    expect(findDebugSwitches(['app', '--js-flagsx', '--no-inspect', 'inspect'])).toEqual([])
  })
})
