import { describe, expect, it } from 'vitest'
import { parsePhpQuery } from './params.ts'
import { encodePng } from './preview-png.ts'
import { inflateSync } from 'node:zlib'

describe('parsePhpQuery', () => {
  it('builds nested objects and lists like PHP parse_str', () => {
    expect(
      parsePhpQuery(
        'params%5Bfilter%5D%5B%3EID%5D=5&params[select][]=ID&params[select][]=TITLE&cmd[0]=a&cmd[1]=b'
      )
    ).toEqual({
      params: { filter: { '>ID': '5' }, select: ['ID', 'TITLE'] },
      cmd: ['a', 'b']
    })
    expect(parsePhpQuery('cmd[x]=scope&halt=1')).toEqual({ cmd: { x: 'scope' }, halt: '1' })
  })
})

describe('encodePng', () => {
  it('writes a decodable RGB image', () => {
    const png = encodePng(2, 2, (x, y) => [x * 255, y * 255, 7])
    expect(png.subarray(0, 8)).toEqual(Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]))
    const idatLen = png.readUInt32BE(33)
    const raw = inflateSync(png.subarray(41, 41 + idatLen))
    expect([...raw]).toEqual([0, 0, 0, 7, 255, 0, 7, 0, 0, 255, 7, 255, 255, 7])
  })
})
