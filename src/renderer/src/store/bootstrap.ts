import i18n from '../i18n'
import { call, subscribe } from '../ipc/client'
import type { CatalogKind } from './catalog-slice'
import { useStore } from './index'
import { createInFlightTracker } from './in-flight'

const RELOAD_DEBOUNCE_MS = 300

/** Subscribes to every pushed event, loads the first facts, then tells main the renderer is ready. */
export const bootstrap = (): (() => void) => {
  const s = useStore.getState()
  const tracker = createInFlightTracker()
  const reloads = new Map<CatalogKind, ReturnType<typeof setTimeout>>()

  const offs = [
    subscribe('app:status', ({ online }) => useStore.getState().setOnline(online)),
    subscribe('portals:changed', (portals) => useStore.getState().setPortals(portals)),
    subscribe('portal:health', ({ portalId, health }) =>
      useStore.getState().setPortalHealth(portalId, health)
    ),
    subscribe('catalog:updated', ({ what }) => {
      // Several portals finishing a sync at once should cause one reload, not one per portal.
      if (reloads.has(what)) return
      reloads.set(
        what,
        setTimeout(() => {
          reloads.delete(what)
          const st = useStore.getState()
          if (st.catalog[what].loadedAt !== null) void st.loadCatalog(what)
        }, RELOAD_DEBOUNCE_MS)
      )
    }),
    subscribe('snapshots:changed', (snapshots) => useStore.getState().setSnapshots(snapshots)),
    subscribe('outbox:progress', (snapshot) => {
      useStore.getState().setOutbox(snapshot)
      tracker.observe(snapshot)
    })
  ]

  const language = i18n.language === 'ru' ? 'ru' : 'en'
  s.setLanguage(language)
  void call('app:setLanguage', { language }).catch(() => {})

  call('app:info')
    .then((info) => useStore.getState().setInfo(info))
    .catch((err: Error) => useStore.getState().setInfoError(err.message))
  call('portals:list')
    .then((portals) => useStore.getState().setPortals(portals))
    .catch(() => useStore.getState().setPortals([]))
  call('outbox:snapshot')
    .then((snapshot) => {
      useStore.getState().setOutbox(snapshot)
      tracker.observe(snapshot)
    })
    .catch(() => {})
  void useStore.getState().loadSnapshots()
  void call('app:ready')
  return () => {
    offs.forEach((off) => off())
    tracker.dispose()
    reloads.forEach((t) => clearTimeout(t))
  }
}
