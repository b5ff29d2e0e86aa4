import { test, expect } from './support/fixtures'
import { startPortals } from './support/portals'
import { dataRows, expectEveryControlNamed, openView } from './support/ui'

test('a portal is added by its OAuth application, and keeps browsing after its access token expires', async ({
  launchApp
}) => {
  const emulator = await startPortals([{ name: 'agency' }])
  try {
    const portal = emulator.portals[0]
    // A copy: `portal.oauth` always answers the emulator's current pair.
    const issued = { ...portal.oauth }
    const app = await launchApp()
    const { page } = app

    await page.getByRole('button', { name: 'Add a portal…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Add a portal' })
    await dialog.getByRole('radio', { name: 'OAuth application' }).check()
    await expect(dialog.getByRole('textbox', { name: 'Webhook URL' })).toHaveCount(0)
    await dialog.getByLabel('Portal URL', { exact: true }).fill(portal.baseUrl)
    await dialog.getByLabel('Client ID', { exact: true }).fill(issued.clientId)
    await dialog.getByLabel('Client secret', { exact: true }).fill(issued.clientSecret)
    await dialog.getByLabel('Access token', { exact: true }).fill(issued.accessToken)
    await dialog.getByLabel('Refresh token', { exact: true }).fill(issued.refreshToken)
    // The emulator is its own OAuth server; the app accepts its token URL as the server address.
    await dialog.getByLabel('OAuth server (optional)', { exact: true }).fill(issued.serverEndpoint)
    await dialog.getByText('Trusted certificate (PEM, optional)').first().click()
    await dialog
      .getByRole('textbox', { name: 'Trusted certificate (PEM, optional)' })
      .fill(emulator.caCertPem)
    await dialog.getByRole('button', { name: 'Check connection' }).click()

    // The scope report: who, and what the application's tokens may do.
    const report = dialog.getByRole('status', { name: 'Check connection' })
    await expect(report).toContainText(`Connected to ${portal.host}`)
    await expect(report).toContainText(/Permissions: .*landing/)
    await expect(report).toContainText('Sites and knowledge bases: available')
    await expect(report).toContainText('CRM documents: available')
    await app.screenshot('add-portal-oauth-checked')
    await expectEveryControlNamed(page)

    await dialog.getByRole('textbox', { name: 'Name' }).fill('Agency (OAuth)')
    await dialog.getByRole('combobox', { name: 'Plan limits' }).selectOption('self-hosted')
    await dialog.getByRole('button', { name: 'Save portal' }).click()
    await expect(dialog).toBeHidden()

    const item = page
      .getByRole('navigation', { name: 'Portals' })
      .getByRole('listitem', { name: 'Agency (OAuth)' })
    await expect(item.getByTestId('portal-status')).toHaveText('Online')
    await expect(dataRows(page, 'Sites').filter({ hasText: 'Spring Sale' })).toHaveCount(1)
    expect(portal.oauth.accessToken).toBe(issued.accessToken)

    // An hour later, as far as the portal is concerned: every token issued so far is expired.
    portal.control.expireAccessToken()
    // Pages were never fetched, so they can only come from the portal, through a refreshed token.
    await openView(page, 'Pages')
    await expect(dataRows(page, 'Pages').filter({ hasText: 'Running shoes -30%' })).toHaveCount(1, {
      timeout: 30_000
    })
    await expect(page.getByTestId('stale-notice')).toHaveCount(0)
    await expect(item.getByTestId('portal-status')).toHaveText('Online')
    expect(portal.oauth.accessToken).not.toBe(issued.accessToken)

    // And the refreshed pair is the one the app keeps using.
    await openView(page, 'Sites')
    await page.getByRole('button', { name: 'Refresh from portals' }).click()
    await expect(page.getByRole('button', { name: 'Refresh from portals' })).toBeEnabled()
    await expect(page.getByTestId('stale-notice')).toHaveCount(0)
    await expect(dataRows(page, 'Sites').filter({ hasText: 'Spring Sale' })).toHaveCount(1)
    await expect(item.getByTestId('portal-status')).toHaveText('Online')
  } finally {
    await emulator.stop()
  }
})
