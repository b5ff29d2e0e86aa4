import { describe, expect, it } from 'vitest'
import { planBulk, type Target } from './plan'

const t = (portalId: string, id: number, on: boolean | undefined): Target => ({
  portalId,
  kind: 'page',
  id,
  scope: '',
  title: `P${id}`,
  on
})

describe('planBulk', () => {
  it('makes an intent for each target not yet in the wanted state and counts the skipped', () => {
    const plan = planBulk('publish', 'page', [
      t('a', 1, false),
      t('a', 2, true),
      t('b', 3, false),
      t('a', 4, false)
    ])
    expect(plan.intents.map((i) => `${i.portalId}:${i.targetId}:${i.action}`)).toEqual([
      'a:1:publish',
      'b:3:publish',
      'a:4:publish'
    ])
    expect(plan.skipped).toBe(1)
    expect(plan.perPortal).toEqual([
      { portalId: 'a', count: 2 },
      { portalId: 'b', count: 1 }
    ])
  })

  it('never skips targets whose state is unknown', () => {
    const plan = planBulk('link-on', 'document', [{ ...t('a', 1, undefined), kind: 'document' }])
    expect(plan.intents).toHaveLength(1)
    expect(plan.intents[0]).toMatchObject({ kind: 'document', action: 'link-on', label: 'P1' })
  })

  it('publishes a page active under an unpublished site (not live), and unpublishes it (still active)', () => {
    const orphan = { ...t('a', 1, true), live: false }
    const live = { ...t('a', 2, true), live: true }
    expect(planBulk('publish', 'page', [orphan, live]).intents.map((i) => i.targetId)).toEqual([1])
    expect(planBulk('unpublish', 'page', [orphan, live]).intents.map((i) => i.targetId)).toEqual([1, 2])
  })
})
