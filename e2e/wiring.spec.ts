import { test, expect } from './support/fixtures'

test('the window shows facts from the real main process and reacts to pushed events', async ({
  launchApp
}) => {
  const app = await launchApp()
  const { page } = app
  await expect(page.getByTestId('version')).toContainText('Version')
  await expect(page.getByTestId('data-dir')).toContainText(app.dataDir)
  await expect(page.getByTestId('data-dir-health')).toHaveText('Data folder is writable')

  await app.push('app:status', { online: false, at: Date.now() })
  await expect(page.getByRole('status', { name: 'connection' })).toHaveText('Offline')
  await app.push('app:status', { online: true, at: Date.now() })
  await expect(page.getByRole('status', { name: 'connection' })).toHaveText('Online')
  await app.screenshot('wiring')
})

test('the renderer can reach only contract channels, and bad input gets a clear error without harming main', async ({
  launchApp
}) => {
  const app = await launchApp()
  const { page } = app
  await expect(page.getByTestId('version')).toBeVisible()

  const exposed = await page.evaluate(() => Object.keys(window.api).sort())
  expect(exposed).toEqual(['invoke', 'on'])
  expect(await page.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe(
    'undefined'
  )

  const unknown = await page.evaluate(() => window.api.invoke('fs:readFile' as never))
  expect(unknown).toMatchObject({ ok: false, error: { code: 'IPC_UNKNOWN_CHANNEL' } })

  const bad = await page.evaluate(() =>
    window.api.invoke('app:openExternal', { url: 42 } as unknown as { url: string })
  )
  expect(bad).toMatchObject({ ok: false, error: { code: 'IPC_INVALID_INPUT' } })
  expect((bad as { error: { message: string } }).error.message).toMatch(/url/)

  const notHttps = await page.evaluate(() =>
    window.api.invoke('app:openExternal', { url: 'file:///etc/passwd' })
  )
  expect(notHttps).toMatchObject({ ok: false, error: { code: 'URL_NOT_ALLOWED' } })

  // Main is unharmed: the next valid request is answered normally.
  const info = await page.evaluate(() => window.api.invoke('app:info'))
  expect(info).toMatchObject({ ok: true, value: { dataDir: app.dataDir, dataDirHealthy: true } })

  // Bitrix24's own hosts open directly; another host is asked about first (nobody here to agree).
  await page.evaluate(() => window.api.invoke('app:openExternal', { url: 'https://example.com/docs' }))
  await page.evaluate(() =>
    window.api.invoke('app:openExternal', { url: 'https://helpdesk.bitrix24.com/open/1/' })
  )
  if (app.mode === 'chromium') expect(app.openedExternal).toEqual(['https://helpdesk.bitrix24.com/open/1/'])
})
