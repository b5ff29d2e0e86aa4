import type { StateCreator } from 'zustand'
import type { RootState, UiSlice } from './types'

export const createUiSlice: StateCreator<RootState, [], [], UiSlice> = (set) => ({
  filters: {
    sites: { text: '', portal: 'all', type: 'all', state: 'all' },
    pages: { text: '', portal: 'all', state: 'all' },
    documents: { text: '', portal: 'all', link: 'all' }
  },
  setFilter: (view, patch) =>
    set((s) => ({ filters: { ...s.filters, [view]: { ...s.filters[view], ...patch } } })),
  view: 'sites',
  site: null,
  folderId: null,
  outboxOpen: false,
  preview: null,
  dialog: null,
  language: 'en',
  notice: null,
  setView: (view) => set({ view }),
  openSite: (site) => set({ site, folderId: null, view: site ? 'pages' : 'sites' }),
  setFolder: (folderId) => set({ folderId }),
  setOutboxOpen: (outboxOpen) => set({ outboxOpen }),
  openPreview: (preview) => set({ preview }),
  setDialog: (dialog) => set({ dialog }),
  setLanguage: (language) => set({ language }),
  notify: (text, tone = 'info') => set((s) => ({ notice: { text, tone, id: (s.notice?.id ?? 0) + 1 } })),
  dismissNotice: () => set({ notice: null })
})
