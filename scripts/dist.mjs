// npm run dist [-- --dir] [-- --x64|--arm64] [-- --skip-build] [-- --output DIR]
// Builds the app (npm run build), then packs it with electron-builder (electron-builder.cjs) for the
// OS it runs on: installers by default, or with --dir only the unpacked app. Electron comes from
// B24DESK_ELECTRON_DIST when set (see electron-builder.cjs). Nothing is published.
import { spawnSync } from 'node:child_process'
import { resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { Arch, Platform, build } from 'electron-builder'

const root = resolve(fileURLToPath(import.meta.url), '..', '..')
const usage = 'usage: npm run dist [-- --dir] [-- --x64|--arm64] [-- --skip-build] [-- --output DIR]'

const parse = (argv) => {
  const opts = { dir: false, skipBuild: false, output: null, archs: [] }
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i]
    if (arg === '--dir') opts.dir = true
    else if (arg === '--skip-build') opts.skipBuild = true
    else if (arg === '--output') {
      opts.output = argv[++i]
      if (!opts.output) throw new Error('--output needs a folder')
    } else if (['--x64', '--arm64', '--ia32', '--universal'].includes(arg))
      opts.archs.push(Arch[arg.slice(2)])
    else throw new Error(`unknown option ${arg}`)
  }
  return opts
}

let opts
try {
  opts = parse(process.argv.slice(2))
} catch (err) {
  console.error(`dist: ${err.message}\n${usage}`)
  process.exit(2)
}

if (!opts.skipBuild) {
  // The same npm that runs this script, so the build uses the project's pinned Node too.
  const npm = process.env.npm_execpath
  const result = npm
    ? spawnSync(process.execPath, [npm, 'run', 'build'], { cwd: root, stdio: 'inherit' })
    : spawnSync('npm', ['run', 'build'], { cwd: root, stdio: 'inherit', shell: process.platform === 'win32' })
  if (result.status !== 0) {
    console.error('dist: npm run build failed')
    process.exit(result.status ?? 1)
  }
}

try {
  const artifacts = await build({
    projectDir: root,
    targets: Platform.current().createTarget(opts.dir ? 'dir' : null, ...opts.archs),
    config: opts.output ? { directories: { output: resolve(opts.output) } } : undefined,
    publish: 'never'
  })
  for (const file of artifacts) console.log(`dist: ${file}`)
  console.log(`dist: done in ${resolve(opts.output ?? resolve(root, 'dist'))}`)
} catch (err) {
  console.error(`dist: ${err instanceof Error ? err.message : String(err)}`)
  process.exit(1)
}
