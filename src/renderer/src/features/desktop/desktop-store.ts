import { create } from 'zustand'
import type { AppTarget, DesktopSettings, UpdateState } from '../../../../shared/domain/desktop'
import { call, subscribe } from '../../ipc/client'
import { useStore } from '../../store'

interface DesktopState {
  update: UpdateState | null
  settings: DesktopSettings | null
  settingsOpen: boolean
  setSettingsOpen(open: boolean): void
}

/** Updates and desktop settings: their own small store, apart from the catalog and outbox. */
export const useDesktop = create<DesktopState>((set) => ({
  update: null,
  settings: null,
  settingsOpen: false,
  setSettingsOpen: (settingsOpen) => set({ settingsOpen })
}))

/** Shows what a b24desk:// link or a notification is about. */
export const openTarget = (target: AppTarget) => {
  const s = useStore.getState()
  // A job: the outbox, where every job shows its progress and report.
  if (target.kind === 'job') s.setOutboxOpen(true)
  else if (target.kind === 'portal') {
    s.openSite(null)
    s.setFilter('sites', { portal: target.portalId })
    s.setView('sites')
  } else s.setView('snapshots')
}

/** Called by the renderer's bootstrap, before it tells main it is ready: nothing pushed is missed. */
export const bootstrapDesktop = (): Array<() => void> => {
  const offs = [
    subscribe('updates:state', (update) => useDesktop.setState({ update })),
    subscribe('settings:changed', (settings) => useDesktop.setState({ settings })),
    subscribe('app:open', openTarget)
  ]
  call('updates:state')
    .then((update) => useDesktop.setState({ update }))
    .catch(() => {})
  call('settings:get')
    .then((settings) => useDesktop.setState({ settings }))
    .catch(() => {})
  return offs
}
