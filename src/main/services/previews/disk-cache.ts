import { mkdirSync, readFileSync, renameSync, rmSync, statSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'

export interface CachedImage {
  bytes: Buffer
  contentType: string
  fetchedAt: number
}

const safe = (s: string) => s.replace(/[^A-Za-z0-9_-]/g, '_').slice(0, 100) || '_'

/**
 * Preview images on disk under the data directory, one folder per portal. Only the image bytes and
 * their type are kept, never the URL they came from (portal URLs may carry tokens).
 */
export const createPreviewDiskCache = (root: string) => {
  const dirOf = (portalId: string) => join(root, safe(portalId))
  const fileOf = (portalId: string, key: string) => join(dirOf(portalId), safe(key))

  return {
    read(portalId: string, key: string): CachedImage | null {
      const file = fileOf(portalId, key)
      try {
        const meta = JSON.parse(readFileSync(`${file}.json`, 'utf8')) as { contentType: string }
        const bytes = readFileSync(`${file}.img`)
        return { bytes, contentType: meta.contentType, fetchedAt: statSync(`${file}.img`).mtimeMs }
      } catch {
        return null
      }
    },
    write(portalId: string, key: string, image: { bytes: Buffer; contentType: string }): void {
      mkdirSync(dirOf(portalId), { recursive: true, mode: 0o700 })
      const file = fileOf(portalId, key)
      // Write then rename, so a reader (the app or the CLI) never sees half an image.
      writeFileSync(`${file}.img.tmp`, image.bytes, { mode: 0o600 })
      renameSync(`${file}.img.tmp`, `${file}.img`)
      writeFileSync(`${file}.json`, JSON.stringify({ contentType: image.contentType }), { mode: 0o600 })
    },
    forget(portalId: string): void {
      rmSync(dirOf(portalId), { recursive: true, force: true })
    }
  }
}
