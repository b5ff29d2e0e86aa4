// `npm start`: makes sure Electron's binary is there (installing it with the Electron package's own
// installer when it is not), then runs electron-vite's dev mode with it. Where no binary can be had
// it says why and what to do, and exits 1. See scripts/electron-binary.mjs.
import { spawn } from 'node:child_process'
import { createRequire } from 'node:module'
import { dirname, join, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { ensureElectron } from './electron-binary.mjs'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
// B24DESK_ELECTRON_PACKAGE: another copy of the electron package (the tests use a stand-in).
const electronDir =
  process.env.B24DESK_ELECTRON_PACKAGE ??
  dirname(createRequire(join(root, 'package.json')).resolve('electron/package.json'))

const result = await ensureElectron({ electronDir })
if (!result.ok) {
  process.stderr.write(`\n${result.message}\n`)
  process.exit(1)
}
if (result.installed) process.stdout.write(`Electron installed: ${result.execPath}\n`)

const viteCli =
  process.env.B24DESK_ELECTRON_VITE ?? join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js')
const child = spawn(process.execPath, [viteCli, 'dev', ...process.argv.slice(2)], {
  cwd: root,
  stdio: 'inherit',
  env: { ...process.env, ELECTRON_EXEC_PATH: result.execPath }
})
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal))
child.on('close', (code, signal) => process.exit(signal ? 1 : (code ?? 1)))
