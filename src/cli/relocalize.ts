import { getLanguage, localize, type Localized } from '../main/services/app/language'

const escape = (s: string) => s.replace(/[.*+?^$()|[\]\\]/g, '\\$&')

interface Compiled {
  text: Localized
  patterns: RegExp[]
  names: string[]
}

const compile = (text: Localized): Compiled => {
  const names: string[] = []
  const patterns = (['en', 'ru'] as const).map((lang) => {
    const parts = text[lang].split(/\{(\w+)\}/g)
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
export const relocalizer = (templates: readonly Localized[]) => {
  const compiled = templates.map(compile)
  const again = (stored: string, depth = 0): string => {
    for (const c of compiled) {
      if (stored === c.text[getLanguage()]) return stored
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
