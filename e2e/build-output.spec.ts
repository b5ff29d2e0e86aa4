import { test, expect } from '@playwright/test'
import { readFileSync, readdirSync } from 'node:fs'
import { builtinModules } from 'node:module'
import { join } from 'node:path'
import { ROOT } from './support/fixtures'

const OUT = join(ROOT, 'out')
const pkg = JSON.parse(readFileSync(join(ROOT, 'package.json'), 'utf8')) as {
  dependencies: Record<string, string>
}
const builtins = new Set([...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node:sqlite'])

/** Every module a built bundle loads at run time, relative chunks followed. */
const loadedModules = (dir: string): string[] => {
  const found = new Set<string>()
  for (const file of readdirSync(dir, { recursive: true }) as string[]) {
    if (!file.endsWith('.js')) continue
    const code = readFileSync(join(dir, file), 'utf8')
    for (const m of code.matchAll(/\b(?:require|import)\(\s*["']([^"']+)["']\s*\)/g)) {
      if (!m[1].startsWith('.')) found.add(m[1])
    }
  }
  return [...found].sort()
}

const packageOf = (id: string) =>
  id.startsWith('@') ? id.split('/').slice(0, 2).join('/') : id.split('/')[0]

test.describe('built output', () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(testInfo.project.name !== 'chromium', 'the build is checked once, in the chromium project')
  })

  test('the sandboxed preload is CommonJS and requires nothing but electron', () => {
    const code = readFileSync(join(OUT, 'preload', 'index.js'), 'utf8')
    expect(code).not.toMatch(/^\s*import\s/m)
    expect(loadedModules(join(OUT, 'preload'))).toEqual(['electron'])
  })

  test('main and the command line load only Node built-ins, electron (main) and declared dependencies', () => {
    const allowed = (id: string) => builtins.has(id) || Object.hasOwn(pkg.dependencies, packageOf(id))
    const main = loadedModules(join(OUT, 'main'))
    expect(main).toContain('electron')
    expect(main.filter((id) => id !== 'electron' && !allowed(id))).toEqual([])
    const cli = loadedModules(join(OUT, 'cli'))
    expect(cli).not.toContain('electron')
    expect(cli.filter((id) => !allowed(id))).toEqual([])
  })

  test('the renderer page carries a strict Content Security Policy', () => {
    const html = readFileSync(join(OUT, 'renderer', 'index.html'), 'utf8')
    const csp = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? ''
    expect(csp).toContain("script-src 'self'")
    expect(csp).toContain("object-src 'none'")
    expect(csp).not.toMatch(/unsafe-eval/)
    expect(csp).not.toMatch(/script-src[^;]*unsafe-inline/)
    // Previews arrive as data: URLs; the page loads no image from any remote host.
    expect(csp).toMatch(/img-src 'self' data:;/)
    expect(csp).not.toMatch(/https?:/)
  })

  test('the build ships no source maps (the package takes out/ as built)', () => {
    const maps = (readdirSync(OUT, { recursive: true }) as string[]).filter((f) => f.endsWith('.map'))
    expect(maps).toEqual([])
  })
})
