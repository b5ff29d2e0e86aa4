import type { PortalData } from '../state.ts'
import { SeedBuilder } from './builder.ts'

/**
 * A small portal that reads like a real one: English and Russian sites, a shop, a knowledge base and
 * a group knowledge base, CRM documents; and each case a newcomer should meet: offline pages in a
 * live site (Spring Sale), a live page edited since publication (Contacts), folders three levels
 * deep (the knowledge base), a page without the publication right (Wholesale price list).
 */
export function demoSeed(): PortalData {
  const b = new SeedBuilder()

  const spring = b.site('Spring Sale', 'spring-sale', 'PAGE', true, {
    description: 'Seasonal discounts landing'
  })
  b.page(spring, 'Spring Sale', 'index', null, true)
  const offers = b.folder(spring, 'Offers', 'offers', null, true)
  b.page(spring, 'Offers', 'offers-index', offers, true)
  const shoes = b.folder(spring, 'Shoes', 'shoes', offers, false)
  b.page(spring, 'Running shoes -30%', 'running-shoes', shoes, false)
  b.page(spring, 'Boots clearance', 'boots', shoes, false)
  // Live, but edited since it was published (PUBLIC=N): site (un)publication treats it differently (docs/bitrix24.md#site-publication).
  b.page(spring, 'Contacts', 'contacts', null, true, { public: false })
  b.page(spring, 'Terms of the sale', 'terms', null, false, { hasPreview: false })

  const vesna = b.site('Весенняя распродажа', 'vesennyaya-rasprodazha', 'PAGE', false, { lang: 'ru' })
  b.page(vesna, 'Весенняя распродажа', 'index', null, false)
  const katalog = b.folder(vesna, 'Каталог', 'katalog', null, false)
  const odezhda = b.folder(vesna, 'Одежда', 'odezhda', katalog, false)
  b.page(vesna, 'Куртки и пальто', 'kurtki', odezhda, false)
  b.page(vesna, 'Платья', 'platya', odezhda, false)
  b.page(vesna, 'Доставка и оплата', 'dostavka', null, false)

  const coffee = b.site('Coffee Corner Shop', 'coffee-corner', 'STORE', true)
  b.page(coffee, 'Catalog', 'catalog', null, true)
  b.page(coffee, 'Cart', 'cart', null, true)
  b.page(coffee, 'Checkout', 'checkout', null, true)
  b.page(coffee, 'Personal account', 'personal', null, false)

  const corp = b.site('Корпоративный сайт', 'korporativnyy-sayt', 'SMN', false)
  b.page(corp, 'Главная', 'index', null, false)
  b.page(corp, 'О компании', 'about', null, false)

  const kb = b.site('Company Knowledge Base', 'company-kb', 'KNOWLEDGE', true)
  b.page(kb, 'Welcome', 'index', null, true)
  const howto = b.folder(kb, 'How-to', 'how-to', null, true)
  b.page(kb, 'Publishing a landing page', 'publishing', howto, true)
  b.page(kb, 'Регламент отпусков', 'vacations', howto, false)

  const group = b.site('Project Apollo group KB', 'apollo-kb', 'GROUP', false)
  b.page(group, 'Apollo: overview', 'index', null, false)
  b.page(group, 'Apollo: release checklist', 'checklist', null, false)

  const trash = b.site('Black Friday 2023', 'black-friday-2023', 'PAGE', false, { deleted: true })
  b.page(trash, 'Black Friday', 'index', null, false, { deleted: true })

  // Added after the first release of this seed, so earlier ids stay as tests know them.
  // Three levels of folders: How-to > Landing pages > Forms, the deepest one offline.
  const landingHowto = b.folder(kb, 'Landing pages', 'landing-pages', howto, true)
  const forms = b.folder(kb, 'Forms', 'forms', landingHowto, false)
  b.page(kb, 'Landing pages: getting started', 'getting-started', landingHowto, true)
  b.page(kb, 'Forms: collecting leads', 'collecting-leads', forms, false)
  // The webhook's user may edit this page but not publish it: publishing answers result null (docs/bitrix24.md#publication-without-right).
  b.page(coffee, 'Wholesale price list', 'wholesale', null, false, { canPublish: false })

  // A Bitrix24 main page (scope MAINPAGE), shown only while the `mainPageSites` condition is on;
  // offline, so that while hidden it counts against no plan limit.
  const main = b.site('Company main page', 'company-main', 'MAINPAGE', false)
  b.page(main, 'Main page', 'index', null, false)

  const docs: Array<[string, string, number, number, boolean]> = [
    ['Invoice', 'INV-1001', 2, 12, true],
    ['Счёт на оплату', 'СЧ-1002', 2, 14, false],
    ['Supply contract', 'CT-2024-07', 2, 15, true],
    ['Коммерческое предложение', 'КП-118', 2, 21, false],
    ['Quote', 'Q-3005', 7, 3, false],
    ['Акт выполненных работ', 'АКТ-77', 2, 12, false],
    ['Invoice', 'INV-1007', 31, 5, true],
    ['Договор поставки', 'ДП-19', 4, 9, false],
    ['Delivery note', 'DN-450', 2, 16, false],
    ['Счёт-фактура', 'СФ-2024-33', 2, 18, false]
  ]
  docs.forEach(([title, number, entityTypeId, entityId, isPublic], i) => {
    b.document({
      title: `${title} ${number}`,
      number,
      templateId: 1 + (i % 3),
      entityTypeId,
      entityId,
      createdBy: 1,
      updatedBy: i % 2 ? 1 : null,
      stampsEnabled: i % 3 === 0,
      publicCode: isPublic ? `d${i + 1}x${(i * 7919).toString(36)}` : null,
      values: { DocumentNumber: number, DocumentTitle: title },
      products: { currencyId: i % 2 ? 'RUB' : 'USD', totalSum: 1000 + i * 250, totalRows: 1 + (i % 4) }
    })
  })
  return b.data
}
