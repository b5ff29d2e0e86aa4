import { readdirSync, readFileSync, statSync, writeFileSync } from 'node:fs'
import { release as osRelease } from 'node:os'
import { join } from 'node:path'
import type { AppInfo } from '../../../shared/ipc/contract'
import type { Handlers } from '../../../shared/ipc/handlers'
import type { DesktopSettings, UpdateState } from '../../../shared/domain/desktop'
import type { OutboxView, OperationState } from '../../../shared/domain/outbox'
import type { PortalSummary } from '../../../shared/domain/portal'
import { redactSecrets } from '../bitrix/redact'
import { makeTarGz, type ArchiveEntry } from './tar'
import { LOG_FILE, LOG_DIR } from '../app/log-file'

/** How many of the last log lines go into the archive. */
export const DIAGNOSTICS_LOG_LINES = 500

export interface DiagnosticsFacts {
  info: AppInfo
  /** process.versions: Electron, Chromium, Node, V8. */
  versions: Record<string, string | undefined>
  arch: string
  osRelease: string
  settings: DesktopSettings
  /** Where updates stand: mode, the policy file that locks it, the last error. */
  updates?: UpdateState
  portals: PortalSummary[]
  outbox: OutboxView
  /** Where crashReporter keeps its dumps (they stay there: a dump holds memory, and memory holds secrets). */
  crashDumpsDir?: string
}

const lastLines = (dataDir: string, n: number): string[] => {
  const lines: string[] = []
  for (const file of [`${LOG_FILE}.1`, LOG_FILE]) {
    try {
      lines.push(
        ...readFileSync(join(dataDir, LOG_DIR, file), 'utf8')
          .split('\n')
          .filter(Boolean)
      )
    } catch {
      // No log yet.
    }
  }
  return lines.slice(-n)
}

const crashDumps = (dir: string | undefined) => {
  if (!dir) return []
  const found: Array<{ name: string; size: number; at: string }> = []
  const walk = (d: string, depth: number) => {
    let names: string[]
    try {
      names = readdirSync(d)
    } catch {
      return
    }
    for (const name of names) {
      const p = join(d, name)
      try {
        const st = statSync(p)
        if (st.isDirectory() && depth < 3) walk(p, depth + 1)
        else if (name.endsWith('.dmp')) found.push({ name, size: st.size, at: st.mtime.toISOString() })
      } catch {
        // Gone meanwhile.
      }
    }
  }
  walk(dir, 0)
  return found
}

const json = (value: unknown) => redactSecrets(JSON.stringify(value, null, 2)) + '\n'

/**
 * The support archive: versions, platform, settings, outbox counts, the portals' shape (never
 * their credentials or notes), the last log lines and which crash dumps exist. Every file passes
 * the log redaction; nothing is sent anywhere.
 */
export const diagnosticsEntries = (facts: DiagnosticsFacts, now: number): ArchiveEntry[] => {
  const totals: Partial<Record<OperationState, number>> = {}
  for (const j of facts.outbox.jobs) {
    for (const [state, n] of Object.entries(j.counts)) {
      totals[state as OperationState] = (totals[state as OperationState] ?? 0) + n
    }
  }
  return [
    {
      name: 'about.json',
      content: json({
        createdAt: new Date(now).toISOString(),
        app: facts.info.name,
        version: facts.info.version,
        platform: facts.info.platform,
        arch: facts.arch,
        osRelease: facts.osRelease,
        versions: facts.versions,
        dataDirHealthy: facts.info.dataDirHealthy,
        dataDirError: facts.info.dataDirError
      })
    },
    { name: 'settings.json', content: json({ ...facts.settings, updateState: facts.updates ?? null }) },
    {
      name: 'portals.json',
      content: json(
        facts.portals.map((p) => ({
          id: p.id,
          host: p.host,
          authKind: p.authKind,
          limits: p.limits,
          demo: p.demo,
          health: p.health.state,
          lastSyncAt: p.lastSyncAt,
          maxInFlight: p.maxInFlight
        }))
      )
    },
    {
      name: 'outbox.json',
      content: json({
        jobs: facts.outbox.jobs.length,
        unfinishedJobs: facts.outbox.jobs.filter((j) => j.state !== 'finished').length,
        operations: totals,
        lanes: facts.outbox.lanes.map((l) => ({
          portalId: l.portalId,
          state: l.state,
          counts: l.counts,
          inFlight: l.inFlight,
          window: l.window,
          reason: l.reason
        }))
      })
    },
    {
      name: 'log.txt',
      content: lastLines(facts.info.dataDir, DIAGNOSTICS_LOG_LINES).map(redactSecrets).join('\n') + '\n'
    },
    { name: 'crash-dumps.json', content: json(crashDumps(facts.crashDumpsDir)) }
  ]
}

export const diagnosticsArchive = (facts: DiagnosticsFacts, now: number): Buffer =>
  makeTarGz(diagnosticsEntries(facts, now), now)

/** The suggested file name: b24desk-diagnostics-2026-12-07T21-10.tar.gz */
export const diagnosticsFileName = (now: number) =>
  `b24desk-diagnostics-${new Date(now).toISOString().slice(0, 16).replace(/:/g, '-')}.tar.gz`

/** Where Electron's crashReporter keeps dumps when userData is the data folder (app.getPath('crashDumps')). */
export const crashDumpsDirOf = (dataDir: string) => join(dataDir, 'Crashpad')

type FactSources = Pick<
  Handlers,
  'app:info' | 'portals:list' | 'outbox:view' | 'settings:get' | 'updates:state'
>

/** Gathers the facts through the same handlers the window and the command line use. */
export const gatherDiagnostics = async (
  handlers: FactSources,
  crashDumpsDir: string | undefined
): Promise<DiagnosticsFacts> => ({
  info: await handlers['app:info'](undefined),
  versions: { ...process.versions },
  arch: process.arch,
  osRelease: osRelease(),
  settings: await handlers['settings:get'](undefined),
  updates: await handlers['updates:state'](undefined),
  portals: await handlers['portals:list'](undefined),
  outbox: await handlers['outbox:view'](undefined),
  crashDumpsDir
})

/** Writes the archive readable by the user only. */
export const saveDiagnostics = async (
  handlers: FactSources,
  file: string,
  crashDumpsDir?: string,
  now = Date.now()
) => {
  const archive = diagnosticsArchive(await gatherDiagnostics(handlers, crashDumpsDir), now)
  writeFileSync(file, archive, { mode: 0o600 })
  return { file, bytes: archive.length }
}
