import { builtinModules } from 'node:module'
import { readFileSync } from 'node:fs'
import { join, resolve } from 'node:path'
import { build } from 'vite'

/** Bundles a TypeScript entry into one CommonJS file a plain `node` child process can run. */
export const bundleForNode = async (entry: string, outDir: string): Promise<string> => {
  const root = resolve(__dirname, '../../../../..')
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as {
    dependencies?: Record<string, string>
  }
  const external = [
    ...builtinModules,
    ...builtinModules.map((m) => `node:${m}`),
    ...Object.keys(pkg.dependencies ?? {})
  ]
  await build({
    root,
    configFile: false,
    logLevel: 'silent',
    build: {
      ssr: entry,
      outDir,
      emptyOutDir: true,
      target: 'node22',
      minify: false,
      rollupOptions: {
        external: (id) => external.some((e) => id === e || id.startsWith(`${e}/`)),
        output: { format: 'cjs', entryFileNames: 'child.cjs' }
      }
    }
  })
  return join(outDir, 'child.cjs')
}
