import { useEffect, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { DocumentRow } from '../../../../shared/domain/catalog'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { rowKey } from '../../store/catalog-slice'
import { openExternal } from '../catalog/cells'
import { usePortalNames } from '../catalog/use-catalog'
import { pendingCount } from '../../store/outbox-slice'

/**
 * One document's public link: its state fetched fresh from the portal, a switch that goes through
 * the outbox, and a copy button once there is a link.
 */
export const DocumentDetail = ({ doc }: { doc: DocumentRow | null }) => {
  const { t } = useTranslation()
  const names = usePortalNames()
  const key = doc ? rowKey(doc) : null
  const link = useStore((s) => (key ? s.documentLinks[key] : undefined))
  const loadDocument = useStore((s) => s.loadDocument)
  const notify = useStore((s) => s.notify)
  const [jobId, setJobId] = useState<number | null>(null)
  const [error, setError] = useState<{ key: string; message: string } | null>(null)
  const job = useStore((s) => (jobId === null ? undefined : s.outbox.jobs.find((j) => j.id === jobId)))
  const jobPending = job ? pendingCount(job.counts) > 0 : jobId !== null

  useEffect(() => {
    if (!doc) return
    loadDocument(doc.portalId, doc.id).catch((err: Error) =>
      setError({ key: rowKey(doc), message: err.message })
    )
  }, [doc, loadDocument])

  // When the queued switch has been carried out, ask the portal for the link it now has.
  const settled = job !== undefined && pendingCount(job.counts) === 0
  useEffect(() => {
    if (!settled || !doc) return
    loadDocument(doc.portalId, doc.id).catch(() => {})
  }, [settled, doc, loadDocument])

  if (!doc) {
    return (
      <aside className="detail" aria-label={t('documents.details')}>
        <p className="muted">{t('documents.pick')}</p>
      </aside>
    )
  }

  const switchLink = async (on: boolean) => {
    try {
      const queued = await call('outbox:enqueue', {
        title: `${on ? t('documents.switchOn') : t('documents.switchOff')}: ${doc.title}`,
        intents: [
          {
            portalId: doc.portalId,
            kind: 'document',
            targetId: doc.id,
            scope: '',
            action: on ? 'link-on' : 'link-off',
            label: doc.title
          }
        ]
      })
      setJobId(queued.id)
      notify(t('documents.queued'))
    } catch (err) {
      notify(t('bulk.failed', { error: (err as Error).message }), 'error')
    }
  }

  const copy = async () => {
    if (!link) return
    try {
      await navigator.clipboard.writeText(link)
      notify(t('documents.copied'))
    } catch (err) {
      notify(t('documents.copyFailed', { error: (err as Error).message }), 'error')
    }
  }

  return (
    <aside className="detail" aria-label={t('documents.details')}>
      <h3>{doc.title}</h3>
      <dl className="facts">
        <dt>{t('columns.portal')}</dt>
        <dd>{names.get(doc.portalId)}</dd>
        <dt>{t('columns.number')}</dt>
        <dd>{doc.number}</dd>
        <dt>{t('columns.link')}</dt>
        <dd data-testid="document-link">
          {link === undefined ? (
            t('app.loading')
          ) : link === null ? (
            t('documents.noLink')
          ) : (
            <code className="link-text">{link}</code>
          )}
        </dd>
      </dl>
      {error && error.key === key && (
        <p role="alert" className="error-text">
          {t('documents.loadFailed', { error: error.message })}
        </p>
      )}
      <div className="detail-actions">
        {link ? (
          <>
            <button type="button" className="primary" onClick={() => void copy()}>
              {t('documents.copy')}
            </button>
            <button type="button" onClick={() => void openExternal(link)}>
              {t('documents.openLink')}
            </button>
            <button type="button" onClick={() => void switchLink(false)} disabled={jobPending}>
              {t('documents.switchOff')}
            </button>
          </>
        ) : (
          <button
            type="button"
            className="primary"
            onClick={() => void switchLink(true)}
            disabled={jobPending || link === undefined}
          >
            {t('documents.switchOn')}
          </button>
        )}
      </div>
      {jobPending && <p className="muted">{t('documents.queued')}</p>}
    </aside>
  )
}
