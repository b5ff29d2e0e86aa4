import { test, expect } from './support/fixtures'
import { addPortalDirect, startPortals } from './support/portals'
import { dataRows, expectEveryControlNamed, openOutbox, openView } from './support/ui'
import { rawRequest } from '../src/emulator/testing/client'

/**
 * The review before publishing sites says which pages edited since their publication go live with
 * their edits, and what a plan limit leaves; the job then says what the portal shows after the limit
 * stopped the publication part-way (read back, not predicted).
 */
const looks = [
  { locale: 'en-US', tag: 'en' },
  { locale: 'ru-RU', tag: 'ru' }
] as const

for (const look of looks) {
  test(`review of a site publication: drafts and the plan limit (${look.tag})`, async ({ launchApp }) => {
    const ru = look.tag === 'ru'
    const emulator = await startPortals([{ name: 'north' }])
    try {
      const portal = emulator.portals[0].control
      // Spring Sale taken offline (its fully published pages stay active), then its home page
      // opened in the editor: a live page with edits waiting, under an offline site.
      const off = await rawRequest(`${emulator.portals[0].webhookUrl}landing.site.unpublic`, {
        json: { id: 1 },
        ca: emulator.caCertPem
      })
      expect(off.json().result).toBe(1)
      const home = portal.state().pages.find((p) => p.siteId === 1 && p.active)!
      portal.markEdited([home.id])
      const app = await launchApp({ locale: look.locale })
      const { page } = app
      await addPortalDirect(app, emulator.portals[0], emulator.caCertPem, 'North')
      await page.reload()

      // Load the pages, so the review knows which ones carry edits.
      await openView(page, ru ? 'Страницы' : 'Pages')
      await expect(dataRows(page, ru ? 'Страницы' : 'Pages').first()).toBeVisible()
      await expect(page.getByTestId('page-edited').first()).toBeVisible()

      await openView(page, ru ? 'Сайты' : 'Sites')
      const filter = page.getByRole('searchbox', { name: ru ? 'Фильтр' : 'Filter' })
      await filter.fill('Spring Sale')
      await dataRows(page, ru ? 'Сайты' : 'Sites')
        .first()
        .click()
      await page.getByRole('button', { name: ru ? 'Опубликовать…' : 'Publish…', exact: true }).click()
      const review = page.getByRole('dialog', { name: ru ? 'Проверка перед запуском' : 'Review' })
      await expect(review.getByTestId('review-drafts')).toContainText(`“${home.title}”`, { timeout: 30_000 })
      await expect(review.getByTestId('review-drafts')).toContainText(
        ru ? 'изменённая после публикации' : 'edited since its publication goes live with its edits'
      )
      await app.screenshot(`fidelity-review-drafts-${look.tag}`)
      await expectEveryControlNamed(page)
      await page.keyboard.press('Escape')
      await page.getByRole('button', { name: ru ? 'Снять выделение' : 'Clear selection' }).click()

      // A plan that allows two more published pages: the site publication stops at the third.
      const live = portal.state().pages.filter((p) => p.active && !p.deleted).length
      portal.setConditions({ publicPageLimit: live + 2 })
      await filter.fill('Весенняя')
      await dataRows(page, ru ? 'Сайты' : 'Sites')
        .first()
        .click()
      await page.getByRole('button', { name: ru ? 'Опубликовать…' : 'Publish…', exact: true }).click()
      await expect(review.getByTestId('review-effects')).toContainText(
        ru
          ? 'Если тариф не позволит'
          : 'If the plan’s limit of published sites or pages stops the publication'
      )
      await review.getByRole('button', { name: ru ? 'Поставить в очередь' : 'Put into the outbox' }).click()

      const outbox = await openOutbox(page, ru ? 'Очередь' : 'Outbox')
      const job = outbox
        .getByRole('listitem')
        .filter({ has: page.getByTestId('count-failed') })
        .first()
      await expect(job.getByTestId('count-failed')).toBeVisible({ timeout: 60_000 })
      await job.getByRole('button', { name: ru ? 'Ошибки (1)' : 'Failures (1)' }).click()
      const reason = job.getByTestId('failure-reason')
      await expect(reason).toContainText('PUBLIC_PAGE_REACHED')
      await expect(reason).toContainText(
        ru ? 'Опубликовано его страниц: 2.' : '2 of its pages are published.'
      )
      // What the job says is what the portal holds.
      const truth = portal.state()
      const site = truth.sites.find((s) => s.title === 'Весенняя распродажа')!
      expect(site.active).toBe(true)
      expect(truth.pages.filter((p) => p.siteId === site.id && p.active)).toHaveLength(2)
      await app.screenshot(`fidelity-plan-limit-outcome-${look.tag}`)
      await expectEveryControlNamed(page)
    } finally {
      await emulator.stop()
    }
  })
}
