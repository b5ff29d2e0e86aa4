import { defineConfig } from 'vitest/config'
import react from '@vitejs/plugin-react'

export default defineConfig({
  test: {
    projects: [
      {
        test: {
          name: 'node',
          environment: 'node',
          include: ['src/{main,shared,cli,emulator,preload}/**/*.test.ts', 'test/**/*.test.ts'],
          // node:sqlite's ExperimentalWarning is noise in test output (the command line drops it too).
          setupFiles: ['src/main/services/db/quiet-sqlite-warning.ts'],
          testTimeout: 30_000,
          hookTimeout: 60_000,
          pool: 'forks'
        }
      },
      {
        plugins: [react()],
        test: {
          name: 'dom',
          environment: 'jsdom',
          include: ['src/renderer/**/*.test.{ts,tsx}'],
          setupFiles: ['src/renderer/src/test-setup.ts'],
          testTimeout: 30_000
        }
      }
    ]
  }
})
