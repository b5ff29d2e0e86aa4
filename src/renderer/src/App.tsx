import { useTranslation } from 'react-i18next'
import { useStore } from './store'
import { pendingCount } from './store/outbox-slice'
import { Banners } from './features/portals/Banners'
import { EmptyState } from './features/portals/EmptyState'
import { PortalForm } from './features/portals/PortalForm'
import { RemovePortalDialog } from './features/portals/RemovePortalDialog'
import { Sidebar } from './features/portals/Sidebar'
import { SitesView } from './features/catalog/SitesView'
import { PagesView } from './features/catalog/PagesView'
import { DocumentsView } from './features/documents/DocumentsView'
import { PreviewsView } from './features/previews/PreviewsView'
import { PreviewViewer } from './features/previews/PreviewViewer'
import { SnapshotsView } from './features/snapshots/SnapshotsView'
import { OutboxPanel } from './features/outbox/OutboxPanel'
import { About } from './features/shell/About'
import { LanguageSwitch } from './features/shell/LanguageSwitch'
import { Notice } from './features/shell/Notice'
import { ViewTabs } from './features/shell/ViewTabs'
import { UpdateBanner } from './features/desktop/UpdateBanner'
import { DesktopSettingsDialog } from './features/desktop/DesktopSettingsDialog'
import { useDesktop } from './features/desktop/desktop-store'

export const App = () => {
  const { t } = useTranslation()
  const online = useStore((s) => s.online)
  const portals = useStore((s) => s.portals)
  const portalsLoaded = useStore((s) => s.portalsLoaded)
  const view = useStore((s) => s.view)
  const outboxOpen = useStore((s) => s.outboxOpen)
  const setOutboxOpen = useStore((s) => s.setOutboxOpen)
  const pending = useStore((s) => s.outbox.jobs.reduce((n, j) => n + pendingCount(j.counts), 0))
  const firstRun = portalsLoaded && portals.length === 0

  return (
    <div className="app" data-outbox={outboxOpen || undefined}>
      <header className="app-header">
        <h1>{t('app.title')}</h1>
        {online !== null && (
          <span role="status" aria-label="connection" data-online={online} className="badge">
            {online ? t('app.online') : t('app.offline')}
          </span>
        )}
        <span className="spacer" />
        <LanguageSwitch />
        <button type="button" onClick={() => useDesktop.getState().setSettingsOpen(true)}>
          {t('desktop.settingsButton')}
        </button>
        <button
          type="button"
          className="outbox-button"
          aria-pressed={outboxOpen}
          aria-label={pending > 0 ? t('outbox.buttonPending', { count: pending }) : t('outbox.button')}
          onClick={() => setOutboxOpen(!outboxOpen)}
        >
          {t('outbox.button')}
          {pending > 0 && <span className="counter">{pending}</span>}
        </button>
      </header>
      <div className="app-body">
        <div className="side">
          {!firstRun && <Sidebar />}
          <About />
        </div>
        <main className="main">
          <UpdateBanner />
          {!portalsLoaded ? (
            <p className="muted">{t('app.loading')}</p>
          ) : firstRun ? (
            <EmptyState />
          ) : (
            <>
              <Banners />
              <ViewTabs />
              <div id="view-panel" role="tabpanel" aria-labelledby={`tab-${view}`} className="view-panel">
                {view === 'sites' && <SitesView />}
                {view === 'pages' && <PagesView />}
                {view === 'documents' && <DocumentsView />}
                {view === 'previews' && <PreviewsView />}
                {view === 'snapshots' && <SnapshotsView />}
              </div>
            </>
          )}
        </main>
        {outboxOpen && <OutboxPanel />}
      </div>
      <Dialogs />
      <Notice />
    </div>
  )
}

const Dialogs = () => {
  const dialog = useStore((s) => s.dialog)
  const preview = useStore((s) => s.preview)
  const portals = useStore((s) => s.portals)
  const setDialog = useStore((s) => s.setDialog)
  const close = () => setDialog(null)
  const settingsOpen = useDesktop((s) => s.settingsOpen)
  const portal = dialog && 'portalId' in dialog ? portals.find((p) => p.id === dialog.portalId) : undefined
  return (
    <>
      {dialog?.kind === 'add-portal' && <PortalForm onClose={close} />}
      {dialog?.kind === 'edit-portal' && portal && <PortalForm portal={portal} onClose={close} />}
      {dialog?.kind === 'remove-portal' && portal && <RemovePortalDialog portal={portal} onClose={close} />}
      {preview && <PreviewViewer target={preview} />}
      {settingsOpen && <DesktopSettingsDialog />}
    </>
  )
}
