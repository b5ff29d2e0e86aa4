import { create } from 'zustand'
import { createAppSlice, type AppSlice } from './app-slice'
import { createCatalogSlice, type CatalogSlice } from './catalog-slice'
import { createOutboxSlice, type OutboxSlice } from './outbox-slice'
import { createPortalsSlice, type PortalsSlice } from './portals-slice'
import { createSelectionSlice, type SelectionSlice } from './selection-slice'
import { createSnapshotsSlice, type SnapshotsSlice } from './snapshots-slice'
import { createUiSlice, type UiSlice } from './ui-slice'

export type RootState = AppSlice &
  PortalsSlice &
  CatalogSlice &
  SelectionSlice &
  OutboxSlice &
  UiSlice &
  SnapshotsSlice

/** One store of slices; IPC events are fed into it from `bootstrap.ts` only. */
export const useStore = create<RootState>()((...a) => ({
  ...createAppSlice(...a),
  ...createPortalsSlice(...a),
  ...createCatalogSlice(...a),
  ...createSelectionSlice(...a),
  ...createOutboxSlice(...a),
  ...createUiSlice(...a),
  ...createSnapshotsSlice(a[0])
}))
