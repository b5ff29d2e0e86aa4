import { readFileSync, readdirSync, statSync } from 'node:fs'
import { join, relative, resolve } from 'node:path'
import { describe, expect, it } from 'vitest'

const ROOT = resolve(__dirname, '..')
const SELF = 'test/docs-refs.test.ts'
const SKIP = new Set(['node_modules', 'out', 'dist', 'screenshots'])
const TEXT = /\.(ts|tsx|mts|cts|js|mjs|cjs|md|html|css|sh|json)$/

const walk = (dir: string, acc: string[] = []): string[] => {
  for (const name of readdirSync(dir)) {
    if (SKIP.has(name)) continue
    const abs = join(dir, name)
    if (statSync(abs).isDirectory()) walk(abs, acc)
    else if (TEXT.test(name)) acc.push(relative(ROOT, abs).split('\\').join('/'))
  }
  return acc
}

/** The repository's own files that a reader follows: sources, tests, docs, the README and its siblings. */
const files = (): string[] => [
  ...['src', 'e2e', 'bench', 'scripts', 'test', 'docs'].flatMap((d) => walk(join(ROOT, d))),
  ...readdirSync(ROOT).filter((n) => /\.(md|cjs|mjs|mts|ts)$/.test(n) && statSync(join(ROOT, n)).isFile())
]

/**
 * What points outside the repository: the team's notes next to it (their paths, their file names, or
 * their numbered sections) and, in prose, the folder itself. Code may import the repository's own
 * `src/shared` (`'../shared/domain/outbox'`): a path that goes on into a module is not a reference.
 */
const outside = (path: string, text: string): string[] => {
  const found: string[] = []
  const patterns: RegExp[] = [
    /bitrix24-rest\.md/g,
    /shared\/design\.md/g,
    /§\s?\d/g,
    path.endsWith('.md') ? /\.\.\/shared\b/g : /\.\.\/shared(?![\w/-])|\.\.\/shared\/[\w/-]*\.md\b/g
  ]
  text.split('\n').forEach((line, i) => {
    if (patterns.some((re) => line.match(re))) found.push(`${path}:${i + 1}: ${line.trim()}`)
  })
  return found
}

/** The `<a id>` anchors a docs page declares. */
const anchorsOf = (page: string): Set<string> =>
  new Set(
    [...readFileSync(join(ROOT, 'docs', page), 'utf8').matchAll(/<a id="([\w-]+)"><\/a>/g)].map((m) => m[1])
  )

describe('the repository documents itself', () => {
  it('no file refers to notes outside the repository (../shared, its design or REST notes, their § sections)', () => {
    const hits = files()
      .filter((f) => f !== SELF)
      .flatMap((f) => outside(f, readFileSync(join(ROOT, f), 'utf8')))
    expect(hits).toEqual([])
  })

  it('every docs/<page>.md#anchor that code and docs point to exists', () => {
    const pages = new Map<string, Set<string>>()
    const missing: string[] = []
    for (const f of files()) {
      const text = readFileSync(join(ROOT, f), 'utf8')
      // "docs/bitrix24.md#batch" in code, "(bitrix24.md#batch)" inside docs/, and the "#more" after a comma.
      const re = /(?:docs\/|\]\()?\b([a-z0-9-]+)\.md#([\w-]+)((?:,\s*(?:\n\s*(?:\*|\/\/)?\s*)?#[\w-]+)*)/g
      for (const m of text.matchAll(re)) {
        const page = `${m[1]}.md`
        let anchors = pages.get(page)
        if (!anchors) {
          try {
            anchors = anchorsOf(page)
          } catch {
            continue // not a page of docs/ (README.md#…, CONTRIBUTING.md#…)
          }
          pages.set(page, anchors)
        }
        const named = [m[2], ...[...(m[3] ?? '').matchAll(/#([\w-]+)/g)].map((x) => x[1])]
        for (const a of named) if (!anchors.has(a)) missing.push(`${f}: ${page}#${a}`)
      }
    }
    expect(missing).toEqual([])
  })

  it('catches what it is there to catch', () => {
    const note = ['..', 'shared', 'bitrix24-rest.md'].join('/')
    expect(outside('src/x.ts', `// see ${note} \u00a712.4`)).toHaveLength(1)
    expect(outside('src/x.ts', `// (\u00a712.1)`)).toHaveLength(1)
    expect(outside('README.md', `See \`${['..', 'shared'].join('/')}\`.`)).toHaveLength(1)
    expect(
      outside('src/x.ts', `import type { Intent } from '${['..', 'shared'].join('/')}/domain/outbox'`)
    ).toEqual([])
  })
})
