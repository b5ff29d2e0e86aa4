import type { IncomingMessage, ServerResponse } from 'node:http'
import type { Faults } from './types.ts'

export const defaultFaults = (): Faults => ({
  latencyMs: 0,
  errorRate500: 0,
  htmlErrorRate: 0,
  dropRate: 0,
  hang: false,
  holdAfter: null,
  offline: false
})

export type FaultOutcome = 'none' | 'hang' | 'drop' | 'html' | 'json500'

export const sleep = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms))

const BAD_GATEWAY_HTML =
  '<!DOCTYPE html><html><head><title>502 Bad Gateway</title></head>' +
  '<body><center><h1>502 Bad Gateway</h1></center><hr><center>nginx</center></body></html>'

/**
 * Applies the switchable faults to one request, in the order a client would meet them:
 * a server that never answers, a reset connection, a slow network, then broken answers.
 */
export async function applyFaults(
  faults: Faults,
  req: IncomingMessage,
  res: ServerResponse,
  hanging: Set<ServerResponse>,
  random: () => number = Math.random
): Promise<FaultOutcome> {
  if (faults.hang) {
    hanging.add(res)
    res.on('close', () => hanging.delete(res))
    return 'hang'
  }
  if (faults.dropRate > 0 && random() < faults.dropRate) {
    req.socket.destroy()
    return 'drop'
  }
  if (faults.latencyMs > 0) await sleep(faults.latencyMs)
  if (faults.htmlErrorRate > 0 && random() < faults.htmlErrorRate) {
    res.writeHead(502, {
      'Content-Type': 'text/html; charset=utf-8',
      'Content-Length': Buffer.byteLength(BAD_GATEWAY_HTML)
    })
    res.end(BAD_GATEWAY_HTML)
    return 'html'
  }
  if (faults.errorRate500 > 0 && random() < faults.errorRate500) {
    const body = JSON.stringify({
      error: 'INTERNAL_SERVER_ERROR',
      error_description: 'Internal server error'
    })
    res.writeHead(500, {
      'Content-Type': 'application/json; charset=utf-8',
      'Content-Length': Buffer.byteLength(body)
    })
    res.end(body)
    return 'json500'
  }
  return 'none'
}
