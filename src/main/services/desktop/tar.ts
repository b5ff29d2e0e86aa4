import { gunzipSync, gzipSync } from 'node:zlib'

/** One file of an archive. */
export interface ArchiveEntry {
  name: string
  content: string | Buffer
}

const octal = (n: number, width: number) => n.toString(8).padStart(width - 1, '0') + '\0'

const header = (name: string, size: number, mtime: number): Buffer => {
  const h = Buffer.alloc(512)
  h.write(name.slice(0, 99), 0, 'utf8')
  h.write(octal(0o644, 8), 100)
  h.write(octal(0, 8), 108)
  h.write(octal(0, 8), 116)
  h.write(octal(size, 12), 124)
  h.write(octal(Math.floor(mtime / 1000), 12), 136)
  h.write('        ', 148)
  h.write('0', 156)
  h.write('ustar\0', 257)
  h.write('00', 263)
  let sum = 0
  for (const b of h) sum += b
  h.write(octal(sum, 7) + ' ', 148)
  return h
}

/** A .tar.gz any archive tool opens (ustar, regular files only). */
export const makeTarGz = (entries: ArchiveEntry[], mtime: number): Buffer => {
  const parts: Buffer[] = []
  for (const e of entries) {
    const body = typeof e.content === 'string' ? Buffer.from(e.content, 'utf8') : e.content
    parts.push(header(e.name, body.length, mtime), body, Buffer.alloc((512 - (body.length % 512)) % 512))
  }
  parts.push(Buffer.alloc(1024))
  return gzipSync(Buffer.concat(parts))
}

/** Reads back what makeTarGz wrote (for tests and for checking an archive before it is saved). */
export const readTarGz = (archive: Buffer): ArchiveEntry[] => {
  const tar = gunzipSync(archive)
  const out: ArchiveEntry[] = []
  for (let at = 0; at + 512 <= tar.length;) {
    const h = tar.subarray(at, at + 512)
    if (h.every((b) => b === 0)) break
    const name = h.subarray(0, 100).toString('utf8').replace(/\0.*$/s, '')
    const size = parseInt(h.subarray(124, 136).toString('ascii').replace(/\0.*$/s, ''), 8)
    out.push({ name, content: tar.subarray(at + 512, at + 512 + size) })
    at += 512 + Math.ceil(size / 512) * 512
  }
  return out
}
