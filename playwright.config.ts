import { defineConfig } from '@playwright/test'

// The services under test open SQLite through node:sqlite; its ExperimentalWarning is noise here.
import './src/main/services/db/quiet-sqlite-warning'

/**
 * One set of specs, two ways to start the app: `chromium` runs the built renderer and the real
 * preload in Debian's Chromium, wired to the real main-process services in this Node process;
 * `electron` launches the built app and skips itself (saying why) where no Electron binary exists.
 */
export default defineConfig<object, { mode: 'chromium' | 'electron' }>({
  testDir: 'e2e',
  testMatch: '**/*.spec.ts',
  outputDir: 'test-results',
  timeout: 120_000,
  expect: { timeout: 15_000 },
  fullyParallel: false,
  workers: 1,
  reporter: [['list']],
  projects: [
    { name: 'chromium', use: { mode: 'chromium' } },
    { name: 'electron', use: { mode: 'electron' } }
  ]
})
