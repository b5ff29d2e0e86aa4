import { resolve } from 'node:path'
import { ESLint } from 'eslint'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..')

/** Lints a snippet as if it were a file under test/, with the project's own configuration and types. */
const rulesFired = async (code: string): Promise<string[]> => {
  const eslint = new ESLint({ cwd: ROOT })
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, 'test/lint-promises.fixture.ts') })
  return result.messages.map((m) => m.ruleId ?? m.message)
}

describe('typed lint for promises', () => {
  it('fails on a floating promise and on a promise where a void callback is expected, not on void', async () => {
    const fired = await rulesFired(
      [
        'const later = async (): Promise<void> => {}',
        'later()',
        'const each = (f: () => void): void => f()',
        'each(later)',
        'void later()',
        'export {}',
        ''
      ].join('\n')
    )
    expect(fired.sort()).toEqual([
      '@typescript-eslint/no-floating-promises',
      '@typescript-eslint/no-misused-promises'
    ])
  }, 120_000)
})
