import { execFile } from 'node:child_process'
import { resolve } from 'node:path'
import { promisify } from 'node:util'
import { describe, expect, it } from 'vitest'

const run = promisify(execFile)
const ROOT = resolve(__dirname, '..')
const DEPCRUISE = resolve(ROOT, 'node_modules/dependency-cruiser/bin/dependency-cruiser.mjs')

interface Violation {
  from: string
  to: string
  rule: { name: string }
}

/** Runs the project's layer check (the one `npm run lint` runs) in `cwd` and returns what it reports. */
const cruise = async (cwd: string): Promise<Violation[]> => {
  const { stdout } = await run(
    process.execPath,
    [DEPCRUISE, 'src', '--config', resolve(ROOT, '.dependency-cruiser.cjs'), '--output-type', 'json'],
    { cwd, maxBuffer: 64 * 1024 * 1024 }
  ).catch((err: { stdout?: string }) => ({ stdout: err.stdout ?? '' }))
  return (JSON.parse(stdout) as { summary: { violations: Violation[] } }).summary.violations
}

describe('layers checked by lint', () => {
  it('fires every rule on the fixture that breaks it, and nothing on the allowed import', async () => {
    const found = await cruise(resolve(ROOT, 'test/fixtures/layers'))
    const pairs = found.map((v) => `${v.rule.name}: ${v.from} -> ${v.to}`)
    expect(pairs).toEqual(
      expect.arrayContaining([
        'services-not-shell: src/main/services/uses-ipc.ts -> src/main/ipc/router.ts',
        'services-not-shell: src/main/services/uses-ipc.ts -> src/main/index.ts',
        'renderer-only-contract: src/renderer/src/uses-main.ts -> src/main/services/thing.ts',
        'shared-imports-nothing: src/shared/uses-app.ts -> src/main/services/thing.ts',
        'emulator-knows-no-app: src/emulator/uses-app.ts -> src/shared/contract.ts',
        'preload-only-contract: src/preload/index.ts -> src/main/services/thing.ts',
        'areas-through-doors: src/main/services/outbox/uses-internals.ts -> src/main/services/catalog/store.ts',
        'areas-through-doors: src/main/services/reports/uses-internals.ts -> src/main/services/db/database.ts'
      ])
    )
    expect(found.some((v) => v.rule.name === 'no-cycles' && v.from.includes('cycle-'))).toBe(true)
    expect(pairs.filter((p) => p.startsWith('services-not-shell') && p.includes('thing.ts'))).toEqual([])
    // An area's door, a module its importer declares, an area's own files and testing/ folders pass.
    expect(pairs.filter((p) => p.startsWith('areas-through-doors'))).toEqual([
      'areas-through-doors: src/main/services/outbox/uses-internals.ts -> src/main/services/catalog/store.ts',
      'areas-through-doors: src/main/services/reports/uses-internals.ts -> src/main/services/db/database.ts'
    ])
  }, 60_000)

  it('passes on the app itself', async () => {
    expect(await cruise(ROOT)).toEqual([])
  }, 60_000)
})
