import { EventEmitter } from 'node:events'
import { test, expect } from './support/fixtures'
import type { UpdateEngine } from '../src/main/services/updates/update-service'
import { recordingNotifier } from '../src/main/services/desktop/notifications'

/**
 * The window's side of issue 18: the update banner in every state, with release notes, and the
 * desktop settings (close to tray, start at login, updates, notifications), in English and Russian.
 * The updater itself is tested against a loopback HTTPS feed (src/main/services/updates); here a
 * stand-in engine emits what electron-updater emits, so each state can be shown and photographed.
 */
const standInEngine = () => {
  const calls: string[] = []
  const engine = Object.assign(new EventEmitter(), {
    autoDownload: true,
    autoInstallOnAppQuit: true,
    checkForUpdates: async () => {
      calls.push('check')
      return null
    },
    downloadUpdate: async () => {
      calls.push('download')
      return []
    },
    quitAndInstall: (silent?: boolean, runAfter?: boolean) =>
      void calls.push(`install ${silent} ${runAfter}`),
    setFeedURL: () => {}
  })
  return { engine, calls }
}

const NOTES = '<h3>0.2.0</h3><ul><li>Faster bulk publishing</li><li>Restore & maintenance fixes</li></ul>'

const looks = [
  {
    locale: 'en-US',
    tag: 'en',
    settings: 'Settings',
    manual: 'Only when I check (Help → Check for Updates)',
    jobFinished: 'a job finishes',
    download: 'Download',
    restart: 'Restart to update',
    texts: {
      checking: 'Checking for updates…',
      available: 'B24 Desk 0.2.0 is available.',
      downloading: 'Downloading B24 Desk 0.2.0: 42 %',
      ready: 'B24 Desk 0.2.0 is ready.',
      notes: 'What’s new in 0.2.0'
    }
  },
  {
    locale: 'ru-RU',
    tag: 'ru',
    settings: 'Настройки',
    manual: 'Только когда я проверю (Справка → Проверить обновления)',
    jobFinished: 'задание выполнено',
    download: 'Загрузить',
    restart: 'Перезапустить и обновить',
    texts: {
      checking: 'Проверка обновлений…',
      available: 'Доступна версия B24 Desk 0.2.0.',
      downloading: 'Загрузка B24 Desk 0.2.0: 42 %',
      ready: 'B24 Desk 0.2.0 готова.',
      notes: 'Что нового в 0.2.0'
    }
  }
] as const

for (const look of looks) {
  test(`update banner states and notification settings (${look.tag})`, async ({ launchApp, mode }) => {
    test.skip(mode !== 'chromium', 'the stand-in update engine lives in the test process')
    const { engine, calls } = standInEngine()
    const app = await launchApp({
      locale: look.locale,
      services: {
        desktop: { updateEngine: engine as unknown as UpdateEngine, notifier: recordingNotifier() }
      }
    })
    const { page } = app
    const services = app.services!

    // Settings: keep running in the tray, notifications each switchable; updates switched to manual.
    await page.getByRole('button', { name: look.settings, exact: true }).click()
    const dialog = page.getByRole('dialog')
    await expect(dialog.getByRole('checkbox', { name: look.jobFinished })).toBeChecked()
    await app.screenshot(`desktop-settings-${look.tag}`)
    await dialog.getByRole('checkbox', { name: look.jobFinished }).uncheck()
    await dialog.getByRole('radio', { name: look.manual }).check()
    await expect(dialog.getByRole('checkbox', { name: look.jobFinished })).not.toBeChecked()
    expect(services.desktop.settings.get()).toMatchObject({
      updates: 'manual',
      notifications: { jobFinished: false, jobFailed: true }
    })
    await page.keyboard.press('Escape')

    const banner = page.getByRole('status', { name: look.tag === 'en' ? 'Update' : 'Обновление' })
    engine.emit('checking-for-update')
    await expect(banner).toHaveAttribute('data-status', 'checking')
    await expect(banner).toContainText(look.texts.checking)
    await app.screenshot(`desktop-update-checking-${look.tag}`)

    // Manual mode: offered, downloaded only when the user says.
    engine.emit('update-available', {
      version: '0.2.0',
      releaseNotes: NOTES,
      files: [],
      path: '',
      sha512: '',
      releaseDate: ''
    })
    await expect(banner).toHaveAttribute('data-status', 'available')
    await expect(banner).toContainText(look.texts.available)
    await app.screenshot(`desktop-update-available-${look.tag}`)
    expect(calls).not.toContain('download')
    await banner.getByRole('button', { name: look.download }).click()
    await expect.poll(() => calls).toContain('download')

    engine.emit('download-progress', {
      percent: 42.4,
      bytesPerSecond: 1,
      total: 100,
      transferred: 42,
      delta: 1
    })
    await expect(banner).toContainText(look.texts.downloading)
    await expect(banner.getByRole('progressbar')).toHaveAttribute('value', '42')
    await app.screenshot(`desktop-update-downloading-${look.tag}`)

    engine.emit('update-downloaded', {
      version: '0.2.0',
      releaseNotes: NOTES,
      files: [],
      path: '',
      sha512: '',
      releaseDate: '',
      downloadedFile: '/tmp/x'
    })
    await expect(banner).toHaveAttribute('data-status', 'ready')
    await expect(banner).toContainText(look.texts.ready)
    // Release notes come as plain text, never as HTML.
    await banner.getByText(look.texts.notes).click()
    await expect(banner.locator('pre')).toHaveText(
      '0.2.0\n• Faster bulk publishing\n• Restore & maintenance fixes'
    )
    await expect(banner.locator('ul, li, h3')).toHaveCount(0)
    await app.screenshot(`desktop-update-ready-${look.tag}`)

    await banner.getByRole('button', { name: look.restart }).click()
    await expect.poll(() => calls).toContain('install false true')
  })
}

test('a b24desk:// link (pushed by main) opens the snapshots view or the outbox with the job', async ({
  launchApp,
  mode
}) => {
  test.skip(mode !== 'chromium', 'events are pushed from the test process')
  const app = await launchApp()
  const { page } = app
  await page.getByRole('button', { name: 'Open the demo portal' }).click()
  await expect(page.getByRole('tab', { name: 'Sites' })).toHaveAttribute('aria-selected', 'true')
  await app.push('app:open', { kind: 'snapshot', snapshotId: 1 })
  await expect(page.getByRole('tab', { name: 'Snapshots' })).toHaveAttribute('aria-selected', 'true')
  await app.push('app:open', { kind: 'job', jobId: 1 })
  await expect(page.getByRole('complementary', { name: 'Outbox' })).toBeVisible()
})

test('a policy file locks the update setting, and the window says by which file', async ({
  launchApp,
  mode
}) => {
  test.skip(mode !== 'chromium', 'the stand-in update engine lives in the test process')
  const { engine } = standInEngine()
  const source = '/etc/b24desk/b24desk-policy.yml'
  const app = await launchApp({
    services: {
      desktop: {
        updateEngine: engine as unknown as UpdateEngine,
        updatePolicy: { mode: 'off', feedUrl: null, source, error: null }
      }
    }
  })
  const { page } = app
  await page.getByRole('button', { name: 'Settings', exact: true }).click()
  const dialog = page.getByRole('dialog')
  await expect(dialog.getByTestId('update-policy')).toHaveText(`Set by your organisation (${source}).`)
  await expect(dialog.getByRole('radio', { name: 'Never' })).toBeChecked()
  await expect(dialog.getByRole('radio', { name: 'Download updates in the background' })).toBeDisabled()
  await app.screenshot('desktop-settings-locked-en')
  // The service behind the window agrees: off, locked by that file.
  expect(app.services!.desktop.updates.state()).toMatchObject({ status: 'off', lockedBy: source })
})
