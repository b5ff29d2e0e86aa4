import { test, expect } from '@playwright/test'
import { spawn } from 'node:child_process'
import { existsSync, mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { ROOT } from './support/fixtures'

const SHELL = join(ROOT, 'out', 'browser-shell', 'index.js')

/** Runs the built `npm run start:browser` entry until it prints `until` (then stops it) or exits. */
const runShell = (env: Record<string, string | undefined>, until?: RegExp) =>
  new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) => {
    const child = spawn(process.execPath, [SHELL], { cwd: ROOT, env: { ...process.env, ...env } })
    let stdout = ''
    let stderr = ''
    child.stdout.on('data', (c: Buffer) => {
      stdout += String(c)
      if (until?.test(stdout)) child.kill('SIGTERM')
    })
    child.stderr.on('data', (c: Buffer) => (stderr += String(c)))
    child.on('close', (code) => resolve({ code, stdout, stderr }))
  })

test.describe('npm run start:browser', () => {
  test.beforeEach(({}, testInfo) => {
    test.skip(
      testInfo.project.name !== 'chromium',
      'the Chromium shell is checked once, in the chromium project'
    )
  })

  test("opens the app's window in the system's Chromium on the data folder, and quits cleanly", async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'b24desk-start-browser-'))
    try {
      const r = await runShell({ B24DESK_HEADLESS: '1', B24DESK_DATA_DIR: dataDir }, /is open in/)
      expect(r.stdout).toContain(`B24 Desk is open in /usr/bin/chromium (data: ${dataDir})`)
      expect(r.stderr).not.toMatch(/\[renderer\]/)
      expect(r.code).toBe(0)
      expect(existsSync(join(dataDir, 'b24desk.sqlite'))).toBe(true)
    } finally {
      rmSync(dataDir, { recursive: true, force: true })
    }
  })

  test('says what is missing instead of failing without a display or a Chromium', async () => {
    const noDisplay = await runShell({ DISPLAY: '', WAYLAND_DISPLAY: '', B24DESK_HEADLESS: '' })
    expect(noDisplay.code).toBe(1)
    expect(noDisplay.stderr).toContain('there is no display to open a window on')
    const noChromium = await runShell({ B24DESK_HEADLESS: '1', B24DESK_CHROMIUM: '/nonexistent/chrome' })
    expect(noChromium.code).toBe(1)
    expect(noChromium.stderr).toContain('no Chromium or Chrome found')
  })
})
