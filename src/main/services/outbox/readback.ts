import type { CatalogArea, LandingScope } from '../../../shared/domain/catalog'
import type { TargetKind } from '../../../shared/domain/outbox'
import { localize, type Localized } from '../app/language'
import { createCatalogReadBack, type CatalogReadBack, type PortalRead, type StateChange } from '../catalog'
import type { Database } from '../db/database'
import type { AppEvents } from '../events'
import { createJobChangesStore, type JobChangesStore, type ObservedChange } from './changes-store'
import type { AnsweredOperation, OperationError, Verdict, Verify } from './verify-types'

/** The error code of a mismatch (state 'mismatch'): the read-back shows otherwise than the intent. */
export const MISMATCH_CODE = 'PORTAL_REPORTS_OTHERWISE'

type Kind = TargetKind

/** What the portal reports, per kind and state; Russian needs the noun's gender, so whole sentences. */
const reports: Record<Kind, Record<'on' | 'off', Localized>> = {
  page: {
    on: {
      en: 'The portal reports the page as published.',
      ru: 'Портал сообщает, что страница опубликована.'
    },
    off: {
      en: 'The portal reports the page as not published.',
      ru: 'Портал сообщает, что страница не опубликована.'
    }
  },
  site: {
    on: { en: 'The portal reports the site as published.', ru: 'Портал сообщает, что сайт опубликован.' },
    off: {
      en: 'The portal reports the site as not published.',
      ru: 'Портал сообщает, что сайт не опубликован.'
    }
  },
  folder: {
    on: { en: 'The portal reports the folder as published.', ru: 'Портал сообщает, что папка опубликована.' },
    off: {
      en: 'The portal reports the folder as not published.',
      ru: 'Портал сообщает, что папка не опубликована.'
    }
  },
  document: {
    on: {
      en: 'The portal reports the document’s public link as on.',
      ru: 'Портал сообщает, что публичная ссылка документа включена.'
    },
    off: {
      en: 'The portal reports the document’s public link as off.',
      ru: 'Портал сообщает, что публичная ссылка документа выключена.'
    }
  }
}

const notListed: Record<Kind, Localized> = {
  page: {
    en: 'The portal no longer lists this page, so its state could not be checked.',
    ru: 'Портал больше не показывает эту страницу, поэтому её состояние проверить не удалось.'
  },
  site: {
    en: 'The portal no longer lists this site, so its state could not be checked.',
    ru: 'Портал больше не показывает этот сайт, поэтому его состояние проверить не удалось.'
  },
  folder: {
    en: 'The portal no longer lists this folder, so its state could not be checked.',
    ru: 'Портал больше не показывает эту папку, поэтому её состояние проверить не удалось.'
  },
  document: {
    en: 'The portal no longer finds this document, so its link could not be checked.',
    ru: 'Портал больше не находит этот документ, поэтому его ссылку проверить не удалось.'
  }
}

const prefix = {
  unconfirmed: {
    en: 'The portal answered without confirming the change. ',
    ru: 'Портал ответил, не подтвердив изменение. '
  },
  /** docs/bitrix24.md#publication-without-right: a page publication comes back empty when the account may not publish that page. */
  unconfirmedPage: {
    en: 'The portal answered without confirming the change (usually: the account may not publish this page). ',
    ru: 'Портал ответил, не подтвердив изменение (обычно это значит, что у учётной записи нет права публиковать эту страницу). '
  },
  confirmed: {
    en: 'The portal confirmed the change, but reading it back shows otherwise. ',
    ru: 'Портал подтвердил изменение, но повторное чтение показывает иное. '
  }
} satisfies Record<string, Localized>

const both = (f: (l: 'en' | 'ru') => string): Localized => ({ en: f('en'), ru: f('ru') })

/**
 * Every text a mismatch can carry, in both languages: the command line says a stored one again in
 * the reader's language (whichever process wrote it).
 */
export const mismatchTexts = (): Localized[] => [
  ...Object.values(notListed),
  ...Object.values(prefix).flatMap((head) =>
    Object.values(reports).flatMap((r) => [r.on, r.off].map((t) => both((l) => head[l] + t[l])))
  )
]

/** The error a mismatch carries: what the portal was asked, and what it reports now. */
export const mismatchError = (op: AnsweredOperation, state: boolean | null): OperationError => {
  let text: Localized
  if (state === null) text = notListed[op.kind]
  else {
    const head = op.confirmed
      ? prefix.confirmed
      : op.kind === 'page' && op.action === 'publish'
        ? prefix.unconfirmedPage
        : prefix.unconfirmed
    text = both((l) => head[l] + reports[op.kind][state ? 'on' : 'off'][l])
  }
  return { code: MISMATCH_CODE, message: localize(text), category: 'permanent' }
}

/** What a site's read-back shows, after a site command the portal refused (the walk may have got far). */
const siteNow = (live: boolean | null, pagesLive: number | null): Localized => {
  if (live === null) return notListed.site
  const site = reports.site[live ? 'on' : 'off']
  if (pagesLive === null) return site
  return both((l) =>
    l === 'en'
      ? `${site.en} ${pagesLive === 1 ? '1 of its pages is' : `${pagesLive} of its pages are`} published.`
      : `${site.ru} Опубликовано его страниц: ${pagesLive}.`
  )
}

/**
 * The error a refused operation keeps, with what the portal shows now: a site publication that stops
 * at a page error (`PUBLIC_PAGE_REACHED`, ...) has already activated the site and published the pages
 * before it (bitrix-core-business `modules/landing/lib/site.php` `Site::publication`).
 */
export const failedError = (
  op: AnsweredOperation & { error: OperationError },
  now: Localized
): OperationError => ({
  ...op.error,
  message: localize(both((l) => `${op.error.message} ${l === 'en' ? 'Now:' : 'Сейчас:'} ${now[l]}`))
})

const intended = (op: AnsweredOperation): boolean => op.action === 'publish' || op.action === 'link-on'

export interface VerifierDeps {
  /** The catalog's read-back (catalog/readback.ts): reads the portal, writes the cache, announces it. */
  catalog: CatalogReadBack
  changes: JobChangesStore
  now: () => number
  log: (line: string) => void
}

/**
 * The outbox's read-back: after a portal answered a batch of operations, the catalog reads what they
 * touched and writes it into its cache (catalog/readback.ts); this says per operation whether the
 * portal shows the intended state, and records what else changed for the jobs' reports. The reads go
 * through the lane's port, so they are paced and counted like any call.
 */
export const createVerifier = (deps: VerifierDeps): Verify => {
  const { catalog } = deps

  const verdictFor = (op: AnsweredOperation, read: PortalRead): Verdict => {
    let state: boolean | null
    switch (op.kind) {
      case 'page':
        // The intent on a page is its own ACTIVE flag; whether its site is live is shown, not judged.
        state = read.pages.get(op.targetId)?.published ?? null
        break
      case 'site':
        state = read.sites.get(op.targetId)?.published ?? null
        break
      case 'folder':
        state = read.folders.get(op.targetId)?.published ?? null
        break
      case 'document': {
        const doc = read.documents.get(op.targetId)
        state = doc ? !!doc.publicUrl : null
        break
      }
    }
    if (op.error) {
      let now: Localized
      if (op.kind === 'site') {
        const pagesLive = read.allPagesOf.has(op.targetId)
          ? [...read.pages.values()].filter((p) => p.siteId === op.targetId && p.published).length
          : null
        now = siteNow(state, pagesLive)
      } else now = state === null ? notListed[op.kind] : reports[op.kind][state ? 'on' : 'off']
      return { id: op.id, kind: 'failed', error: failedError({ ...op, error: op.error }, now) }
    }
    // An answer without a confirmation (docs/bitrix24.md#publication-without-right: `result: null`) is not done by itself; but every
    // intent is an absolute state, so when the read-back shows that state, the intent holds and
    // the operation is done all the same.
    if (state === intended(op)) return { id: op.id, kind: 'done' }
    return { id: op.id, kind: 'mismatch', error: mismatchError(op, state) }
  }

  /**
   * Changes to objects no operation of any job in this read-back asked for (a folder another job
   * unpublished is that job's own change, not a side effect of this one). Objects the cache had not
   * listed count when they are live now and a publication here may have brought them online (a
   * folder chain a page publication activated); their state before is unknown.
   */
  const beyondSelection = (
    portalId: string,
    found: readonly StateChange[],
    read: PortalRead,
    touched: ReadonlySet<string>
  ): ObservedChange[] => {
    const out: ObservedChange[] = []
    for (const c of found) {
      if (c.before === null && !(c.after && read.broughtOnline.has(`${c.kind}:${c.id}`))) continue
      if (touched.has(`${c.kind}:${c.id}`)) continue
      for (const jobId of read.jobsOf(c.kind, c.id)) {
        if (deps.changes.isTarget(jobId, portalId, c.kind, c.id)) continue
        out.push({ jobId, portalId, ...c })
      }
    }
    return out
  }

  return async (portalId, answered, port, inFlight) => {
    if (answered.length === 0) return []
    const scopes = new Map<LandingScope, AnsweredOperation[]>()
    for (const op of answered) {
      // Documents have no landing scope; their reads join the default scope's batches.
      const scope = op.kind === 'document' ? '' : op.scope
      scopes.set(scope, [...(scopes.get(scope) ?? []), op])
    }
    const verdicts: Verdict[] = []
    const updated = new Set<CatalogArea>()
    const touched = new Set([...(inFlight ?? []), ...answered.map((op) => `${op.kind}:${op.targetId}`)])
    for (const [scope, ops] of scopes) {
      const read = await catalog.read(portalId, scope, ops, port)
      const at = deps.now()
      const { areas, changes } = catalog.write(portalId, read, at)
      try {
        deps.changes.record(beyondSelection(portalId, changes, read, touched), at)
      } catch (err) {
        // The list of side effects is a report; losing it must not undo what the portal did.
        deps.log(
          `outbox: could not record what else changed on ${portalId}: ${err instanceof Error ? err.message : String(err)}`
        )
      }
      for (const a of areas) updated.add(a)
      for (const op of ops) verdicts.push(verdictFor(op, read))
    }
    catalog.announce(portalId, updated)
    return verdicts
  }
}

/** The verifier over one data folder's database, as the app wires it (compose, the benchmark). */
export const verifierFor = (
  db: Database,
  events: AppEvents,
  now: () => number,
  log: (line: string) => void = () => {}
): Verify =>
  createVerifier({
    catalog: createCatalogReadBack({ db, events, log }),
    changes: createJobChangesStore(db),
    now,
    log
  })
