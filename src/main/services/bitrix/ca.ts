import { X509Certificate } from 'node:crypto'
import type { TrustedCaInfo } from '../../../shared/domain/portal'
import { localize, type Localized } from '../app/language'
import { AppError } from '../errors'

const PEM_BLOCK = /-----BEGIN CERTIFICATE-----[A-Za-z0-9+/=\s]+?-----END CERTIFICATE-----/g

const refuse = (code: string, reason: string, text: Localized, vars: Record<string, string> = {}): never => {
  throw new AppError(code, localize(text, vars), { category: 'permanent', details: { reason } })
}

/** "CN=Acme Root CA\nO=Acme" (Node's form) as one line, most specific part first as people read it. */
const oneLine = (dn: string): string =>
  dn
    .split('\n')
    .map((s) => s.trim())
    .filter(Boolean)
    .reverse()
    .join(', ')

const describe = (x: X509Certificate): TrustedCaInfo => ({
  subject: oneLine(x.subject),
  fingerprint256: x.fingerprint256,
  validTo: new Date(x.validTo).toISOString()
})

/** The certificates of a PEM text, parsed; no validation beyond "is a certificate". */
const parseAll = (pem: string): X509Certificate[] => {
  const blocks = pem.match(PEM_BLOCK) ?? []
  if (blocks.length === 0) {
    refuse('CA_INVALID', 'not-pem', {
      en: 'The certificate to trust must be a PEM file (it starts with -----BEGIN CERTIFICATE-----).',
      ru: 'Доверенный сертификат должен быть в формате PEM (начинается с -----BEGIN CERTIFICATE-----).'
    })
  }
  return blocks.map((block, i) => {
    try {
      return new X509Certificate(block)
    } catch {
      return refuse(
        'CA_INVALID',
        'unreadable',
        {
          en: 'Certificate {n} in the PEM text cannot be read: it is damaged or incomplete. Copy it again from its file.',
          ru: 'Сертификат {n} в тексте PEM не читается: он повреждён или неполон. Скопируйте его из файла заново.'
        },
        { n: String(i + 1) }
      )
    }
  })
}

/**
 * Checks a CA certificate given for one portal: every certificate in the PEM must be a CA
 * (basicConstraints CA:TRUE) and valid now. A server's own certificate is refused: trusting it as
 * an authority would be wrong for a leaf, and the portal's real CA is what the person should pin.
 * Throws AppError (CA_INVALID, CA_NOT_CA, CA_EXPIRED, CA_NOT_YET_VALID) with a message to act on.
 */
export const inspectCaPem = (pem: string, now: number = Date.now()): TrustedCaInfo[] =>
  parseAll(pem).map((x) => {
    const info = describe(x)
    if (!x.ca) {
      refuse(
        'CA_NOT_CA',
        'not-ca',
        {
          en: 'The certificate “{subject}” is not a CA certificate (it lacks basicConstraints CA:TRUE), so it cannot be trusted as an authority. Give the certificate of the authority that signed the portal’s certificate. For a self-signed portal certificate, issue one with CA:TRUE.',
          ru: 'Сертификат «{subject}» не является сертификатом CA (нет basicConstraints CA:TRUE), поэтому ему нельзя доверять как центру сертификации. Укажите сертификат центра, который подписал сертификат портала. Если сертификат портала самоподписанный, выпустите его с CA:TRUE.'
        },
        { subject: info.subject }
      )
    }
    if (Date.parse(x.validTo) <= now) {
      refuse(
        'CA_EXPIRED',
        'expired',
        {
          en: 'The CA certificate “{subject}” expired on {date}. Get the current certificate from the portal’s administrator.',
          ru: 'Срок действия сертификата CA «{subject}» истёк {date}. Получите действующий сертификат у администратора портала.'
        },
        { subject: info.subject, date: info.validTo.slice(0, 10) }
      )
    }
    if (Date.parse(x.validFrom) > now) {
      refuse(
        'CA_NOT_YET_VALID',
        'not-yet-valid',
        {
          en: 'The CA certificate “{subject}” is valid only from {date}. Check this computer’s clock, or use the certificate in force today.',
          ru: 'Сертификат CA «{subject}» действует только с {date}. Проверьте часы этого компьютера или используйте сертификат, действующий сегодня.'
        },
        { subject: info.subject, date: new Date(x.validFrom).toISOString().slice(0, 10) }
      )
    }
    return info
  })

/** Subject and fingerprint of whatever certificates a stored PEM holds, for display; never throws. */
export const describeCaPem = (pem: string | null | undefined): TrustedCaInfo[] => {
  if (!pem) return []
  const out: TrustedCaInfo[] = []
  for (const block of pem.match(PEM_BLOCK) ?? []) {
    try {
      out.push(describe(new X509Certificate(block)))
    } catch {
      // A damaged block was refused when it was given; a display must not fail because of it.
    }
  }
  return out
}
