import type { StateCreator } from 'zustand'
import type { RootState, SelectableKind, SelectionSlice } from './types'

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
      // Selecting all of a view with nothing selected yet: one Set built straight from the keys.
      if (selected && s.selection[kind].size === 0)
        return { selection: { ...s.selection, [kind]: new Set(keys) } }
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
