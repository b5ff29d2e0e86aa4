import { describe, expect, it } from 'vitest'
import { DisposableStore } from './disposable'

describe('DisposableStore', () => {
  it('runs functions and disposables in reverse order, once', () => {
    const done: string[] = []
    const store = new DisposableStore()
    store.add(() => done.push('a'))
    const b = store.add({ dispose: () => done.push('b') })
    store.add(() => done.push('c'))
    expect(b.dispose).toBeTypeOf('function')
    store.dispose()
    store.dispose()
    expect(done).toEqual(['c', 'b', 'a'])
    expect(store.isDisposed).toBe(true)
  })

  it('goes on past a step that throws, then throws it', () => {
    const done: string[] = []
    const store = new DisposableStore()
    store.add(() => done.push('a'))
    store.add(() => {
      throw new Error('b failed')
    })
    store.add(() => done.push('c'))
    expect(() => store.dispose()).toThrow('b failed')
    expect(done).toEqual(['c', 'a'])
  })

  it('throws several errors together', () => {
    const store = new DisposableStore()
    store.add(() => {
      throw new Error('one')
    })
    store.add(() => {
      throw new Error('two')
    })
    let thrown: unknown
    try {
      store.dispose()
    } catch (e) {
      thrown = e
    }
    expect(thrown).toBeInstanceOf(AggregateError)
    expect((thrown as AggregateError).errors.map((e: Error) => e.message)).toEqual(['two', 'one'])
  })

  it('runs at once a step added after it was disposed', () => {
    const store = new DisposableStore()
    store.dispose()
    let ran = false
    store.add(() => (ran = true))
    expect(ran).toBe(true)
  })

  it('disposeAsync waits for each step before the next, and still runs all when one rejects', async () => {
    const done: string[] = []
    const later =
      (name: string, fail = false) =>
      async () => {
        await new Promise((r) => setTimeout(r, 5))
        if (fail) throw new Error(`${name} failed`)
        done.push(name)
      }
    const store = new DisposableStore()
    store.add(later('db'))
    store.add(later('portals', true))
    store.add(later('outbox'))
    store.add(() => done.push('watcher'))
    await expect(store.disposeAsync()).rejects.toThrow('portals failed')
    expect(done).toEqual(['watcher', 'outbox', 'db'])
  })
})
