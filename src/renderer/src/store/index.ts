import { create } from 'zustand'
import { createAppSlice } from './app-slice'
import { createCatalogSlice } from './catalog-slice'
import { createOutboxSlice } from './outbox-slice'
import { createPortalsSlice } from './portals-slice'
import { createSelectionSlice } from './selection-slice'
import { createSnapshotsSlice } from './snapshots-slice'
import { createUiSlice } from './ui-slice'
import type { RootState } from './types'

export type { RootState } from './types'

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
