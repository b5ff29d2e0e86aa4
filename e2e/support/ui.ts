import type { Locator, Page } from '@playwright/test'
import { expect } from '@playwright/test'

export const grid = (page: Page, name: string): Locator => page.getByRole('grid', { name })

/** Data rows (the header row is the grid's first row). */
export const dataRows = (page: Page, name: string): Locator =>
  grid(page, name).locator('[role="row"][aria-rowindex]:not([aria-rowindex="1"])')

export const openView = async (page: Page, name: string) => {
  await page.getByRole('tab', { name }).click()
  await expect(page.getByRole('tab', { name })).toHaveAttribute('aria-selected', 'true')
}

export const openOutbox = async (page: Page) => {
  const panel = page.getByRole('complementary', { name: 'Outbox' })
  if (!(await panel.isVisible())) await page.getByRole('button', { name: /^Outbox/ }).click()
  await expect(panel).toBeVisible()
  return panel
}

/** Selects `count` rows starting at the first shown one, with the keyboard (Space, Shift+Arrow). */
export const selectFirstRows = async (page: Page, gridName: string, count: number) => {
  const g = grid(page, gridName)
  await dataRows(page, gridName).first().click()
  for (let i = 1; i < count; i++) await g.press('Shift+ArrowDown')
}
