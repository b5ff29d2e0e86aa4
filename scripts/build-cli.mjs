// Builds the Node entry points that run the app's services outside Electron: the command line
// (out/cli/index.js) and the window-in-Chromium shell of `npm run start:browser`
// (out/browser-shell/index.js).
import { build } from 'vite'
import { builtinModules } from 'node:module'
import { readFileSync } from 'node:fs'
import { resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))
const deps = Object.keys(pkg.dependencies ?? {})
const node = [...builtinModules, ...builtinModules.map((m) => `node:${m}`)]

const entries = [
  {
    entry: 'src/cli/index.ts',
    outDir: 'out/cli',
    banner: '#!/usr/bin/env node',
    external: [...node, ...deps]
  },
  // Playwright drives the system's Chromium; it stays a dev dependency, loaded from node_modules.
  {
    entry: 'src/browser-shell/index.ts',
    outDir: 'out/browser-shell',
    banner: '',
    external: [...node, ...deps, '@playwright/test']
  }
]
// B24DESK_BUILD_ONLY=src/cli builds one entry (the command line's first run builds only itself).
const only = process.env.B24DESK_BUILD_ONLY

for (const { entry, outDir, banner, external } of entries) {
  if (only && !entry.includes(only)) continue
  await build({
    root,
    configFile: false,
    logLevel: 'warn',
    // Bundle every package but the ones named in `external` (Vite's SSR build would leave any
    // package in node_modules to be required at run time, dev dependencies included).
    ssr: { noExternal: true },
    build: {
      ssr: resolve(root, entry),
      outDir: resolve(root, outDir),
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      rollupOptions: {
        external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
        output: { format: 'cjs', entryFileNames: 'index.js', banner }
      }
    }
  })
}
