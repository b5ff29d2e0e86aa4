import type { Page } from '@playwright/test'
import { expect } from '@playwright/test'
import { startEmulator } from '../../src/emulator/index'
import type { EmulatedPortal, Emulator, PortalOptions, SeedName } from '../../src/emulator/index'
import type { AppHandle } from './fixtures'
import type { PortalSummary } from '../../src/shared/domain/portal'

/**
 * Emulated portals in the test process, at full speed (no simulated processing delay) and with a
 * generous rate limit unless a test asks otherwise, so specs spend their time on the app.
 */
export const startPortals = (portals: PortalOptions[], seed: SeedName = 'demo'): Promise<Emulator> =>
  startEmulator({
    portals: portals.map((p) => ({ rate: { burst: 500, drainPerSecond: 200 }, ...p })),
    seed,
    realDelayFactor: 0
  })

/** Adds a portal the way a person does: the dialog, the connection check, then save. */
export const addPortalViaUi = async (page: Page, portal: EmulatedPortal, caPem: string, name: string) => {
  const first = await page.getByRole('button', { name: 'Add a portal…' }).isVisible()
  await page.getByRole('button', { name: first ? 'Add a portal…' : 'Add portal' }).click()
  const dialog = page.getByRole('dialog', { name: 'Add a portal' })
  await dialog.getByRole('textbox', { name: 'Webhook URL' }).fill(portal.webhookUrl)
  await dialog.getByText('Trusted certificate (PEM, optional)').first().click()
  await dialog.getByRole('textbox', { name: 'Trusted certificate (PEM, optional)' }).fill(caPem)
  await dialog.getByRole('button', { name: 'Check connection' }).click()
  await expect(dialog.getByRole('status', { name: 'Check connection' })).toContainText('Connected to')
  await dialog.getByRole('textbox', { name: 'Name' }).fill(name)
  await dialog.getByRole('combobox', { name: 'Plan limits' }).selectOption('self-hosted')
  return dialog
}

/** Adds a portal straight through main's handler, for specs about something else. */
export const addPortalDirect = async (
  app: AppHandle,
  portal: EmulatedPortal,
  caPem: string,
  name: string,
  tags: string[] = []
): Promise<PortalSummary> => {
  if (!app.services) throw new Error('addPortalDirect needs the chromium harness')
  return app.services.handlers['portals:add']({
    meta: { name, tags, limits: 'self-hosted', color: null, notes: '' },
    credentials: { kind: 'webhook', webhookUrl: portal.webhookUrl, caPem }
  })
}

/** Unpublished page ids of an emulated portal, straight from its state. */
export const unpublishedPages = (portal: EmulatedPortal): number[] =>
  portal.control
    .state()
    .pages.filter((p) => !p.deleted && !p.active)
    .map((p) => p.id)

export const publishedCount = (portal: EmulatedPortal, ids: readonly number[]): number => {
  const set = new Set(ids)
  return portal.control.state().pages.filter((p) => set.has(p.id) && p.active).length
}
