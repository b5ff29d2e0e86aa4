import { describe, expect, it, vi } from 'vitest'
import { ContractInputError, invokeChecked, type Handlers } from './handlers'

const failure = async (p: Promise<unknown>): Promise<ContractInputError> => {
  const err = await p.then(
    () => {
      throw new Error('expected the call to be refused')
    },
    (e: unknown) => e
  )
  expect(err).toBeInstanceOf(ContractInputError)
  return err as ContractInputError
}

describe('invokeChecked: one input check for the window and the command line', () => {
  it('hands the handler the input as the contract parsed it, defaults applied, and answers its value', async () => {
    const documents = vi.fn((input: unknown) => ({ rows: [], syncedAt: {}, stale: {}, input }))
    const handlers = { 'catalog:documents': documents } as unknown as Pick<Handlers, 'catalog:documents'>
    const answer = await invokeChecked(handlers, 'catalog:documents', { portalIds: ['p1'] })
    expect(documents).toHaveBeenCalledWith({ portalIds: ['p1'], refresh: false })
    expect(answer).toMatchObject({ rows: [] })
  })

  it('refuses input outside the contract before the handler runs, naming each field and what is wrong', async () => {
    const add = vi.fn()
    const handlers = { 'portals:add': add } as unknown as Pick<Handlers, 'portals:add'>
    const err = await failure(
      invokeChecked(handlers, 'portals:add', {
        meta: { name: 'Shop', color: 'red', tags: ['ok', 'x'.repeat(51)] },
        credentials: { kind: 'webhook', webhookUrl: 'https://b24.example.com/rest/1/abc/' }
      })
    )
    expect(add).not.toHaveBeenCalled()
    expect(err.channel).toBe('portals:add')
    expect(err.problems.map((p) => p.path).sort()).toEqual(['meta.color', 'meta.tags.1'])
    expect(err.issues).toHaveLength(2)
    expect(err.message).toMatch(/^Invalid input for portals:add: /)
    expect(err.message).toContain('meta.color')
  })

  it('applies the contract’s limits to every caller: an oversized import is refused', async () => {
    const importList = vi.fn()
    const handlers = { 'portals:import': importList } as unknown as Pick<Handlers, 'portals:import'>
    const err = await failure(invokeChecked(handlers, 'portals:import', { json: 'x'.repeat(5_000_001) }))
    expect(err.problems).toEqual([{ path: 'json', message: expect.stringMatching(/5000000/) }])
    expect(importList).not.toHaveBeenCalled()
  })

  it('opens lazily given handlers only once the input passed', async () => {
    const open = vi.fn(async () => ({ 'portals:probe': async () => ({ state: 'online' as const }) }))
    await failure(invokeChecked(open, 'portals:probe', { portalId: '' }))
    expect(open).not.toHaveBeenCalled()
    expect(await invokeChecked(open, 'portals:probe', { portalId: 'p1' })).toEqual({ state: 'online' })
    expect(open).toHaveBeenCalledTimes(1)
  })

  it('a channel the contract does not list is an error of the caller, not of the input', async () => {
    await expect(
      invokeChecked({} as Handlers, 'fs:readFile' as 'portals:list', undefined)
    ).rejects.not.toBeInstanceOf(ContractInputError)
  })
})
