// The watch's door (issue 23, first part): reads the portals again, records what others changed, and lets a person accept it.
import type { Intent } from '../../../shared/domain/outbox'
import { localize } from '../app/language'
import { AppError } from '../errors'
import { unknownPortal } from '../portals'
import { touchedKey } from '../outbox'
import { differences } from './compare'
import { messages } from './messages'
import { createChangesStore } from './store'
import type { ChangeSeen, ChangesQuery, WatchDeps, WatchPass } from './types'

export type {
  ChangeField,
  ChangeSeen,
  ChangeState,
  ChangesQuery,
  WatchCatalog,
  WatchDeps,
  WatchPass,
  WatchedKind
} from './types'

/** How far back, before the cache was read, a job of this app still counts as the author of a change. */
const OWN_WORK_MARGIN_MS = 60_000

export interface WatchService {
  /**
   * One pass over a portal: its sites and pages as the cache held them, read again from the portal
   * (the cache follows), and every difference no job of this app made recorded as a change seen.
   * A portal with nothing cached yet gets a baseline pass: read, nothing to compare.
   */
  watchOnce(portalId: string): Promise<WatchPass>
  /** Changes seen, newest first. */
  changes(query?: ChangesQuery): ChangeSeen[]
  change(id: number): ChangeSeen | undefined
  /** The change stays as the portal has it; it is no longer new. */
  accept(id: number): ChangeSeen
  /**
   * Queues one outbox job that puts new changes back as they were, and marks them put back with
   * that job. Only a published state can be put back this round (the outbox has no intent for a
   * title); any other change, or one not new, refuses the lot before anything is queued.
   */
  putBack(ids: readonly number[]): Promise<{ jobId: number; changes: ChangeSeen[] }>
  /** When the watch last read the portal, null before its first pass. */
  lastPass(portalId: string): number | null
  /** Drops what was seen of a portal (it was removed). */
  forget(portalId: string): void
}

export const createWatchService = (deps: WatchDeps): WatchService => {
  const store = createChangesStore(deps.db)

  const readFailed = (error: { code: string; message: string }) =>
    new AppError(error.code, localize(messages.readFailed, { reason: error.message }))

  const watchOnce = async (portalId: string): Promise<WatchPass> => {
    if (!deps.portals.has(portalId)) throw unknownPortal()
    const q = { portalIds: [portalId], refresh: false }
    const [cachedSites, cachedPages] = [await deps.catalog.sites(q), await deps.catalog.pages(q)]
    const times = [cachedSites.syncedAt[portalId], cachedPages.syncedAt[portalId]]
    const baseline = times.some((t) => t === null || t === undefined)
    const cachedAt = Math.min(...times.map((t) => t ?? 0))
    // TODO(issue 23): pages modified since the last pass (DATE_MODIFY) with a full pass now and then,
    // paced to a tenth of the portal's request rate and operating budget; this reads everything.
    const fresh = { portalIds: [portalId], refresh: true }
    const sites = await deps.catalog.sites(fresh)
    const pages = await deps.catalog.pages(fresh)
    const at = deps.now()
    // A listing that could not be read answers the cached rows: it shows no difference, and what the
    // other one read is still recorded before the failure is reported.
    const failed = sites.stale[portalId] ?? pages.stale[portalId]
    if (baseline) {
      if (failed) throw readFailed(failed)
      store.recordPass(portalId, at, [])
      return { portalId, at, baseline: true, changes: [], ownChanges: 0 }
    }
    const all = differences(
      portalId,
      { sites: cachedSites.rows, pages: cachedPages.rows },
      { sites: sites.rows, pages: pages.rows },
      at
    )
    const own = deps.touched(portalId, cachedAt - OWN_WORK_MARGIN_MS)
    const theirs = all.filter((c) => !own.has(touchedKey(c.kind, c.targetId)))
    const changes = store.recordPass(portalId, at, theirs)
    if (failed) throw readFailed(failed)
    return { portalId, at, baseline: false, changes, ownChanges: all.length - theirs.length }
  }

  const decided = (id: number, state: 'accepted' | 'put-back'): ChangeSeen => {
    const change = store.get(id)
    if (!change)
      throw new AppError('CHANGE_NOT_FOUND', localize(messages.unknownChange, { id }), {
        category: 'permanent'
      })
    if (!store.decide(id, state, deps.now()))
      throw new AppError('CHANGE_DECIDED', localize(messages.alreadyDecided, { id }), {
        category: 'permanent'
      })
    return store.get(id) as ChangeSeen
  }

  const putBack = async (ids: readonly number[]): Promise<{ jobId: number; changes: ChangeSeen[] }> => {
    const wanted = [...new Set(ids)].map((id) => {
      const change = store.get(id)
      if (!change)
        throw new AppError('CHANGE_NOT_FOUND', localize(messages.unknownChange, { id }), {
          category: 'permanent'
        })
      if (change.state !== 'new')
        throw new AppError('CHANGE_DECIDED', localize(messages.alreadyDecided, { id }), {
          category: 'permanent'
        })
      if (change.field !== 'published' || typeof change.before !== 'boolean' || !deps.enqueue)
        throw new AppError('CHANGE_CANNOT_PUT_BACK', localize(messages.cannotPutBack, { id }), {
          category: 'permanent'
        })
      return change
    })
    const intents: Intent[] = wanted.map((c) => ({
      portalId: c.portalId,
      kind: c.kind,
      targetId: c.targetId,
      scope: c.scope,
      action: c.before === true ? 'publish' : 'unpublish',
      label: c.title
    }))
    const title = localize(messages.putBackTitle, { ids: wanted.map((c) => c.id).join(', ') })
    const job = await deps.enqueue!({ title, intents })
    const at = deps.now()
    for (const c of wanted) store.decide(c.id, 'put-back', at, job.id)
    return { jobId: job.id, changes: wanted.map((c) => store.get(c.id) as ChangeSeen) }
  }

  return {
    watchOnce,
    putBack,
    changes: (query = {}) => store.list(query),
    change: (id) => store.get(id),
    accept: (id) => decided(id, 'accepted'),
    lastPass: (portalId) => store.lastPass(portalId),
    forget: (portalId) => store.forget(portalId)
  }
}
