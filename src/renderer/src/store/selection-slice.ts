import type { StateCreator } from 'zustand'
import type { RootState } from './index'

export type SelectableKind = 'sites' | 'pages' | 'documents'

export interface SelectionSlice {
  selection: Record<SelectableKind, Set<string>>
  /** Where a shift-click range starts: the last row clicked without shift. */
  anchor: Record<SelectableKind, string | null>
  toggleSelected(kind: SelectableKind, key: string): void
  /** Selects every key between the anchor and `key` in the order the table shows them. */
  selectRange(kind: SelectableKind, orderedKeys: readonly string[], key: string): void
  setSelected(kind: SelectableKind, keys: Iterable<string>, selected: boolean): void
  clearSelection(kind: SelectableKind): void
}

const empty = (): Record<SelectableKind, Set<string>> => ({
  sites: new Set(),
  pages: new Set(),
  documents: new Set()
})

export const createSelectionSlice: StateCreator<RootState, [], [], SelectionSlice> = (set) => ({
  selection: empty(),
  anchor: { sites: null, pages: null, documents: null },
  toggleSelected: (kind, key) =>
    set((s) => {
      const next = new Set(s.selection[kind])
      if (next.has(key)) next.delete(key)
      else next.add(key)
      return { selection: { ...s.selection, [kind]: next }, anchor: { ...s.anchor, [kind]: key } }
    }),
  selectRange: (kind, orderedKeys, key) =>
    set((s) => {
      const to = orderedKeys.indexOf(key)
      const anchorKey = s.anchor[kind]
      const from = anchorKey === null ? -1 : orderedKeys.indexOf(anchorKey)
      if (to < 0) return {}
      const start = from < 0 ? to : Math.min(from, to)
      const end = from < 0 ? to : Math.max(from, to)
      const next = new Set(s.selection[kind])
      for (let i = start; i <= end; i++) next.add(orderedKeys[i])
      return { selection: { ...s.selection, [kind]: next }, anchor: { ...s.anchor, [kind]: key } }
    }),
  setSelected: (kind, keys, selected) =>
    set((s) => {
      const next = new Set(s.selection[kind])
      for (const k of keys) {
        if (selected) next.add(k)
        else next.delete(k)
      }
      return { selection: { ...s.selection, [kind]: next } }
    }),
  clearSelection: (kind) =>
    set((s) => ({ selection: { ...s.selection, [kind]: new Set() }, anchor: { ...s.anchor, [kind]: null } }))
})
