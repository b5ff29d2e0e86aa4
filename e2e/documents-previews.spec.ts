import { test, expect } from './support/fixtures'
import { dataRows, expectEveryControlNamed, openView } from './support/ui'

test('a document link is switched on through the outbox and copied', async ({ launchApp }) => {
  const app = await launchApp()
  const { page } = app
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await page.getByRole('button', { name: 'Open the demo portal' }).click()
  await openView(page, 'Documents')
  await page.getByRole('searchbox', { name: 'Filter' }).fill('Q-3005')
  await expect(dataRows(page, 'Documents')).toHaveCount(1)
  await dataRows(page, 'Documents').first().click()
  const detail = page.getByRole('complementary', { name: 'Document' })
  await expect(detail.getByTestId('document-link')).toHaveText('The public link is off.')
  await detail.getByRole('button', { name: 'Switch the public link on' }).click()
  await expect(detail.getByTestId('document-link')).toContainText('https://', { timeout: 30_000 })
  const link = (await detail.getByTestId('document-link').textContent())!.trim()
  await detail.getByRole('button', { name: 'Copy link' }).click()
  await expect(page.getByRole('status', { name: 'notice' })).toHaveText('Link copied')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(link)
  await expect(dataRows(page, 'Documents').first()).toContainText('On')
  await app.screenshot('document-link-on')
})

test('preview images are fetched lazily, rendered, opened full size, and a site and a page opened in the browser', async ({
  launchApp
}) => {
  // The emulated portal's public sites live on its own test domain, neither the portal's host nor
  // Bitrix24's: the app asks first, and the person here agrees.
  const asked: string[] = []
  const app = await launchApp({
    services: {
      confirmExternal: async (host) => {
        asked.push(host)
        return true
      }
    }
  })
  const { page } = app
  await page.getByRole('button', { name: 'Open the demo portal' }).click()
  await openView(page, 'Pages')
  await expect(dataRows(page, 'Pages').first()).toBeVisible()
  await openView(page, 'Previews')
  const img = page.locator('.gallery img').first()
  await expect(img).toBeVisible({ timeout: 30_000 })
  await expect
    .poll(() => img.evaluate((el: HTMLImageElement) => el.complete && el.naturalWidth))
    .toBeGreaterThan(0)
  // A selected site (sites carry their public URL) joins the gallery on its own.
  await openView(page, 'Sites')
  await dataRows(page, 'Sites').filter({ hasText: 'Coffee Corner Shop' }).click()
  await openView(page, 'Previews')
  await expect(page.getByText('1 of 1 preview')).toBeVisible()
  await page.getByRole('button', { name: 'Open preview of Coffee Corner Shop' }).click()
  const viewer = page.getByRole('dialog')
  const full = viewer.locator('.preview-full img')
  await expect(full).toBeVisible()
  await expect.poll(() => full.evaluate((el: HTMLImageElement) => el.naturalWidth)).toBeGreaterThan(0)
  await app.screenshot('preview-full')
  await expectEveryControlNamed(page)
  await viewer.getByRole('button', { name: 'Open in browser' }).click()
  await expect.poll(() => app.openedExternal.length).toBe(1)
  expect(app.openedExternal[0]).toMatch(/^https:\/\//)
  if (app.mode === 'chromium') expect(asked).toEqual([new URL(app.openedExternal[0]).host])
  await page.keyboard.press('Escape')
  await expect(viewer).toBeHidden()

  // A page carries no address in its row: the viewer asks the portal for it when it is opened.
  await openView(page, 'Pages')
  await page.getByRole('searchbox', { name: 'Filter' }).fill('Running shoes')
  await expect(dataRows(page, 'Pages')).toHaveCount(1)
  await dataRows(page, 'Pages').first().click()
  await openView(page, 'Previews')
  await expect(page.getByText('2 of 2 previews')).toBeVisible()
  await page.getByRole('button', { name: 'Open preview of Running shoes -30%' }).click()
  const pageViewer = page.getByRole('dialog', { name: 'Running shoes -30%' })
  await expect(pageViewer.getByTestId('public-url')).toHaveCount(0)
  await pageViewer.getByRole('button', { name: 'Open in browser' }).click()
  await expect.poll(() => app.openedExternal.length).toBe(2)
  const pageUrl = app.openedExternal[1]
  // The page lives under its site and folder: not the site address the first viewer opened.
  expect(pageUrl).toMatch(/^https:\/\/spring-sale\.[^/]+\/[^/]+\/[^/]+\/$/)
  await expect(pageViewer.getByTestId('public-url')).toHaveText(pageUrl)
  await app.screenshot('preview-page-link')
  await page.keyboard.press('Escape')

  // The row knows it now, and copies it without asking again.
  await openView(page, 'Pages')
  const row = dataRows(page, 'Pages').first()
  await expect(row).toContainText(pageUrl.replace('https://', ''))
  await page.context().grantPermissions(['clipboard-read', 'clipboard-write'])
  await row.getByRole('button', { name: 'Copy link' }).click()
  await expect(page.getByRole('status', { name: 'notice' })).toHaveText('Link copied')
  expect(await page.evaluate(() => navigator.clipboard.readText())).toBe(pageUrl)
})
