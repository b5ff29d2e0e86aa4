import { test, expect } from './support/fixtures'
import { dataRows, expectEveryControlNamed, openView } from './support/ui'

const looks = [
  { colorScheme: 'light', locale: 'en-US', tag: 'light-en' },
  { colorScheme: 'dark', locale: 'en-US', tag: 'dark-en' },
  { colorScheme: 'light', locale: 'ru-RU', tag: 'light-ru' },
  { colorScheme: 'dark', locale: 'ru-RU', tag: 'dark-ru' }
] as const

test('first run leads into the demo portal, which is browsable, filterable and clearly marked DEMO', async ({
  launchApp
}) => {
  const app = await launchApp()
  const { page } = app
  await expect(page.getByRole('heading', { name: 'Welcome to B24 Desk' })).toBeVisible()
  // Main says at start-up whether the computer is online; the header shows it without any event from the test.
  await expect(page.getByRole('status', { name: 'connection' })).toHaveText('Online')
  await expect(page.getByRole('button', { name: 'Add a portal…' })).toBeVisible()
  await page.getByRole('button', { name: 'Open the demo portal' }).click()

  const sidebar = page.getByRole('navigation', { name: 'Portals' })
  await expect(sidebar.getByText('DEMO', { exact: true })).toBeVisible()
  await expect(dataRows(page, 'Sites').filter({ hasText: 'Spring Sale' })).toHaveCount(1)
  await expect(dataRows(page, 'Sites').filter({ hasText: 'Company Knowledge Base' })).toHaveCount(1)
  await expect(sidebar.getByTestId('portal-status')).toHaveText('Online')

  // Knowledge bases sit alongside sites and filter by type.
  await page.getByRole('combobox', { name: 'Type' }).selectOption('KNOWLEDGE')
  await expect(dataRows(page, 'Sites')).toHaveCount(1)
  await page.getByRole('combobox', { name: 'Type' }).selectOption('all')

  // Drill into a site with the keyboard: its folders and only its pages.
  await page.getByRole('searchbox', { name: 'Filter' }).fill('spring sale')
  await expect(dataRows(page, 'Sites')).toHaveCount(1)
  await page.getByRole('grid', { name: 'Sites' }).focus()
  await page.keyboard.press('Enter')
  await expect(page.getByRole('tree', { name: 'Folders' })).toBeVisible()
  await expect(page.getByRole('tree', { name: 'Folders' }).getByText('Shoes')).toBeVisible()
  await expect(dataRows(page, 'Pages').filter({ hasText: 'Running shoes -30%' })).toHaveCount(1)
  await expect(dataRows(page, 'Pages').filter({ hasText: 'Checkout' })).toHaveCount(0)
  await page.getByRole('tree', { name: 'Folders' }).getByRole('button', { name: /Shoes/ }).click()
  await expect(dataRows(page, 'Pages')).toHaveCount(2)
  await app.screenshot('site-drilldown')
  await page.getByRole('button', { name: 'All sites' }).click()
  await expect(page.getByRole('grid', { name: 'Sites' })).toBeVisible()

  // The pages of every site, filtered by state and text.
  await openView(page, 'Pages')
  await page.getByRole('searchbox', { name: 'Filter' }).fill('')
  await page.getByRole('combobox', { name: 'State' }).selectOption('published')
  await expect(dataRows(page, 'Pages').filter({ hasText: 'Cart' })).toHaveCount(1)
  await expect(dataRows(page, 'Pages').filter({ hasText: 'Boots clearance' })).toHaveCount(0)
})

for (const look of looks) {
  test(`main screens (${look.tag})`, async ({ launchApp }) => {
    const app = await launchApp({ colorScheme: look.colorScheme, locale: look.locale })
    const { page } = app
    const ru = look.locale.startsWith('ru')
    await expect(page.getByRole('heading', { level: 2 }).first()).toBeVisible()
    await expect(page.getByRole('status', { name: 'connection' })).toHaveText(ru ? 'В сети' : 'Online')
    await app.screenshot(`${look.tag}-first-run`)
    await expectEveryControlNamed(page)
    await page.getByRole('button', { name: ru ? 'Открыть демо-портал' : 'Open the demo portal' }).click()
    const sites = ru ? 'Сайты' : 'Sites'
    await expect(dataRows(page, sites).first()).toBeVisible()
    await app.screenshot(`${look.tag}-sites`)
    await expectEveryControlNamed(page)
    await openView(page, ru ? 'Страницы' : 'Pages')
    await expect(dataRows(page, ru ? 'Страницы' : 'Pages').first()).toBeVisible()
    await dataRows(page, ru ? 'Страницы' : 'Pages')
      .nth(1)
      .click()
    await dataRows(page, ru ? 'Страницы' : 'Pages')
      .nth(3)
      .click({ modifiers: ['Shift'] })
    await app.screenshot(`${look.tag}-pages-selected`)
    await expectEveryControlNamed(page)
    await page.getByRole('button', { name: ru ? 'Опубликовать…' : 'Publish…', exact: true }).click()
    await app.screenshot(`${look.tag}-review`)
    await expectEveryControlNamed(page)
    await page.keyboard.press('Escape')
    await openView(page, ru ? 'Документы' : 'Documents')
    await dataRows(page, ru ? 'Документы' : 'Documents')
      .first()
      .click()
    await app.screenshot(`${look.tag}-documents`)
    await expectEveryControlNamed(page)
    await openView(page, ru ? 'Превью' : 'Previews')
    await expect(page.locator('.gallery img').first()).toBeVisible()
    await app.screenshot(`${look.tag}-previews`)
    await expectEveryControlNamed(page)
    await page.getByRole('button', { name: ru ? /^Очередь/ : /^Outbox/ }).click()
    await expect(page.getByRole('complementary', { name: ru ? 'Очередь' : 'Outbox' })).toBeVisible()
    await app.screenshot(`${look.tag}-outbox`)
    await expectEveryControlNamed(page)
  })
}
