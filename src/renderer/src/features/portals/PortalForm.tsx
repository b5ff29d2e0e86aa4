import { useId, useState, type FormEvent } from 'react'
import { useTranslation } from 'react-i18next'
import type {
  ConnectionReport,
  CredentialsInput,
  LimitsPreset,
  PortalSummary
} from '../../../../shared/domain/portal'
import { DEFAULT_MAX_IN_FLIGHT, MAX_IN_FLIGHT_LIMIT } from '../../../../shared/domain/portal'
import { call } from '../../ipc/client'
import { useStore } from '../../store'
import { Dialog } from '../shell/Dialog'

interface Props {
  /** Editing this portal; adding a new one when absent. */
  portal?: PortalSummary
  onClose(): void
}

type AuthKind = 'webhook' | 'oauth'

interface CredentialFields {
  kind: AuthKind
  webhookUrl: string
  caPem: string
  portalUrl: string
  clientId: string
  clientSecret: string
  accessToken: string
  refreshToken: string
  oauthServer: string
}

const blank: CredentialFields = {
  kind: 'webhook',
  webhookUrl: '',
  caPem: '',
  portalUrl: '',
  clientId: '',
  clientSecret: '',
  accessToken: '',
  refreshToken: '',
  oauthServer: ''
}

const toCredentials = (f: CredentialFields): CredentialsInput => {
  const caPem = f.caPem.trim() || undefined
  if (f.kind === 'webhook') return { kind: 'webhook', webhookUrl: f.webhookUrl.trim(), caPem }
  return {
    kind: 'oauth',
    portalUrl: f.portalUrl.trim(),
    clientId: f.clientId.trim(),
    clientSecret: f.clientSecret.trim(),
    accessToken: f.accessToken.trim(),
    refreshToken: f.refreshToken.trim(),
    oauthServer: f.oauthServer.trim() || undefined,
    caPem
  }
}

const parseTags = (text: string) => [
  ...new Set(
    text
      .split(',')
      .map((s) => s.trim())
      .filter(Boolean)
  )
]

/**
 * Adding a portal or changing one. New credentials are always checked against the portal first,
 * and the person sees who they connect as and which permissions are missing before saving.
 */
export const PortalForm = ({ portal, onClose }: Props) => {
  const { t } = useTranslation()
  const id = useId()
  const notify = useStore((s) => s.notify)
  const setPortals = useStore((s) => s.setPortals)
  const [name, setName] = useState(portal?.name ?? '')
  const [tags, setTags] = useState(portal?.tags.join(', ') ?? '')
  const [limits, setLimits] = useState<LimitsPreset>(portal?.limits ?? 'standard')
  const [maxInFlight, setMaxInFlight] = useState(String(portal?.maxInFlight ?? DEFAULT_MAX_IN_FLIGHT))
  const [replace, setReplace] = useState(!portal)
  const [fields, setFields] = useState<CredentialFields>({ ...blank, kind: portal?.authKind ?? 'webhook' })
  const [report, setReport] = useState<{ for: string; value: ConnectionReport } | null>(null)
  const [busy, setBusy] = useState<'check' | 'save' | null>(null)
  const [error, setError] = useState<string | null>(null)

  const credentialsKey = JSON.stringify(fields)
  const checked = report !== null && report.for === credentialsKey
  const canSave = name.trim() !== '' && (!replace || checked) && busy === null

  const set = (key: keyof CredentialFields) => (e: { target: { value: string } }) =>
    setFields((f) => ({ ...f, [key]: e.target.value }))

  const check = async () => {
    setBusy('check')
    setError(null)
    try {
      const value = await call('portals:check', { credentials: toCredentials(fields), portalId: portal?.id })
      setReport({ for: credentialsKey, value })
      if (!name.trim()) setName(value.host)
    } catch (err) {
      setReport(null)
      setError((err as Error).message)
    } finally {
      setBusy(null)
    }
  }

  const save = async (e?: FormEvent) => {
    e?.preventDefault()
    if (!canSave) {
      if (replace && !checked) setError(t('portalForm.checkFirst'))
      return
    }
    setBusy('save')
    setError(null)
    const meta = { name: name.trim(), tags: parseTags(tags), limits }
    const ceiling = /^\d+$/.test(maxInFlight.trim()) ? Number(maxInFlight) : NaN
    if (portal && !(ceiling >= 1 && ceiling <= MAX_IN_FLIGHT_LIMIT)) {
      setError(t('portalForm.maxInFlightHint', { max: MAX_IN_FLIGHT_LIMIT }))
      setBusy(null)
      return
    }
    try {
      if (portal) {
        await call('portals:update', { portalId: portal.id, meta: { ...meta, maxInFlight: ceiling } })
        if (replace)
          await call('portals:setCredentials', { portalId: portal.id, credentials: toCredentials(fields) })
      } else {
        await call('portals:add', { meta, credentials: toCredentials(fields) })
      }
      setPortals(await call('portals:list'))
      notify(meta.name)
      onClose()
    } catch (err) {
      setError((err as Error).message)
      setBusy(null)
    }
  }

  const field = (
    key: keyof CredentialFields,
    label: string,
    opts: { type?: string; hint?: string; multiline?: boolean } = {}
  ) => (
    <div className="field">
      <label htmlFor={`${id}-${key}`}>{label}</label>
      {opts.multiline ? (
        <textarea id={`${id}-${key}`} value={fields[key]} onChange={set(key)} rows={3} spellCheck={false} />
      ) : (
        <input
          id={`${id}-${key}`}
          type={opts.type ?? 'text'}
          value={fields[key]}
          onChange={set(key)}
          placeholder={opts.hint}
          autoComplete="off"
          spellCheck={false}
        />
      )}
    </div>
  )

  return (
    <Dialog
      title={portal ? t('portalForm.editTitle', { name: portal.name }) : t('portalForm.addTitle')}
      onClose={onClose}
      wide
      footer={
        <>
          <button type="button" onClick={onClose}>
            {t('app.cancel')}
          </button>
          <button type="submit" form={`${id}-form`} className="primary" disabled={!canSave}>
            {busy === 'save' ? t('portalForm.saving') : t('portalForm.save')}
          </button>
        </>
      }
    >
      <form id={`${id}-form`} className="form" onSubmit={(e) => void save(e)}>
        <div className="field">
          <label htmlFor={`${id}-name`}>{t('portalForm.name')}</label>
          <input
            id={`${id}-name`}
            value={name}
            onChange={(e) => setName(e.target.value)}
            data-autofocus
            required
          />
        </div>
        <div className="field-row">
          <div className="field">
            <label htmlFor={`${id}-tags`}>{t('portalForm.tags')}</label>
            <input
              id={`${id}-tags`}
              value={tags}
              onChange={(e) => setTags(e.target.value)}
              placeholder={t('portalForm.tagsHint')}
            />
          </div>
          <div className="field">
            <label htmlFor={`${id}-limits`}>{t('portalForm.limits')}</label>
            <select
              id={`${id}-limits`}
              value={limits}
              onChange={(e) => setLimits(e.target.value as LimitsPreset)}
            >
              {(['standard', 'enterprise', 'self-hosted'] as const).map((l) => (
                <option key={l} value={l}>
                  {t(`portalForm.limitsOptions.${l}`)}
                </option>
              ))}
            </select>
          </div>
        </div>
        {portal && (
          <div className="field">
            <label htmlFor={`${id}-max-in-flight`}>{t('portalForm.maxInFlight')}</label>
            <input
              id={`${id}-max-in-flight`}
              type="number"
              min={1}
              max={MAX_IN_FLIGHT_LIMIT}
              step={1}
              value={maxInFlight}
              onChange={(e) => setMaxInFlight(e.target.value)}
              aria-describedby={`${id}-max-in-flight-hint`}
            />
            <p className="hint" id={`${id}-max-in-flight-hint`}>
              {t('portalForm.maxInFlightHint', { max: MAX_IN_FLIGHT_LIMIT })}
            </p>
          </div>
        )}

        {portal && (
          <fieldset className="segmented">
            <legend className="visually-hidden">{t('portalForm.auth')}</legend>
            <label>
              <input
                type="radio"
                name={`${id}-replace`}
                checked={!replace}
                onChange={() => setReplace(false)}
              />
              {t('portalForm.keepCredentials')}
            </label>
            <label>
              <input
                type="radio"
                name={`${id}-replace`}
                checked={replace}
                onChange={() => setReplace(true)}
              />
              {t('portalForm.replaceCredentials')}
            </label>
          </fieldset>
        )}

        {replace && (
          <>
            <fieldset className="segmented">
              <legend>{t('portalForm.auth')}</legend>
              {(['webhook', 'oauth'] as const).map((k) => (
                <label key={k}>
                  <input
                    type="radio"
                    name={`${id}-kind`}
                    checked={fields.kind === k}
                    onChange={() => setFields((f) => ({ ...f, kind: k }))}
                  />
                  {t(`portalForm.${k}`)}
                </label>
              ))}
            </fieldset>
            {fields.kind === 'webhook' ? (
              field('webhookUrl', t('portalForm.webhookUrl'), {
                type: 'url',
                hint: t('portalForm.webhookHint')
              })
            ) : (
              <>
                {field('portalUrl', t('portalForm.portalUrl'), { type: 'url' })}
                <div className="field-row">
                  {field('clientId', t('portalForm.clientId'))}
                  {field('clientSecret', t('portalForm.clientSecret'), { type: 'password' })}
                </div>
                <div className="field-row">
                  {field('accessToken', t('portalForm.accessToken'), { type: 'password' })}
                  {field('refreshToken', t('portalForm.refreshToken'), { type: 'password' })}
                </div>
                {field('oauthServer', t('portalForm.oauthServer'), { type: 'url' })}
              </>
            )}
            <details className="advanced">
              <summary>{t('portalForm.caPem')}</summary>
              <p className="hint">{t(portal ? 'portalForm.caKeepHint' : 'portalForm.caHint')}</p>
              {field('caPem', t('portalForm.caPem'), { multiline: true })}
            </details>
            <div className="check-row">
              <button type="button" onClick={() => void check()} disabled={busy !== null}>
                {busy === 'check' ? t('portalForm.checking') : t('portalForm.check')}
              </button>
            </div>
            {checked && <ConnectionSummary report={report.value} />}
          </>
        )}
        {error && (
          <p role="alert" className="error-text">
            {error}
          </p>
        )}
      </form>
    </Dialog>
  )
}

const ConnectionSummary = ({ report }: { report: ConnectionReport }) => {
  const { t } = useTranslation()
  return (
    <div role="status" aria-label={t('portalForm.check')} className="report">
      <p className="report-ok">
        ✓ {t('portalForm.checkedAs', { host: report.host, user: report.user.name })} (
        {report.user.admin ? t('portalForm.admin') : t('portalForm.notAdmin')})
      </p>
      <p>{t('portalForm.scopes', { scopes: report.scopes.join(', ') || '—' })}</p>
      <ul>
        <li className={report.landing ? 'ok' : 'warn'}>
          {report.landing ? t('portalForm.landingOk') : t('portalForm.landingMissing')}
        </li>
        <li className={report.crm ? 'ok' : 'warn'}>
          {report.crm ? t('portalForm.crmOk') : t('portalForm.crmMissing')}
        </li>
      </ul>
      {/* Shown before Save, so the person can compare the fingerprint with the one their CA publishes. */}
      {(report.ca ?? []).map((ca) => (
        <p key={ca.fingerprint256}>
          {t('portalForm.caTrusted', { host: report.host, subject: ca.subject })}
          <br />
          {t('portalForm.caFingerprint')} <code className="fingerprint">{ca.fingerprint256}</code>
          <br />
          {t('portalForm.caValidTo', { date: ca.validTo.slice(0, 10) })}
        </p>
      ))}
    </div>
  )
}
