// Draws the app icon and writes build/icon.png (512x512, Linux and the source for the others),
// build/icon.ico (Windows) and build/icon.icns (macOS). Pure Node, no image tools, so anyone can
// regenerate the icons offline: `node scripts/make-icons.mjs`.
import { mkdirSync, writeFileSync } from 'node:fs'
import { dirname, resolve } from 'node:path'
import { fileURLToPath } from 'node:url'
import { deflateSync } from 'node:zlib'

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..')
const outDir = resolve(root, 'build')

// Signed distance (in units of the icon's side) to a rounded rectangle; negative inside.
const roundedRect = (x, y, x0, y0, x1, y1, r) => {
  const cx = (x0 + x1) / 2
  const cy = (y0 + y1) / 2
  const qx = Math.abs(x - cx) - ((x1 - x0) / 2 - r)
  const qy = Math.abs(y - cy) - ((y1 - y0) / 2 - r)
  return Math.hypot(Math.max(qx, 0), Math.max(qy, 0)) + Math.min(Math.max(qx, qy), 0) - r
}

const circle = (x, y, cx, cy, r) => Math.hypot(x - cx, y - cy) - r

const mix = (a, b, t) => a + (b - a) * t

/**
 * A blue tile holding a white panel with a list of rows, each with a tick: many portals' pages,
 * published in bulk.
 */
const shade = (x, y) => {
  const layers = []
  const tileTop = [59, 170, 247]
  const tileBottom = [22, 101, 206]
  layers.push({
    d: roundedRect(x, y, 0.06, 0.06, 0.94, 0.94, 0.2),
    rgb: tileTop.map((c, i) => mix(c, tileBottom[i], y))
  })
  layers.push({ d: roundedRect(x, y, 0.2, 0.24, 0.8, 0.78, 0.06), rgb: [255, 255, 255] })
  for (const [i, top] of [0.33, 0.46, 0.59].entries()) {
    layers.push({ d: circle(x, y, 0.31, top + 0.035, 0.035), rgb: i === 2 ? [190, 205, 222] : [46, 180, 90] })
    layers.push({
      d: roundedRect(x, y, 0.39, top + 0.01, i === 1 ? 0.62 : 0.7, top + 0.06, 0.025),
      rgb: [120, 144, 170]
    })
  }
  return layers
}

const render = (size) => {
  const pixels = Buffer.alloc(size * size * 4)
  for (let py = 0; py < size; py++) {
    for (let px = 0; px < size; px++) {
      const x = (px + 0.5) / size
      const y = (py + 0.5) / size
      let [r, g, b, a] = [0, 0, 0, 0]
      for (const layer of shade(x, y)) {
        // Coverage from the distance, one pixel wide: anti-aliased edges at every size.
        const cover = Math.min(1, Math.max(0, 0.5 - layer.d * size))
        if (cover === 0) continue
        const outA = cover + a * (1 - cover)
        r = (layer.rgb[0] * cover + r * a * (1 - cover)) / outA
        g = (layer.rgb[1] * cover + g * a * (1 - cover)) / outA
        b = (layer.rgb[2] * cover + b * a * (1 - cover)) / outA
        a = outA
      }
      const o = (py * size + px) * 4
      pixels[o] = Math.round(r)
      pixels[o + 1] = Math.round(g)
      pixels[o + 2] = Math.round(b)
      pixels[o + 3] = Math.round(a * 255)
    }
  }
  return pixels
}

const crcTable = Array.from({ length: 256 }, (_, n) => {
  let c = n
  for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
  return c >>> 0
})
const crc32 = (buf) => {
  let c = 0xffffffff
  for (const byte of buf) c = crcTable[(c ^ byte) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

const chunk = (type, data) => {
  const head = Buffer.alloc(8)
  head.writeUInt32BE(data.length, 0)
  head.write(type, 4, 'ascii')
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(Buffer.concat([head.subarray(4), data])), 0)
  return Buffer.concat([head, data, crc])
}

const png = (size) => {
  const pixels = render(size)
  const raw = Buffer.alloc(size * (size * 4 + 1))
  for (let y = 0; y < size; y++) {
    raw[y * (size * 4 + 1)] = 0
    pixels.copy(raw, y * (size * 4 + 1) + 1, y * size * 4, (y + 1) * size * 4)
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(size, 0)
  ihdr.writeUInt32BE(size, 4)
  ihdr[8] = 8 // bit depth
  ihdr[9] = 6 // RGBA
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw, { level: 9 })),
    chunk('IEND', Buffer.alloc(0))
  ])
}

// ICO with PNG-compressed entries (Windows Vista and later read them); 256 is stored as 0.
const ico = (sizes) => {
  const images = sizes.map((s) => png(s))
  const header = Buffer.alloc(6)
  header.writeUInt16LE(1, 2)
  header.writeUInt16LE(images.length, 4)
  let offset = 6 + 16 * images.length
  const entries = images.map((img, i) => {
    const e = Buffer.alloc(16)
    e[0] = sizes[i] >= 256 ? 0 : sizes[i]
    e[1] = sizes[i] >= 256 ? 0 : sizes[i]
    e.writeUInt16LE(1, 4) // planes
    e.writeUInt16LE(32, 6) // bits per pixel
    e.writeUInt32LE(img.length, 8)
    e.writeUInt32LE(offset, 12)
    offset += img.length
    return e
  })
  return Buffer.concat([header, ...entries, ...images])
}

// ICNS with PNG entries: ic07 128, ic08 256, ic09 512, ic10 1024 (512@2x).
const icns = () => {
  const parts = [
    ['ic07', 128],
    ['ic08', 256],
    ['ic09', 512],
    ['ic10', 1024]
  ].map(([type, size]) => {
    const data = png(size)
    const head = Buffer.alloc(8)
    head.write(type, 0, 'ascii')
    head.writeUInt32BE(data.length + 8, 4)
    return Buffer.concat([head, data])
  })
  const body = Buffer.concat(parts)
  const head = Buffer.alloc(8)
  head.write('icns', 0, 'ascii')
  head.writeUInt32BE(body.length + 8, 4)
  return Buffer.concat([head, body])
}

mkdirSync(outDir, { recursive: true })
writeFileSync(resolve(outDir, 'icon.png'), png(512))
writeFileSync(resolve(outDir, 'icon.ico'), ico([16, 24, 32, 48, 64, 128, 256]))
writeFileSync(resolve(outDir, 'icon.icns'), icns())
console.log(`icons written to ${outDir}`)
