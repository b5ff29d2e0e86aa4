import { existsSync, readFileSync, renameSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { PortalData, type DocgenDocument, type Folder, type Page, type Site } from './state.ts'

/**
 * What a portal started with `--data-dir` keeps across restarts: its port and webhook code (so the
 * webhook URL the app stored still works) and its data. The CA lives beside it (tls.ts).
 */
export interface SavedPortal {
  port: number
  webhookCode: string
  data: { sites: Site[]; folders: Folder[]; pages: Page[]; documents: DocgenDocument[] }
}

const FILE = 'portals.json'

export function loadSavedPortals(dataDir: string): Record<string, SavedPortal> {
  const file = join(dataDir, FILE)
  if (!existsSync(file)) return {}
  try {
    const parsed = JSON.parse(readFileSync(file, 'utf8')) as { portals?: Record<string, SavedPortal> }
    return parsed.portals ?? {}
  } catch {
    // A file cut short (the machine went down mid-write) is not worth refusing to start over.
    return {}
  }
}

export function savePortals(dataDir: string, portals: Record<string, SavedPortal>): void {
  const file = join(dataDir, FILE)
  writeFileSync(`${file}.tmp`, JSON.stringify({ version: 1, portals }), { mode: 0o600 })
  renameSync(`${file}.tmp`, file)
}

export function dataOf(d: PortalData): SavedPortal['data'] {
  return { sites: d.sites, folders: d.folders, pages: d.pages, documents: d.documents }
}

export function restoreData(saved: SavedPortal['data']): PortalData {
  const d = new PortalData()
  for (const s of saved.sites) d.addSite(s)
  for (const f of saved.folders) d.addFolder(f)
  for (const p of saved.pages) d.addPage(p)
  for (const doc of saved.documents) d.addDocument(doc)
  return d
}
