import i18n from '../i18n'
import { call, subscribe } from '../ipc/client'
import type { CatalogArea } from './types'
import { useStore } from './index'
import { createUnsettledTracker } from './unsettled'
import { bootstrapDesktop } from '../features/desktop/desktop-store'
import { DisposableStore } from '../../../shared/disposable'

const RELOAD_DEBOUNCE_MS = 300

/** Subscribes to every pushed event, loads the first facts, then tells main the renderer is ready. */
export const bootstrap = (): (() => void) => {
  const s = useStore.getState()
  // Undone in reverse when the window goes: the subscriptions first, the pending reloads last.
  const teardown = new DisposableStore()
  const reloads = new Map<CatalogArea, ReturnType<typeof setTimeout>>()
  teardown.add(() => reloads.forEach((t) => clearTimeout(t)))
  const tracker = teardown.add(createUnsettledTracker())
  /** Per kind, the portals whose rows main reported changed since they were last read. */
  const updated = new Map<CatalogArea, Set<string>>()
  /** Kinds being read now: the next read waits for it, so reads never pile up behind a slow one. */
  const reading = new Set<CatalogArea>()
  let stopped = false
  teardown.add(() => (stopped = true))

  // A read-back after every batch announces changes several times a second during a job; the
  // portals named in that time are read once, after the previous read has landed.
  const scheduleReload = (what: CatalogArea) => {
    if (stopped || reloads.has(what) || reading.has(what)) return
    reloads.set(
      what,
      setTimeout(() => void reload(what), RELOAD_DEBOUNCE_MS)
    )
  }
  const reload = async (what: CatalogArea) => {
    reloads.delete(what)
    const portals = updated.get(what)
    updated.delete(what)
    const st = useStore.getState()
    if (!portals || st.catalog[what].loadedAt === null) return
    reading.add(what)
    try {
      await st.reloadPortals(what, [...portals])
    } finally {
      reading.delete(what)
      if (updated.has(what)) scheduleReload(what)
    }
  }

  const offs = [
    subscribe('app:status', ({ online }) => useStore.getState().setOnline(online)),
    subscribe('portals:changed', (portals) => useStore.getState().setPortals(portals)),
    subscribe('portal:health', ({ portalId, health }) =>
      useStore.getState().setPortalHealth(portalId, health)
    ),
    subscribe('catalog:updated', ({ portalId, area }) => {
      const portals = updated.get(area) ?? new Set<string>()
      portals.add(portalId)
      updated.set(area, portals)
      scheduleReload(area)
    }),
    subscribe('snapshots:changed', (snapshots) => useStore.getState().setSnapshots(snapshots)),
    subscribe('outbox:progress', (snapshot) => {
      useStore.getState().setOutbox(snapshot)
      tracker.observe(snapshot)
    }),
    ...bootstrapDesktop()
  ]
  for (const off of offs) teardown.add(off)

  const language = i18n.language === 'ru' ? 'ru' : 'en'
  s.setLanguage(language)
  void call('app:setLanguage', { language }).catch(() => {})

  call('app:info')
    .then((info) => useStore.getState().setInfo(info))
    .catch((err: Error) => useStore.getState().setInfoError(err.message))
  call('portals:list')
    .then((portals) => useStore.getState().setPortals(portals))
    .catch(() => useStore.getState().setPortals([]))
  call('outbox:view')
    .then((snapshot) => {
      useStore.getState().setOutbox(snapshot)
      tracker.observe(snapshot)
    })
    .catch(() => {})
  void useStore.getState().loadSnapshots()
  void call('app:ready')
  return () => teardown.dispose()
}
