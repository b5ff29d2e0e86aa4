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

export const openOutbox = async (page: Page, name = 'Outbox') => {
  const panel = page.getByRole('complementary', { name })
  // The panel may be opening by itself (after a job is queued) as we look: a click then closes it.
  // Look again after each click until it stays open.
  await expect(async () => {
    if (!(await panel.isVisible())) await page.getByRole('button', { name: new RegExp(`^${name}`) }).click()
    await expect(panel).toBeVisible({ timeout: 2_000 })
  }).toPass({ timeout: 15_000 })
  return panel
}

/** Selects `count` rows starting at the first shown one, with the keyboard (Space, Shift+Arrow). */
export const selectFirstRows = async (page: Page, gridName: string, count: number) => {
  const g = grid(page, gridName)
  await dataRows(page, gridName).first().click()
  for (let i = 1; i < count; i++) await g.press('Shift+ArrowDown')
}

/** Roles a person operates or moves through: each must have an accessible name a screen reader can say. */
const NAMED_ROLES = new Set([
  'button',
  'checkbox',
  'combobox',
  'dialog',
  'grid',
  'link',
  'listbox',
  'menuitem',
  'progressbar',
  'radio',
  'searchbox',
  'slider',
  'spinbutton',
  'switch',
  'tab',
  'textbox',
  'tree',
  'treeitem'
])

/**
 * Every control on the screen, as Chromium's accessibility tree exposes it to screen readers, has a
 * name. Fails with the role and DOM id of each one that has none.
 */
export const expectEveryControlNamed = async (page: Page) => {
  const cdp = await page.context().newCDPSession(page)
  try {
    const { nodes } = (await cdp.send('Accessibility.getFullAXTree')) as {
      nodes: Array<{
        ignored: boolean
        role?: { value?: unknown }
        name?: { value?: unknown }
        backendDOMNodeId?: number
      }>
    }
    const controls = nodes.filter((n) => !n.ignored && NAMED_ROLES.has(String(n.role?.value ?? '')))
    const unnamed = controls.filter((n) => String(n.name?.value ?? '').trim() === '')
    const described = await Promise.all(
      unnamed.map(async (n) => {
        if (!n.backendDOMNodeId) return String(n.role?.value)
        const { object } = (await cdp.send('DOM.resolveNode', { backendNodeId: n.backendDOMNodeId })) as {
          object: { objectId?: string }
        }
        const { result } = (await cdp.send('Runtime.callFunctionOn', {
          objectId: object.objectId,
          functionDeclaration: 'function () { return this.outerHTML.slice(0, 160) }',
          returnByValue: true
        })) as { result: { value?: string } }
        return `${String(n.role?.value)}: ${result.value ?? '?'}`
      })
    )
    expect(controls.length, 'the screen has controls').toBeGreaterThan(0)
    expect(described, 'controls without an accessible name').toEqual([])
  } finally {
    await cdp.detach()
  }
}
