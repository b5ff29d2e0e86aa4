import { getLanguage, localize, type Text } from '../main/services/app/language'

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')

interface Compiled {
  text: Text
  patterns: RegExp[]
  names: string[]
}

/** Every written form of a text: the text itself, or each plural form of a counted one. */
const formsOf = (text: Text): string[] =>
  (['en', 'ru'] as const).flatMap((lang) => {
    const m = text[lang]
    return typeof m === 'string' ? [m] : Object.values(m).filter((f): f is string => f !== undefined)
  })

const compile = (text: Text): Compiled => {
  const names: string[] = []
  const patterns = formsOf(text).map((form) => {
    const parts = form.split(/\{(\w+)\}/g)
    const seen = new Set<string>()
    let source = ''
    parts.forEach((part, i) => {
      if (i % 2 === 0) source += escape(part).replace(/[{}]/g, '\\$&')
      else {
        if (!names.includes(part)) names.push(part)
        // A value named twice is the same value twice.
        source += seen.has(part) ? `\\k<${part}>` : `(?<${part}>[\\s\\S]*?)`
        seen.add(part)
      }
    })
    return new RegExp(`^${source}$`)
  })
  return { text, patterns, names }
}

/**
 * Texts main stored while another language was on (a failure reason written by the desktop app in
 * English, read from a Russian terminal): a stored text that matches one of `templates` in either
 * language is said again in the current one, its values kept. Anything else is returned as stored.
 */
export const relocalizer = (templates: readonly Text[]) => {
  const compiled = templates.map(compile)
  const again = (stored: string, depth = 0): string => {
    for (const c of compiled) {
      const own = c.text[getLanguage()]
      if (typeof own === 'string' ? stored === own : Object.values(own).includes(stored)) return stored
      for (const p of c.patterns) {
        const m = p.exec(stored)
        if (!m) continue
        const vars: Record<string, string> = {}
        // A reason that wraps another one ("Gave up after 5 attempts: …") carries it inside.
        for (const n of c.names)
          vars[n] = depth < 2 ? again(m.groups?.[n] ?? '', depth + 1) : (m.groups?.[n] ?? '')
        return localize(c.text, vars)
      }
    }
    return stored
  }
  return (stored: string) => again(stored)
}
