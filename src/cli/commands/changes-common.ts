// The table and JSON of changes seen, shared by `watch` and `changes`.
import type { ChangeSeen } from '../../main/services/watch'
import { formatTable } from '../table'
import { showWhen } from '../when'
import { changeWords as w } from './changes-words.messages'

const valueText = (v: boolean | string | null): string =>
  v === null
    ? w('value absent')
    : typeof v === 'boolean'
      ? w(v ? 'value published' : 'value not published')
      : v

/** Changes seen as a table for people; `names` gives portal names by id. */
export const changesTable = (changes: readonly ChangeSeen[], names: ReadonlyMap<string, string>): string =>
  formatTable(
    ['ID', 'PORTAL', 'KIND', 'OBJECT', 'TITLE', 'WHAT', 'BEFORE', 'AFTER', 'SEEN', 'STATE'].map((h) =>
      w(`col ${h}` as Parameters<typeof w>[0])
    ),
    changes.map((c) => [
      c.id,
      names.get(c.portalId) ?? c.portalId,
      w(`kind ${c.kind}`),
      c.targetId,
      c.title,
      w(`field ${c.field}`),
      valueText(c.before),
      valueText(c.after),
      showWhen(c.seenAt),
      w(`state ${c.state}`)
    ])
  )

/** A change seen for scripts: as stored, with the portal's name. */
export const changeJson = (c: ChangeSeen, names: ReadonlyMap<string, string>) => ({
  ...c,
  portalName: names.get(c.portalId) ?? null
})
