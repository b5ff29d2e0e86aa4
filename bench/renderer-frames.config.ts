import { defineConfig } from '@playwright/test'
// node:sqlite's ExperimentalWarning is noise in the benchmark's output.
import '../src/main/services/db/quiet-sqlite-warning'

/**
 * The renderer frame benchmark: not part of `npm test`. Run after a build with
 *   npm run build && bash scripts/with-keyring.sh npm exec -- playwright test -c bench/renderer-frames.config.ts
 */
export default defineConfig<object, { mode: 'chromium' | 'electron' }>({
  testDir: '.',
  testMatch: 'renderer-frames.bench.ts',
  timeout: 900_000,
  expect: { timeout: 120_000 },
  workers: 1,
  reporter: [['list']],
  projects: [{ name: 'chromium', use: { mode: 'chromium' } }]
})
