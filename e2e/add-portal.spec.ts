import { test, expect } from './support/fixtures'
import { addPortalViaUi, startPortals } from './support/portals'
import { dataRows, expectEveryControlNamed } from './support/ui'

test('a second portal is added by its webhook after a connection check, and browses next to the demo', async ({
  launchApp
}) => {
  const emulator = await startPortals([{ name: 'shop' }])
  try {
    const app = await launchApp()
    const { page } = app
    await page.getByRole('button', { name: 'Open the demo portal' }).click()
    await expect(dataRows(page, 'Sites').first()).toBeVisible()

    const dialog = await addPortalViaUi(page, emulator.portals[0], emulator.caCertPem, 'Shop portal')
    await expect(dialog.getByRole('status', { name: 'Check connection' })).toContainText(
      'Sites and knowledge bases: available'
    )
    await app.screenshot('add-portal-checked')
    await expectEveryControlNamed(page)
    await dialog.getByRole('textbox', { name: 'Tags' }).fill('clients')
    await dialog.getByRole('button', { name: 'Save portal' }).click()
    await expect(dialog).toBeHidden()

    const sidebar = page.getByRole('navigation', { name: 'Portals' })
    const item = sidebar.getByRole('listitem', { name: 'Shop portal' })
    await expect(item).toBeVisible()
    await expect(item.getByTestId('portal-status')).toHaveText('Online')
    // Both portals' sites in one table; the portal filter and tags narrow it.
    await expect(dataRows(page, 'Sites').filter({ hasText: 'Shop portal' }).first()).toBeVisible()
    await expect(dataRows(page, 'Sites').filter({ hasText: 'Demo portal' }).first()).toBeVisible()
    await sidebar.getByRole('button', { name: '#clients' }).click()
    await expect(dataRows(page, 'Sites').filter({ hasText: 'Demo portal' })).toHaveCount(0)
    await sidebar.getByRole('button', { name: '#clients' }).click()

    // A wrong webhook is refused before anything is saved.
    await page.getByRole('button', { name: 'Add portal' }).click()
    const again = page.getByRole('dialog', { name: 'Add a portal' })
    await again
      .getByRole('textbox', { name: 'Webhook URL' })
      .fill(emulator.portals[0].webhookUrl.replace(/\/rest\/(\d+)\/[^/]+\//, '/rest/$1/wrongcode/'))
    await again.getByText('Trusted certificate (PEM, optional)').first().click()
    await again.getByRole('textbox', { name: 'Trusted certificate (PEM, optional)' }).fill(emulator.caCertPem)
    await again.getByRole('button', { name: 'Check connection' }).click()
    await expect(again.getByRole('alert')).toBeVisible()
    await expect(again.getByRole('button', { name: 'Save portal' })).toBeDisabled()
    await again.getByRole('button', { name: 'Cancel' }).click()

    // Removing asks first.
    await item.getByRole('button', { name: 'Actions for Shop portal' }).click()
    await item.getByRole('button', { name: 'Remove…' }).click()
    await expect(page.getByRole('alertdialog', { name: 'Remove Shop portal?' })).toBeVisible()
    await page.getByRole('button', { name: 'Remove portal' }).click()
    await expect(sidebar.getByRole('listitem', { name: 'Shop portal' })).toHaveCount(0)
  } finally {
    await emulator.stop()
  }
})
