import type { Folder, PortalData, Site, SiteType } from '../state.ts'
import { SeedBuilder } from './builder.ts'
import { makePrng, pick, shortCode } from './prng.ts'

const WORDS = [
  'Spring',
  'Summer',
  'Winter',
  'Autumn',
  'Sale',
  'Promo',
  'Launch',
  'Event',
  'Webinar',
  'Store',
  'Catalog',
  'Offer'
]
const WORDS_RU = [
  'Весна',
  'Лето',
  'Зима',
  'Осень',
  'Распродажа',
  'Акция',
  'Запуск',
  'Вебинар',
  'Магазин',
  'Каталог'
]

/**
 * A big portal for listings and benchmarks: 200 ordinary sites carrying 10,000 pages, plus
 * knowledge bases, and 5,000 CRM documents. Same PRNG seed, same portal, every time.
 */
export function largeSeed(): PortalData {
  const rnd = makePrng(0x5eed24)
  const b = new SeedBuilder()
  const types: SiteType[] = ['PAGE', 'PAGE', 'PAGE', 'STORE', 'SMN']
  const build = (site: Site, pageCount: number) => {
    const folders: Folder[] = []
    const folderCount = Math.floor(rnd() * 4)
    for (let f = 0; f < folderCount; f++) {
      const parent = f > 0 && rnd() < 0.4 ? folders[folders.length - 1] : null
      folders.push(b.folder(site, `Section ${f + 1}`, `section-${f + 1}`, parent, site.active && rnd() < 0.7))
    }
    for (let p = 0; p < pageCount; p++) {
      const folder = p > 0 && folders.length > 0 && rnd() < 0.3 ? pick(rnd, folders) : null
      const active = site.active && rnd() < 0.6
      b.page(
        site,
        p === 0 ? site.title : `${site.title} — page ${p + 1}`,
        p === 0 ? 'index' : `page-${p + 1}-${shortCode(rnd, 4)}`,
        folder,
        active,
        {
          hasPreview: rnd() < 0.9
        }
      )
    }
  }
  for (let i = 0; i < 200; i++) {
    const ru = i % 3 === 2
    const title = ru
      ? `${pick(rnd, WORDS_RU)} ${pick(rnd, WORDS_RU)} ${i + 1}`
      : `${pick(rnd, WORDS)} ${pick(rnd, WORDS)} ${i + 1}`
    const site = b.site(title, `site-${i + 1}-${shortCode(rnd)}`, types[i % types.length], rnd() < 0.5)
    build(site, 50)
  }
  for (let i = 0; i < 15; i++) {
    const group = i >= 10
    const site = b.site(
      group ? `Group knowledge ${i + 1}` : `Knowledge base ${i + 1}`,
      `kb-${i + 1}`,
      group ? 'GROUP' : 'KNOWLEDGE',
      rnd() < 0.5
    )
    build(site, 20)
  }
  const titles = ['Invoice', 'Quote', 'Contract', 'Счёт', 'Акт', 'Договор']
  for (let i = 0; i < 5000; i++) {
    const number = `N-${10000 + i}`
    b.document({
      title: `${pick(rnd, titles)} ${number}`,
      number,
      templateId: 1 + Math.floor(rnd() * 5),
      entityTypeId: pick(rnd, [2, 2, 2, 7, 31]),
      entityId: 1 + Math.floor(rnd() * 3000),
      createdBy: 1,
      updatedBy: null,
      stampsEnabled: rnd() < 0.3,
      publicCode: rnd() < 0.2 ? `l${i.toString(36)}${shortCode(rnd, 4)}` : null,
      values: { DocumentNumber: number },
      products: {
        currencyId: 'RUB',
        totalSum: Math.round(rnd() * 100000) / 100,
        totalRows: 1 + Math.floor(rnd() * 9)
      }
    })
  }
  return b.data
}
