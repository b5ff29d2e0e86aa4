import { readFileSync } from 'node:fs'
import { test, expect } from './support/fixtures'
import { addPortalDirect, startPortals } from './support/portals'

test('the portal list is exported without secrets, imported on another computer, and given its credentials there', async ({
  launchApp
}) => {
  const emulator = await startPortals([{ name: 'shop' }])
  try {
    const portal = emulator.portals[0]
    const code = /\/rest\/\d+\/([^/]+)\//.exec(portal.webhookUrl)![1]
    const first = await launchApp()
    await addPortalDirect(first, portal, emulator.caCertPem, 'Shop', ['clients'])
    await first.page.reload()
    const firstSidebar = first.page.getByRole('navigation', { name: 'Portals' })
    await expect(firstSidebar.getByRole('listitem', { name: 'Shop' })).toBeVisible()
    const [download] = await Promise.all([
      first.page.waitForEvent('download'),
      firstSidebar.getByRole('button', { name: 'Export portal list' }).click()
    ])
    expect(download.suggestedFilename()).toBe('b24desk-portals.json')
    const file = await download.path()
    const text = readFileSync(file, 'utf8')
    expect(text).toContain('"Shop"')
    expect(text).not.toContain(code)

    // Another computer: a fresh data folder, nothing in its keychain for this portal.
    const second = await launchApp()
    const { page } = second
    // The first-run screen offers it, next to adding a portal and the demo.
    const [chooser] = await Promise.all([
      page.waitForEvent('filechooser'),
      page
        .getByRole('region', { name: 'Welcome to B24 Desk' })
        .getByRole('button', { name: 'Import portal list…' })
        .click()
    ])
    await chooser.setFiles(file)
    await expect(page.getByText(/Imported Shop\. Enter its credentials/)).toBeVisible()
    const sidebar = page.getByRole('navigation', { name: 'Portals' })
    const item = sidebar.getByRole('listitem', { name: 'Shop' })
    await expect(item.getByTestId('portal-status')).toHaveText('Needs credentials')
    await expect(sidebar.getByRole('button', { name: '#clients' })).toBeVisible()

    // New credentials: the certificate this (loopback) portal trusted came with the list and is kept.
    await item.getByRole('button', { name: 'Actions for Shop' }).click()
    await item.getByRole('button', { name: 'Edit…' }).click()
    const dialog = page.getByRole('dialog', { name: 'Edit Shop' })
    await dialog.getByRole('radio', { name: 'Replace the credentials' }).check()
    await dialog.getByRole('textbox', { name: 'Webhook URL' }).fill(portal.webhookUrl)
    await dialog.getByRole('button', { name: 'Check connection' }).click()
    await expect(dialog.getByRole('status', { name: 'Check connection' })).toContainText('Connected to')
    await dialog.getByRole('button', { name: 'Save portal' }).click()
    await expect(dialog).toBeHidden()
    await expect(item.getByTestId('portal-status')).toHaveText('Online')
  } finally {
    await emulator.stop()
  }
})
