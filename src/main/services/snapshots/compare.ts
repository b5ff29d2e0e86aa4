import type { SnapshotDiff, SnapshotEntry, SnapshotSummary } from '../../../shared/domain/snapshot'
import { csvCell } from '../outbox'
import type { PortalState } from './model'
import { objectKey, objectsOf } from './model'

/** Every object of the snapshot with its flag then and now (null: no longer on the portal). */
export const entriesOf = (then: PortalState, now: PortalState): SnapshotEntry[] => {
  const current = new Map(objectsOf(now).map((o) => [objectKey(o.kind, o.id), o.live]))
  return objectsOf(then).map((o) => ({
    portalId: then.portalId,
    kind: o.kind,
    id: o.id,
    title: o.title,
    scope: o.scope,
    siteId: o.siteId,
    then: o.live,
    now: current.get(objectKey(o.kind, o.id)) ?? null
  }))
}

/** Objects of the snapshot whose flag is not what it was (gone ones included). */
export const mismatches = (then: PortalState, now: PortalState): SnapshotEntry[] =>
  entriesOf(then, now).filter((e) => e.now !== e.then)

/**
 * Per portal: what was live then and is not now, the reverse, and what is gone. Objects that did not
 * exist when the snapshot was taken are not in it, so they are not compared.
 */
export const diffStates = (
  snapshotId: number,
  pairs: ReadonlyArray<[PortalState, PortalState]>
): SnapshotDiff => ({
  snapshotId,
  portals: pairs.map(([then, now]) => {
    const entries = mismatches(then, now)
    return {
      portalId: then.portalId,
      wentOffline: entries.filter((e) => e.now === false),
      wentLive: entries.filter((e) => e.now === true),
      gone: entries.filter((e) => e.now === null)
    }
  })
})

const CSV_COLUMNS = ['portal_id', 'portal', 'kind', 'id', 'title', 'scope', 'site_id', 'parent_id', 'live']

/** One line per recorded object, for spreadsheets. */
export const snapshotCsv = (states: readonly PortalState[], names: (portalId: string) => string): string => {
  const lines = [CSV_COLUMNS.join(',')]
  for (const s of states) {
    const name = names(s.portalId)
    const row = (cells: Array<string | number | null>) => lines.push(cells.map(csvCell).join(','))
    for (const x of s.sites)
      row([s.portalId, name, 'site', x.id, x.title, x.scope, null, null, x.live ? 1 : 0])
    for (const x of s.folders)
      row([s.portalId, name, 'folder', x.id, x.title, x.scope, x.siteId, x.parentId, x.live ? 1 : 0])
    for (const x of s.pages)
      row([s.portalId, name, 'page', x.id, x.title, x.scope, x.siteId, x.folderId, x.live ? 1 : 0])
    for (const x of s.documents ?? [])
      row([s.portalId, name, 'document', x.id, x.title, '', null, null, x.live ? 1 : 0])
  }
  return `${lines.join('\r\n')}\r\n`
}

export const snapshotJson = (
  summary: SnapshotSummary,
  states: readonly PortalState[],
  names: (portalId: string) => string
): string =>
  `${JSON.stringify(
    {
      snapshot: summary,
      portals: states.map((s) => ({ ...s, portalName: names(s.portalId) }))
    },
    null,
    2
  )}\n`

export const snapshotFilename = (id: number, format: 'csv' | 'json'): string =>
  `b24desk-snapshot-${id}.${format}`
