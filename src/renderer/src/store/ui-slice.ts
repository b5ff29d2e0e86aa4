import type { StateCreator } from 'zustand'
import type { LandingScope } from '../../../shared/domain/catalog'
import type { RootState } from './index'

export type View = 'sites' | 'pages' | 'documents' | 'previews' | 'snapshots'

export interface SiteRef {
  portalId: string
  siteId: number
}

export type Dialog =
  | { kind: 'add-portal' }
  | { kind: 'edit-portal'; portalId: string }
  | { kind: 'remove-portal'; portalId: string }
  | null

export interface PreviewTarget {
  portalId: string
  kind: 'site' | 'page'
  id: number
  scope: LandingScope
  title: string
  publicUrl: string | null
}

export interface ViewFilters {
  sites: { text: string; portal: string; type: string; state: 'all' | 'published' | 'unpublished' }
  pages: { text: string; portal: string; state: 'all' | 'published' | 'unpublished' }
  documents: { text: string; portal: string; link: 'all' | 'on' | 'off' }
}

export interface UiSlice {
  /** Filters live in the store so switching views and back keeps them. */
  filters: ViewFilters
  setFilter<V extends keyof ViewFilters>(view: V, patch: Partial<ViewFilters[V]>): void
  view: View
  /** The site drilled into from the sites table; the pages view then shows its folders and pages. */
  site: SiteRef | null
  folderId: number | 'root' | null
  outboxOpen: boolean
  /** The preview shown full size, from the gallery or Enter on a page. */
  preview: PreviewTarget | null
  dialog: Dialog
  language: 'en' | 'ru'
  /** A short message announced politely (queued, copied, failed); replaced by the next one. */
  notice: { text: string; tone: 'info' | 'error'; id: number } | null
  setView(view: View): void
  openSite(site: SiteRef | null): void
  setFolder(folderId: number | 'root' | null): void
  setOutboxOpen(open: boolean): void
  openPreview(preview: PreviewTarget | null): void
  setDialog(dialog: Dialog): void
  setLanguage(language: 'en' | 'ru'): void
  notify(text: string, tone?: 'info' | 'error'): void
  dismissNotice(): void
}

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
