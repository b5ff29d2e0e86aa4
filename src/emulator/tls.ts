import { X509Certificate } from 'node:crypto'
import { existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import { generate } from 'selfsigned'

export interface TlsMaterial {
  caCertPem: string
  caCertPath: string
  key: string
  cert: string
}

const DAY_MS = 86_400_000

/**
 * A throwaway CA plus a server certificate it signs, so clients can trust exactly one file
 * (ca.pem) the way they would trust a corporate CA, instead of disabling verification.
 * EC keys keep start-up fast.
 */
export async function makeTlsMaterial(dataDir: string, opts: { reuse?: boolean } = {}): Promise<TlsMaterial> {
  const files = {
    ca: join(dataDir, 'ca.pem'),
    key: join(dataDir, 'server-key.pem'),
    cert: join(dataDir, 'server.pem')
  }
  // The same CA across restarts, so a client that trusts ca.pem keeps trusting the portal.
  if (opts.reuse && existsSync(files.ca) && existsSync(files.key) && existsSync(files.cert)) {
    const cert = readFileSync(files.cert, 'utf8')
    if (Date.parse(new X509Certificate(cert).validTo) > Date.now() + DAY_MS) {
      const caCertPem = readFileSync(files.ca, 'utf8')
      return { caCertPem, caCertPath: files.ca, key: readFileSync(files.key, 'utf8'), cert }
    }
  }
  const notBeforeDate = new Date(Date.now() - DAY_MS)
  const notAfterDate = new Date(Date.now() + 30 * DAY_MS)
  const ca = await generate([{ name: 'commonName', value: 'B24 Desk Emulated Portal CA' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    extensions: [
      { name: 'basicConstraints', cA: true, critical: true },
      { name: 'keyUsage', keyCertSign: true, cRLSign: true, digitalSignature: true, critical: true }
    ]
  })
  const leaf = await generate([{ name: 'commonName', value: 'localhost' }], {
    keyType: 'ec',
    algorithm: 'sha256',
    notBeforeDate,
    notAfterDate,
    ca: { key: ca.private, cert: ca.cert },
    extensions: [
      { name: 'basicConstraints', cA: false },
      { name: 'keyUsage', digitalSignature: true, keyEncipherment: true },
      { name: 'extKeyUsage', serverAuth: true },
      {
        name: 'subjectAltName',
        altNames: [
          { type: 2, value: 'localhost' },
          { type: 7, ip: '127.0.0.1' },
          { type: 7, ip: '::1' }
        ]
      }
    ]
  })
  mkdirSync(dataDir, { recursive: true })
  const caCertPath = files.ca
  writeFileSync(caCertPath, ca.cert)
  if (opts.reuse) {
    writeFileSync(files.key, leaf.private, { mode: 0o600 })
    writeFileSync(files.cert, leaf.cert)
  }
  return { caCertPem: ca.cert, caCertPath, key: leaf.private, cert: leaf.cert }
}
