// Bundles a benchmark (TypeScript, importing the app's services and the emulated portal) and runs it:
// `node bench/run.mjs [scale] [ARGS...]`, the outbox benchmark (bench/outbox-bench.ts) unless the first
// argument names another one (bench/scale.ts); the remaining arguments go to the benchmark.
import { build } from 'vite'
import { builtinModules } from 'node:module'
import { readFileSync } from 'node:fs'
import { resolve, dirname } from 'node:path'
import { fileURLToPath } from 'node:url'
import { spawnSync } from 'node:child_process'

const BENCHES = { outbox: 'outbox-bench', scale: 'scale' }
const named = Object.hasOwn(BENCHES, process.argv[2] ?? '') ? process.argv[2] : null
const bench = BENCHES[named ?? 'outbox']
const args = process.argv.slice(named ? 3 : 2)

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const pkg = JSON.parse(readFileSync(resolve(root, 'package.json'), 'utf8'))
const deps = [...Object.keys(pkg.dependencies ?? {}), 'vite']
const external = [...builtinModules, ...builtinModules.map((m) => `node:${m}`), ...deps]

await build({
  root,
  configFile: false,
  logLevel: 'warn',
  build: {
    ssr: resolve(root, `bench/${bench}.ts`),
    outDir: resolve(root, 'out/bench'),
    emptyOutDir: false,
    target: 'node22',
    minify: false,
    rollupOptions: {
      external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
      output: { format: 'cjs', entryFileNames: `${bench}.cjs` }
    }
  }
})
const r = spawnSync(process.execPath, ['--no-warnings', resolve(root, `out/bench/${bench}.cjs`), ...args], {
  stdio: 'inherit',
  cwd: root
})
process.exit(r.status ?? 1)
