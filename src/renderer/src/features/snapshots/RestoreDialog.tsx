import { useEffect, useId, useMemo, useState } from 'react'
import { useTranslation } from 'react-i18next'
import type { Intent } from '../../../../shared/domain/outbox'
import type { RestorePlan, SiteRef, SnapshotSummary } from '../../../../shared/domain/snapshot'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { usePortalNames } from '../catalog/use-catalog'
import { START_NOW, StartTimePicker, type Schedule } from '../schedule/StartTimePicker'
import { formatLocalTime, isoToMs } from '../schedule/time'
import { Dialog } from '../shell/Dialog'
import { siteKey } from './ScopePicker'
import { targetKey } from '../../store/keys'

type Mode = 'all' | 'portals' | 'sites'

interface Props {
  snapshot: SnapshotSummary
  /** End the snapshot's maintenance window (restores all of it, now) instead of a restore. */
  endMaintenance?: boolean
  onClose(): void
}

const STEPS_SHOWN = 30

const scopeOf = (snapshotId: number, mode: Mode, portalIds: string[], siteIds: SiteRef[]) =>
  mode === 'portals' ? { snapshotId, portalIds } : mode === 'sites' ? { snapshotId, siteIds } : { snapshotId }

const offline = (i: Intent) => i.action === 'unpublish' || i.action === 'link-off'

/**
 * Restoring a snapshot is reviewed like any bulk job: main plans only the differences, in the order
 * they will run, with what the portal may change along the way; the person chooses how much of the
 * snapshot to put back and when, and confirms before anything is taken offline.
 */
export const RestoreDialog = ({ snapshot, endMaintenance, onClose }: Props) => {
  const { t, i18n } = useTranslation()
  const names = usePortalNames()
  const notify = useStore((s) => s.notify)
  const loadSnapshots = useStore((s) => s.loadSnapshots)
  const setOutboxOpen = useStore((s) => s.setOutboxOpen)
  const sites = useStore((s) => s.catalog.sites.rows)
  const radio = useId()
  const [mode, setMode] = useState<Mode>('all')
  const [portalIds, setPortalIds] = useState<string[]>(snapshot.portalIds)
  const [siteIds, setSiteIds] = useState<SiteRef[]>([])
  const [planned, setPlanned] = useState<{
    key: string
    plan: RestorePlan | null
    error: string | null
  } | null>(null)
  const [schedule, setSchedule] = useState<Schedule>(START_NOW)
  const [confirmed, setConfirmed] = useState(false)
  const [busy, setBusy] = useState(false)
  const [error, setError] = useState<string | null>(null)

  const scopeReady = mode === 'all' || (mode === 'portals' ? portalIds.length > 0 : siteIds.length > 0)
  const scopeKey = JSON.stringify(scopeOf(snapshot.id, mode, portalIds, siteIds))

  // Re-planned whenever the scope changes: the plan is what the job will hold, never a guess. An
  // answer for a scope no longer chosen is ignored.
  useEffect(() => {
    if (!scopeReady) return
    let live = true
    call('snapshots:planRestore', JSON.parse(scopeKey) as ReturnType<typeof scopeOf>)
      .then((plan) => live && setPlanned({ key: scopeKey, plan, error: null }))
      .catch((err: Error) => live && setPlanned({ key: scopeKey, plan: null, error: err.message }))
    return () => {
      live = false
    }
  }, [scopeKey, scopeReady])
  const plan = planned?.key === scopeKey ? planned.plan : null
  const planError = planned?.key === scopeKey ? planned.error : null

  /** Sites the restore can be narrowed to: the snapshot's own, else the cached sites of its portals. */
  const siteChoices = useMemo(() => {
    if (snapshot.siteIds) {
      const titles = new Map(sites.map((r) => [siteKey({ portalId: r.portalId, siteId: r.id }), r.title]))
      return snapshot.siteIds.map((r) => ({ ...r, title: titles.get(siteKey(r)) ?? `#${r.siteId}` }))
    }
    const of = new Set(snapshot.portalIds)
    return sites
      .filter((r) => of.has(r.portalId))
      .map((r) => ({ portalId: r.portalId, siteId: r.id, title: r.title }))
  }, [snapshot, sites])

  const intents = useMemo(() => plan?.intents ?? [], [plan])
  const offlineCount = intents.filter(offline).length
  const needsConfirm = offlineCount > 0
  const perPortal = useMemo(() => groupSteps(intents), [intents])

  const submit = async () => {
    setBusy(true)
    setError(null)
    try {
      const job = endMaintenance
        ? await call('maintenance:end', { snapshotId: snapshot.id })
        : await call('snapshots:restore', {
            ...(JSON.parse(scopeKey) as ReturnType<typeof scopeOf>),
            ...(schedule.startAt ? { startAt: schedule.startAt } : {})
          })
      notify(
        schedule.startAt && !endMaintenance
          ? t('restore.scheduled', {
              title: job.title,
              time: formatLocalTime(isoToMs(schedule.startAt)!, i18n.language)
            })
          : t('bulk.enqueued', { title: job.title })
      )
      if (endMaintenance) void loadSnapshots()
      setOutboxOpen(true)
      onClose()
    } catch (err) {
      setError(t('bulk.failed', { error: (err as Error).message }))
      setBusy(false)
    }
  }

  const untilMs = isoToMs(snapshot.maintenance?.until)

  return (
    <Dialog
      title={
        endMaintenance
          ? t('maintenance.endTitle', { name: snapshot.name })
          : t('restore.title', { name: snapshot.name })
      }
      onClose={onClose}
      wide
      // Always an alert: a restore may take things offline, and a role that changed once the plan
      // arrived would confuse a screen reader.
      role="alertdialog"
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button
            type="button"
            className={needsConfirm ? 'primary danger' : 'primary'}
            disabled={
              busy ||
              !plan ||
              (intents.length === 0 && !endMaintenance) ||
              (needsConfirm && !confirmed) ||
              !schedule.valid
            }
            onClick={() => void submit()}
          >
            {endMaintenance ? t('maintenance.end') : t('restore.submit')}
          </button>
        </>
      }
    >
      {endMaintenance ? (
        <p>
          {t('maintenance.endText')}
          {untilMs !== null && (
            <> {t('maintenance.endCancelsScheduled', { time: formatLocalTime(untilMs, i18n.language) })}</>
          )}
        </p>
      ) : (
        <fieldset className="segmented restore-scope">
          <legend>{t('restore.what')}</legend>
          <label>
            <input type="radio" name={radio} checked={mode === 'all'} onChange={() => setMode('all')} />
            {t('restore.all')}
          </label>
          {snapshot.portalIds.length > 1 && (
            <label>
              <input
                type="radio"
                name={radio}
                checked={mode === 'portals'}
                onChange={() => setMode('portals')}
              />
              {t('restore.somePortals')}
            </label>
          )}
          <label>
            <input type="radio" name={radio} checked={mode === 'sites'} onChange={() => setMode('sites')} />
            {t('restore.someSites')}
          </label>
        </fieldset>
      )}
      {mode === 'portals' && (
        <fieldset className="scope-portals">
          <legend>{t('snapshots.scope.portals')}</legend>
          {snapshot.portalIds.map((id) => (
            <label key={id}>
              <input
                type="checkbox"
                checked={portalIds.includes(id)}
                onChange={() =>
                  setPortalIds((ids) => (ids.includes(id) ? ids.filter((x) => x !== id) : [...ids, id]))
                }
              />
              {names.get(id) ?? id}
            </label>
          ))}
        </fieldset>
      )}
      {mode === 'sites' &&
        (siteChoices.length === 0 ? (
          <p className="muted">{t('snapshots.scope.noSites')}</p>
        ) : (
          <ul className="scope-site-list" aria-label={t('snapshots.scope.sites')}>
            {siteChoices.map((r) => {
              const key = siteKey(r)
              const on = siteIds.some((x) => siteKey(x) === key)
              return (
                <li key={key}>
                  <label>
                    <input
                      type="checkbox"
                      checked={on}
                      onChange={() =>
                        setSiteIds((ids) =>
                          on
                            ? ids.filter((x) => siteKey(x) !== key)
                            : [...ids, { portalId: r.portalId, siteId: r.siteId }]
                        )
                      }
                    />
                    {r.title} <span className="muted">{names.get(r.portalId) ?? r.portalId}</span>
                  </label>
                </li>
              )
            })}
          </ul>
        ))}

      <div data-testid="restore-plan" aria-busy={scopeReady && !plan && !planError}>
        {!scopeReady ? (
          <p className="muted">{t('restore.chooseScope')}</p>
        ) : planError ? (
          <p role="alert" className="error-text">
            {t('restore.planFailed', { error: planError })}
          </p>
        ) : !plan ? (
          <p className="muted">{t('restore.planning')}</p>
        ) : intents.length === 0 ? (
          <p className="summary">{t('restore.nothing')}</p>
        ) : (
          <>
            <p className="summary">
              {t('restore.summary', {
                count: intents.length,
                portals: t('bulk.onPortals', { count: perPortal.length })
              })}
            </p>
            <ul className="per-portal">
              {perPortal.map(({ portalId, steps }) => (
                <li key={portalId}>
                  <strong>{names.get(portalId) ?? portalId}</strong>:{' '}
                  {steps
                    .map(({ action, kind, count }) =>
                      t('restore.step', {
                        action: t(`bulk.actions.${action}`),
                        count,
                        what: t(`bulk.kinds.${kind}`, { count })
                      })
                    )
                    .join(', ')}
                </li>
              ))}
            </ul>
            {plan.effects.length > 0 && (
              <div className="effects-note" data-testid="review-effects">
                {plan.effects.map((e) => (
                  <p key={e}>{e}</p>
                ))}
              </div>
            )}
            <details className="restore-order">
              <summary>{t('restore.order')}</summary>
              <ol>
                {intents.slice(0, STEPS_SHOWN).map((i) => (
                  <li key={`${targetKey(i.kind, i.portalId, i.targetId)}|${i.action}`}>
                    {t(`bulk.actions.${i.action}`)} {t(`bulk.kinds.${i.kind}`, { count: 1 })}{' '}
                    <strong>{i.label ?? `#${i.targetId}`}</strong>
                    {perPortal.length > 1 && (
                      <span className="muted"> · {names.get(i.portalId) ?? i.portalId}</span>
                    )}
                  </li>
                ))}
              </ol>
              {intents.length > STEPS_SHOWN && (
                <p className="hint">{t('restore.moreSteps', { count: intents.length - STEPS_SHOWN })}</p>
              )}
            </details>
          </>
        )}
      </div>

      {!endMaintenance && plan && intents.length > 0 && <StartTimePicker onChange={setSchedule} />}

      {needsConfirm && (
        <div className="confirm-box">
          <p>{t('bulk.unpublishWarning')}</p>
          <label>
            <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} />
            {t('restore.confirm', { count: offlineCount })}
          </label>
        </div>
      )}
      {error && (
        <p role="alert" className="error-text">
          {error}
        </p>
      )}
    </Dialog>
  )
}

interface Step {
  action: Intent['action']
  kind: Intent['kind']
  count: number
}

/** The plan per portal, as counts of each action on each kind, in the order they first appear. */
const groupSteps = (intents: Intent[]): Array<{ portalId: string; steps: Step[] }> => {
  const portals = new Map<string, Map<string, Step>>()
  for (const i of intents) {
    let steps = portals.get(i.portalId)
    if (!steps) portals.set(i.portalId, (steps = new Map()))
    const key = `${i.action}|${i.kind}`
    const step = steps.get(key)
    if (step) step.count++
    else steps.set(key, { action: i.action, kind: i.kind, count: 1 })
  }
  return [...portals].map(([portalId, steps]) => ({ portalId, steps: [...steps.values()] }))
}
