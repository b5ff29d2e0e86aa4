import { AppError } from '../errors'
import { localize } from '../app/language'
import { messages } from './messages'

export const KEYCHAIN_SERVICE = 'B24 Desk'

/** The OS keychain, one entry per portal (account = portal id). */
export interface SecretStore {
  get(account: string): Promise<string | null>
  set(account: string, secret: string): Promise<void>
  delete(account: string): Promise<boolean>
}

export const keychainUnavailable = (cause?: unknown): AppError =>
  new AppError('KEYCHAIN_UNAVAILABLE', localize(messages.keychainUnavailable), {
    category: 'permanent',
    details: { reason: cause instanceof Error ? cause.message.slice(0, 200) : undefined }
  })

/** The account of the availability check: a keychain that can answer for it can store secrets. */
const PROBE_ACCOUNT = 'b24desk-keychain-check'

/** Throws KEYCHAIN_UNAVAILABLE unless the keychain answers; reads one entry, writes nothing anywhere. */
export const assertKeychain = async (store: SecretStore): Promise<void> => {
  try {
    await store.get(PROBE_ACCOUNT)
  } catch (err) {
    throw err instanceof AppError && err.code === 'KEYCHAIN_UNAVAILABLE' ? err : keychainUnavailable(err)
  }
}

type Keytar = typeof import('keytar')

const TIMEOUT_MS = 10_000

/** A keychain that does not answer (a locked keyring waiting for a prompt nobody sees) counts as missing. */
const withTimeout = <T>(p: Promise<T>): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const t = setTimeout(() => reject(new Error('The keychain did not answer in time')), TIMEOUT_MS)
    t.unref?.()
    p.then(
      (v) => {
        clearTimeout(t)
        resolve(v)
      },
      (e: unknown) => {
        clearTimeout(t)
        reject(e instanceof Error ? e : new Error(String(e)))
      }
    )
  })

/**
 * keytar over the OS keychain (Secret Service, macOS Keychain, Windows Credential Vault). Loaded on
 * first use so a machine without the native module or a keyring still starts; every failure
 * becomes KEYCHAIN_UNAVAILABLE and there is deliberately no plain-text fallback.
 */
export const createKeychainStore = (service: string = KEYCHAIN_SERVICE): SecretStore => {
  let loaded: Promise<Keytar> | null = null
  const keytar = (): Promise<Keytar> => {
    loaded ??= import('keytar').then((m) => ((m as { default?: Keytar }).default ?? m) as Keytar)
    return loaded
  }
  const run = async <T>(fn: (k: Keytar) => Promise<T>): Promise<T> => {
    try {
      return await withTimeout(keytar().then(fn))
    } catch (err) {
      throw keychainUnavailable(err)
    }
  }
  return {
    get: (account) => run((k) => k.getPassword(service, account)),
    set: (account, secret) => run((k) => k.setPassword(service, account, secret)),
    delete: (account) => run((k) => k.deletePassword(service, account))
  }
}
