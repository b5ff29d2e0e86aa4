import { deflateSync } from 'node:zlib'

const CRC_TABLE = (() => {
  const t = new Uint32Array(256)
  for (let n = 0; n < 256; n++) {
    let c = n
    for (let k = 0; k < 8; k++) c = c & 1 ? 0xedb88320 ^ (c >>> 1) : c >>> 1
    t[n] = c >>> 0
  }
  return t
})()

function crc32(buf: Buffer): number {
  let c = 0xffffffff
  for (let i = 0; i < buf.length; i++) c = CRC_TABLE[(c ^ buf[i]) & 0xff] ^ (c >>> 8)
  return (c ^ 0xffffffff) >>> 0
}

function chunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4)
  len.writeUInt32BE(data.length)
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data])
  const crc = Buffer.alloc(4)
  crc.writeUInt32BE(crc32(body))
  return Buffer.concat([len, body, crc])
}

type Rgb = [number, number, number]

function hsl(h: number, s: number, l: number): Rgb {
  const a = s * Math.min(l, 1 - l)
  const f = (n: number) => {
    const k = (n + h / 30) % 12
    return Math.round(255 * (l - a * Math.max(-1, Math.min(k - 3, 9 - k, 1))))
  }
  return [f(0), f(8), f(4)]
}

/** Encodes an RGB image (filter 0 on every row). */
export function encodePng(width: number, height: number, pixel: (x: number, y: number) => Rgb): Buffer {
  const raw = Buffer.alloc((width * 3 + 1) * height)
  let o = 0
  for (let y = 0; y < height; y++) {
    raw[o++] = 0
    for (let x = 0; x < width; x++) {
      const [r, g, b] = pixel(x, y)
      raw[o++] = r
      raw[o++] = g
      raw[o++] = b
    }
  }
  const ihdr = Buffer.alloc(13)
  ihdr.writeUInt32BE(width, 0)
  ihdr.writeUInt32BE(height, 4)
  ihdr[8] = 8
  ihdr[9] = 2
  return Buffer.concat([
    Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]),
    chunk('IHDR', ihdr),
    chunk('IDAT', deflateSync(raw)),
    chunk('IEND', Buffer.alloc(0))
  ])
}

/**
 * A mock page screenshot: a header in the site's hue, a hero block, text bars whose lengths
 * depend on the page, so thumbnails in a grid are told apart at a glance.
 */
export function renderPreview(siteId: number, pageId: number): Buffer {
  const hue = (siteId * 67) % 360
  const header = hsl(hue, 0.55, 0.4)
  const hero = hsl((hue + 20) % 360, 0.5, 0.7)
  const bar = hsl(hue, 0.15, 0.78)
  const bg: Rgb = [250, 250, 252]
  const lengths = Array.from({ length: 6 }, (_, i) => 120 + ((pageId * 37 + i * 53) % 170))
  return encodePng(320, 200, (x, y) => {
    if (y < 24) return x > 12 && x < 60 && y > 8 && y < 16 ? [255, 255, 255] : header
    if (y >= 34 && y < 94 && x >= 16 && x < 304) return hero
    for (let i = 0; i < 6; i++) {
      const top = 104 + i * 15
      if (y >= top && y < top + 8 && x >= 16 && x < 16 + lengths[i]) return bar
    }
    return bg
  })
}

export class PreviewCache {
  private readonly cache = new Map<string, Buffer>()

  get(siteId: number, pageId: number): Buffer {
    const key = `${siteId}:${pageId}`
    let png = this.cache.get(key)
    if (!png) {
      png = renderPreview(siteId, pageId)
      this.cache.set(key, png)
    }
    return png
  }

  noPreview(): Buffer {
    let png = this.cache.get('none')
    if (!png) {
      png = encodePng(320, 200, (x, y) => ((x + y) % 24 < 12 ? [230, 230, 234] : [240, 240, 243]))
      this.cache.set('none', png)
    }
    return png
  }
}
