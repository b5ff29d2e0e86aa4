import { readFileSync } from 'node:fs'
import { posix, win32 } from 'node:path'
import { z } from 'zod'

export const updateModeSchema = z.enum(['off', 'manual', 'auto'])
export type UpdateMode = z.infer<typeof updateModeSchema>

/** The policy file's name, in the system's config folder or next to the app. */
export const POLICY_FILE = 'b24desk-policy.yml'

/** What an organisation fixed: the update mode and the feed. */
export interface UpdatePolicy {
  /** The mode the organisation chose; the user's setting is not used while a policy exists. */
  mode: UpdateMode
  /** The generic HTTPS feed to use instead of the one built into the app. */
  feedUrl: string | null
  /** The file the policy came from. */
  source: string
  /** Set when the file could not be read or understood: updates are then off (the lock holds). */
  error: string | null
}

const policySchema = z
  .object({
    update: updateModeSchema,
    feed: z
      .string()
      .url()
      .max(2000)
      .refine((u) => u.startsWith('https://'), 'the feed must be an https:// address')
      .optional()
  })
  .strict()

export interface PolicyPlace {
  platform: NodeJS.Platform
  /** process.execPath: the app's executable. */
  execPath: string
  env: NodeJS.ProcessEnv
}

/**
 * Where the policy file may be, the first found wins: the system's config folder (writable by
 * administrators only), then next to the app (the installation folder; on macOS the folder holding
 * the .app bundle, since a file inside the signed bundle would break its signature).
 */
export const policyFileCandidates = ({ platform, execPath, env }: PolicyPlace): string[] => {
  const { dirname, join } = platform === 'win32' ? win32 : posix
  if (platform === 'win32') {
    const programData = env.ProgramData ?? env.PROGRAMDATA ?? 'C:\\ProgramData'
    return [join(programData, 'B24 Desk', POLICY_FILE), join(dirname(execPath), POLICY_FILE)]
  }
  if (platform === 'darwin') {
    // …/B24 Desk.app/Contents/MacOS/B24 Desk → the folder that holds B24 Desk.app
    const bundle = execPath.split('/Contents/MacOS/')[0]
    return [join('/Library/Application Support/B24 Desk', POLICY_FILE), join(dirname(bundle), POLICY_FILE)]
  }
  return [join('/etc/b24desk', POLICY_FILE), join(dirname(execPath), POLICY_FILE)]
}

/**
 * Reads the policy: `key: value` lines (a YAML subset), `#` comments.
 *
 *     update: manual          # off | manual | auto
 *     feed: https://updates.example.org/b24desk/
 */
export const parsePolicy = (text: string): { update: UpdateMode; feed?: string } => {
  const raw: Record<string, string> = {}
  for (const line of text.split(/\r?\n/)) {
    const content = line.replace(/(^|\s)#.*$/, '').trim()
    if (!content) continue
    const m = /^([A-Za-z]+)\s*:\s*(.*)$/.exec(content)
    if (!m) throw new Error(`cannot read the line "${content.slice(0, 80)}"`)
    raw[m[1]] = m[2].replace(/^(['"])(.*)\1$/, '$2')
  }
  const parsed = policySchema.safeParse(raw)
  if (!parsed.success) {
    throw new Error(parsed.error.issues.map((i) => `${i.path.join('.') || 'file'}: ${i.message}`).join('; '))
  }
  return parsed.data
}

/** The policy in force, or null when no policy file exists. A broken file locks updates off. */
export const readUpdatePolicy = (
  place: PolicyPlace,
  read: (path: string) => string = (p) => readFileSync(p, 'utf8')
): UpdatePolicy | null => {
  for (const source of policyFileCandidates(place)) {
    let text: string
    try {
      text = read(source)
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code === 'ENOENT') continue
      return { mode: 'off', feedUrl: null, source, error: `cannot read ${source}: ${(err as Error).message}` }
    }
    try {
      const p = parsePolicy(text)
      return { mode: p.update, feedUrl: p.feed ?? null, source, error: null }
    } catch (err) {
      return { mode: 'off', feedUrl: null, source, error: `${source}: ${(err as Error).message}` }
    }
  }
  return null
}
