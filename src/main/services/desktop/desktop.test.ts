import { describe, expect, it } from 'vitest'
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import type { JobSummary, OutboxView } from '../../../shared/domain/outbox'
import { counts, job } from './testing/outbox-fixtures'
import { setLanguage } from '../app/language'
import { appLink, linkFromArgv, parseAppLink, startsHidden } from './links'
import { DAY_MS, decideClose, trayMenu, workThatNeedsTheApp } from './keep-running'
import { createDesktopSettings, DEFAULT_DESKTOP_SETTINGS, DESKTOP_SETTINGS_FILE } from './settings'
import { appMenu } from './app-menu'
import { ContractInputError, invokeChecked } from '../../../shared/ipc/handlers'
import { createDesktopServices } from '.'
import { createAppEvents } from '../events'

const NOW = Date.parse('2026-12-07T21:00:00Z')
const snap = (jobs: JobSummary[]): OutboxView => ({ jobs, lanes: [] })

describe('b24desk:// links and the second launch', () => {
  it('open a job, a portal or a snapshot; anything else opens nothing', () => {
    expect(parseAppLink('b24desk://job/42')).toEqual({ kind: 'job', jobId: 42 })
    expect(parseAppLink('b24desk://snapshot/7/')).toEqual({ kind: 'snapshot', snapshotId: 7 })
    expect(parseAppLink('B24DESK://portal/3f2c-9a')).toEqual({ kind: 'portal', portalId: '3f2c-9a' })
    for (const bad of [
      'https://job/42',
      'b24desk://job/0',
      'b24desk://job/4x',
      'b24desk://job/42/extra',
      'b24desk://delete/1',
      'b24desk://portal/..%2F..',
      'b24desk://portal/a%20b',
      'javascript:alert(1)',
      ''
    ]) {
      expect(parseAppLink(bad), bad).toBeNull()
    }
    const target = { kind: 'portal' as const, portalId: 'abc-1' }
    expect(parseAppLink(appLink(target))).toEqual(target)
  })

  it('a second launch hands over its link and whether it starts hidden', () => {
    expect(linkFromArgv(['/opt/b24/b24-desk', '--no-sandbox', 'b24desk://job/9'])).toEqual({
      kind: 'job',
      jobId: 9
    })
    expect(linkFromArgv(['/opt/b24/b24-desk', 'https://evil.example/'])).toBeNull()
    expect(startsHidden(['/opt/b24/b24-desk', '--hidden'])).toBe(true)
    expect(startsHidden(['/opt/b24/b24-desk'])).toBe(false)
  })
})

describe('closing the window', () => {
  it('keeps running in the tray while work is queued, and quits when there is none', () => {
    const tray = { onClose: 'tray' as const }
    const sending = workThatNeedsTheApp(snap([job(1)]), NOW)
    expect(sending).toEqual({ sending: 10, scheduledAt: null })
    expect(decideClose(tray, sending, true)).toBe('tray')
    const idle = workThatNeedsTheApp(snap([job(1, { state: 'finished', counts: counts({ done: 10 }) })]), NOW)
    expect(idle).toBeNull()
    expect(decideClose(tray, idle, false)).toBe('quit')
  })

  it('a scheduled job due within the day keeps the app; one due next week does not', () => {
    const soon = job(2, { startAt: new Date(NOW + 3 * 3600_000).toISOString() })
    const later = job(3, { startAt: new Date(NOW + 7 * DAY_MS).toISOString() })
    expect(workThatNeedsTheApp(snap([soon, later]), NOW)).toEqual({
      sending: 0,
      scheduledAt: NOW + 3 * 3600_000
    })
    expect(decideClose({ onClose: 'tray' }, workThatNeedsTheApp(snap([later]), NOW), true)).toBe('quit')
    // A scheduled job that is due now counts as work to send.
    expect(workThatNeedsTheApp(snap([job(4, { startAt: new Date(NOW - 1000).toISOString() })]), NOW)).toEqual(
      {
        sending: 10,
        scheduledAt: null
      }
    )
  })

  it('with "quit" chosen, closing with work asks instead of hiding', () => {
    expect(decideClose({ onClose: 'quit' }, workThatNeedsTheApp(snap([job(1)]), NOW), true)).toBe('ask')
    expect(decideClose({ onClose: 'quit' }, null, false)).toBe('quit')
  })

  it('the tray menu shows progress, pauses every portal, opens the window and quits', () => {
    setLanguage('en')
    const calls: string[] = []
    const menu = trayMenu(
      {
        jobs: [job(1, { total: 10, counts: counts({ queued: 4, done: 6 }) })],
        lanes: [
          {
            portalId: 'p1',
            state: 'running',
            counts: counts({ queued: 4 }),
            reason: null,
            nextAttemptAt: null,
            inFlight: 1,
            window: 4,
            ceiling: 4,
            lowered: null
          }
        ]
      },
      NOW,
      { open: () => calls.push('open'), pauseAll: () => calls.push('pause'), quit: () => calls.push('quit') }
    )
    expect(menu[0]).toMatchObject({ label: 'Sending: 6 of 10 done', enabled: false })
    for (const id of ['pause-all', 'open', 'quit']) menu.find((i) => i.id === id)!.click!()
    expect(calls).toEqual(['pause', 'open', 'quit'])
    expect(trayMenu(snap([]), NOW, { open() {}, pauseAll() {}, quit() {} })[0].label).toBe('Nothing queued')
  })
})

describe('desktop settings', () => {
  it('start with keep-running, every notification on; a change is kept across restarts', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b24-settings-'))
    const first = createDesktopSettings(dir)
    expect(first.get()).toEqual(DEFAULT_DESKTOP_SETTINGS)
    expect(first.get().onClose).toBe('tray')
    const seen: string[] = []
    first.onChange((s) => seen.push(s.onClose))
    first.set({ onClose: 'quit', notifications: { jobFinished: false } })
    expect(seen).toEqual(['quit'])
    const again = createDesktopSettings(dir).get()
    expect(again.onClose).toBe('quit')
    expect(again.notifications).toMatchObject({ jobFinished: false, jobFailed: true })
  })

  it('a damaged file gives the defaults', () => {
    const dir = mkdtempSync(join(tmpdir(), 'b24-settings-'))
    writeFileSync(join(dir, DESKTOP_SETTINGS_FILE), '{ not json')
    expect(createDesktopSettings(dir).get()).toEqual(DEFAULT_DESKTOP_SETTINGS)
    writeFileSync(join(dir, DESKTOP_SETTINGS_FILE), JSON.stringify({ onClose: 'explode' }))
    expect(createDesktopSettings(dir).get()).toEqual(DEFAULT_DESKTOP_SETTINGS)
    expect(readFileSync(join(dir, DESKTOP_SETTINGS_FILE), 'utf8')).toContain('explode')
  })
})

describe('the application menu', () => {
  const actions = { saveDiagnostics() {}, openDocs() {}, about() {}, checkForUpdates() {} }
  const roles = (m: ReturnType<typeof appMenu>): string[] =>
    m.flatMap((i) => [...(i.role ? [i.role] : []), ...roles(i.submenu ?? [])])

  it('has Edit with copy and paste, View with zoom, Window and Help; DevTools only unpackaged', () => {
    setLanguage('en')
    const packaged = appMenu({ platform: 'linux', packaged: true, actions })
    expect(packaged.map((m) => m.label)).toEqual(['&File', '&Edit', '&View', '&Window', '&Help'])
    expect(roles(packaged)).toEqual(
      expect.arrayContaining(['copy', 'paste', 'cut', 'zoomIn', 'zoomOut', 'resetZoom', 'quit'])
    )
    expect(roles(packaged)).not.toContain('toggleDevTools')
    expect(roles(packaged)).not.toContain('reload')
    expect(roles(appMenu({ platform: 'linux', packaged: false, actions }))).toContain('toggleDevTools')
    const help = packaged.find((m) => m.role === 'help')!.submenu!.map((i) => i.label)
    expect(help).toEqual([
      'Documentation',
      'Check for Updates…',
      'Save Diagnostics…',
      undefined,
      'About B24 Desk'
    ])
  })

  it('speaks Russian and follows macOS conventions there', () => {
    setLanguage('ru')
    try {
      const mac = appMenu({ platform: 'darwin', packaged: true, actions })
      expect(mac.map((m) => m.label)).toEqual(['B24 Desk', '&Файл', '&Правка', '&Вид', '&Окно', '&Справка'])
      expect(mac[2].submenu!.find((i) => i.role === 'copy')!.label).toBe('Копировать')
    } finally {
      setLanguage('en')
    }
  })
})

describe('the desktop channels', () => {
  it('settings:set takes only known settings with their types; updates:state says off without an updater', async () => {
    const services = createDesktopServices({
      dataDir: mkdtempSync(join(tmpdir(), 'b24-desktop-ipc-')),
      version: '0.1.0',
      events: createAppEvents(),
      now: () => NOW,
      log: () => {},
      portalName: (id) => id,
      outbox: { view: () => snap([]), pauseLane: async () => {}, stop: async () => {} },
      snapshots: async () => []
    })
    for (const bad of [
      { onClose: 'explode' },
      { startAtLogin: 'yes' },
      { notifications: { jobFinished: 1 } },
      { notifications: { somethingElse: true } },
      { dataDir: '/etc' },
      'tray'
    ]) {
      await expect(
        invokeChecked(services.handlers, 'settings:set', bad),
        JSON.stringify(bad)
      ).rejects.toBeInstanceOf(ContractInputError)
    }
    const next = await invokeChecked(services.handlers, 'settings:set', {
      notifications: { jobFailed: false }
    })
    expect(next.notifications).toMatchObject({ jobFailed: false, jobFinished: true })
    expect(await invokeChecked(services.handlers, 'updates:state', undefined)).toMatchObject({
      status: 'off',
      mode: 'off'
    })
    services.close()
  })
})
