// Bundles the benchmark (TypeScript, importing the app's services and the emulated portal) and runs it.
import { build } from 'vite'
import { builtinModules } from 'node:module'
import { readFileSync } from 'node:fs'
import { resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))
const deps = [...Object.keys(pkg.dependencies ?? {}), 'vite']
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...deps]

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, 'bench/outbox-bench.ts'),
    outDir: resolve(root, 'out/bench'),
    emptyOutDir: true,
    target: 'node22',
    minify: false,
    rollupOptions: {
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'cjs', entryFileNames: 'outbox-bench.cjs' }
    }
  }
})
const r = spawnSync(
  process.execPath,
  ['--no-warnings', resolve(root, 'out/bench/outbox-bench.cjs'), ...process.argv.slice(2)],
  {
    stdio: 'inherit',
    cwd: root
  }
)
process.exit(r.status ?? 1)
