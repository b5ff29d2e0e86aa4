import { screen, waitFor } from '@testing-library/react'
import { beforeEach, describe, expect, it } from 'vitest'
import { useStore } from '../../store'
import { FakeError, installFakeApi } from '../../test/fake-api'
import { portal, resetStore } from '../../test/fixtures'
import { renderUi } from '../../test/render'
import { PortalForm } from './PortalForm'

const report = {
  host: 'shop.example.com',
  user: { id: '1', name: 'Anna Admin', admin: true },
  scopes: ['landing', 'user'],
  landing: true,
  crm: false
}

beforeEach(() => resetStore())

describe('PortalForm', () => {
  it('checks the connection, shows who and what is allowed, then saves the portal', async () => {
    let closed = false
    const api = installFakeApi({
      'portals:check': () => report,
      'portals:add': () => portal('new'),
      'portals:list': () => [portal('new', { name: 'shop.example.com' })]
    })
    const { user } = await renderUi(<PortalForm onClose={() => (closed = true)} />)
    const save = screen.getByRole('button', { name: 'Save portal' })
    expect(save).toBeDisabled()
    await user.type(
      screen.getByRole('textbox', { name: 'Webhook URL' }),
      'https://shop.example.com/rest/1/abc/'
    )
    await user.type(screen.getByRole('textbox', { name: 'Tags' }), 'clients, eu')
    await user.click(screen.getByRole('button', { name: 'Check connection' }))
    const summary = await screen.findByRole('status', { name: 'Check connection' })
    expect(summary).toHaveTextContent('Connected to shop.example.com as Anna Admin (administrator)')
    expect(summary).toHaveTextContent('CRM documents: the “crm” or “documentgenerator” permission is missing')
    expect(screen.getByRole('textbox', { name: 'Name' })).toHaveValue('shop.example.com')
    await user.click(save)
    await waitFor(() => expect(closed).toBe(true))
    expect(api.callsTo('portals:add')).toEqual([
      {
        meta: { name: 'shop.example.com', tags: ['clients', 'eu'], limits: 'standard' },
        credentials: { kind: 'webhook', webhookUrl: 'https://shop.example.com/rest/1/abc/', caPem: undefined }
      }
    ])
    expect(useStore.getState().portals.map((p) => p.id)).toEqual(['new'])
  })

  it('needs a new check when the credentials change after one, and shows why a check failed', async () => {
    installFakeApi({
      'portals:check': (input) => {
        if (input.credentials.kind === 'webhook' && input.credentials.webhookUrl.includes('bad')) {
          throw new FakeError('AUTH', 'The webhook was refused: check its code.', 'auth')
        }
        return report
      }
    })
    const { user } = await renderUi(<PortalForm onClose={() => {}} />)
    const url = screen.getByRole('textbox', { name: 'Webhook URL' })
    await user.type(url, 'https://ok.example.com/rest/1/a/')
    await user.click(screen.getByRole('button', { name: 'Check connection' }))
    await screen.findByRole('status', { name: 'Check connection' })
    expect(screen.getByRole('button', { name: 'Save portal' })).toBeEnabled()
    await user.type(url, 'bad')
    expect(screen.getByRole('button', { name: 'Save portal' })).toBeDisabled()
    await user.click(screen.getByRole('button', { name: 'Check connection' }))
    expect(await screen.findByRole('alert')).toHaveTextContent('The webhook was refused: check its code.')
  })

  it('shows the certificate it will trust, for this host only, with its fingerprint, before saving', async () => {
    const ca = {
      subject: 'CN=Acme Root CA, O=Acme',
      fingerprint256:
        'AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89:AB:CD:EF:01:23:45:67:89',
      validTo: '2030-01-31T12:00:00.000Z'
    }
    const api = installFakeApi({
      'portals:check': (input) => ({ ...report, ca: input.credentials.caPem ? [ca] : [] })
    })
    const { user } = await renderUi(<PortalForm onClose={() => {}} />)
    await user.type(
      screen.getByRole('textbox', { name: 'Webhook URL' }),
      'https://shop.example.com/rest/1/abc/'
    )
    await user.click(screen.getByText('Trusted certificate (PEM, optional)', { selector: 'summary' }))
    const pem = '-----BEGIN CERTIFICATE-----\nMIIB\n-----END CERTIFICATE-----'
    await user.type(screen.getByRole('textbox', { name: 'Trusted certificate (PEM, optional)' }), pem)
    await user.click(screen.getByRole('button', { name: 'Check connection' }))
    const summary = await screen.findByRole('status', { name: 'Check connection' })
    expect(summary).toHaveTextContent(
      'Certificate trusted for shop.example.com only: CN=Acme Root CA, O=Acme'
    )
    expect(summary).toHaveTextContent(`SHA-256 fingerprint: ${ca.fingerprint256}`)
    expect(summary).toHaveTextContent('Valid until 2030-01-31')
    expect(screen.getByRole('button', { name: 'Save portal' })).toBeEnabled()
    expect(api.callsTo('portals:check')).toMatchObject([{ credentials: { caPem: pem } }])
  })

  it('says nothing about certificates when none is given, and speaks Russian', async () => {
    installFakeApi({ 'portals:check': () => ({ ...report, ca: [] }) })
    const { user } = await renderUi(<PortalForm onClose={() => {}} />, 'ru')
    await user.type(
      screen.getByRole('textbox', { name: 'Адрес вебхука' }),
      'https://shop.example.com/rest/1/abc/'
    )
    await user.click(screen.getByRole('button', { name: 'Проверить подключение' }))
    const summary = await screen.findByRole('status', { name: 'Проверить подключение' })
    expect(summary).toHaveTextContent('Подключено к shop.example.com как Anna Admin')
    expect(summary).not.toHaveTextContent('SHA-256')
  })

  it('edits a portal’s name and tags without touching its credentials', async () => {
    const api = installFakeApi({ 'portals:update': () => portal('a'), 'portals:list': () => [portal('a')] })
    const { user } = await renderUi(
      <PortalForm portal={portal('a', { name: 'Old', tags: ['x'] })} onClose={() => {}} />
    )
    const name = screen.getByRole('textbox', { name: 'Name' })
    await user.clear(name)
    await user.type(name, 'New name')
    await user.click(screen.getByRole('button', { name: 'Save portal' }))
    await waitFor(() =>
      expect(api.callsTo('portals:update')).toEqual([
        { portalId: 'a', meta: { name: 'New name', tags: ['x'], limits: 'standard', maxInFlight: 4 } }
      ])
    )
    expect(api.callsTo('portals:setCredentials')).toEqual([])
  })

  it('sets how many outbox requests may run on the portal at once, within 1 to 16', async () => {
    const api = installFakeApi({ 'portals:update': () => portal('a'), 'portals:list': () => [portal('a')] })
    const { user } = await renderUi(
      <PortalForm portal={portal('a', { name: 'Shop', maxInFlight: 4 })} onClose={() => {}} />
    )
    const field = screen.getByRole('spinbutton', { name: 'Requests at once' })
    expect(field).toHaveValue(4)
    expect(field).toHaveAccessibleDescription(/starts with one, adds more while the portal keeps up/)
    await user.clear(field)
    await user.type(field, '40')
    await user.click(screen.getByRole('button', { name: 'Save portal' }))
    // The form refuses it before anything is sent (in the app, with the browser's own message).
    expect(field).toBeInvalid()
    expect(api.callsTo('portals:update')).toEqual([])
    await user.clear(field)
    await user.type(field, '2')
    await user.click(screen.getByRole('button', { name: 'Save portal' }))
    await waitFor(() =>
      expect(api.callsTo('portals:update')).toMatchObject([{ portalId: 'a', meta: { maxInFlight: 2 } }])
    )
  })
})
