/**
 * How the window names one object of one portal in maps, selections and list keys. Ids are only
 * unique within a portal (and, across kinds, not even there), so every key carries what makes it so.
 */

/** An object of a known kind on one portal: `portalId|id`. */
export const portalKey = (portalId: string, id: number): string => `${portalId}|${id}`

/** A table row (a site, page, folder or document of one portal). */
export const rowKey = (row: { portalId: string; id: number }): string => portalKey(row.portalId, row.id)

/** An object when kinds mix (outbox targets, changes, snapshot entries): `kind|portalId|id`. */
export const targetKey = (kind: string, portalId: string, id: number): string => `${kind}|${portalId}|${id}`
