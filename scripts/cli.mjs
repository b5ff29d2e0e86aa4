// `npm run cli -- …`: runs the built command line, building it first if this checkout has no build yet
// (a fresh clone would otherwise answer with Node's "Cannot find module").
import { existsSync } from 'node:fs'
import { createRequire } from 'node:module'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'

const cli = resolve(dirname(fileURLToPath(import.meta.url)), '..', 'out', 'cli', 'index.js')
if (!existsSync(cli)) {
  process.stderr.write('b24desk: building the command line first (npm run build builds it with the app)…\n')
  process.env.B24DESK_BUILD_ONLY = 'src/cli'
  await import('./build-cli.mjs')
}
createRequire(import.meta.url)(cli)
