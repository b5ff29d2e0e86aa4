/**
 * Text order for the tables: the interface language's collation (case- and accent-blind, digits as
 * numbers). Comparing with Intl.Collator is what makes sorting 20,000 titles take 100 ms at once,
 * a visible pause. So the views hand their texts over when they load (`prepareTextOrder`), and
 * each distinct text gets its rank in collation order, worked out in slices of a few milliseconds
 * between frames; a sort then compares two numbers. Texts without a rank yet (a sort before the
 * ranks are ready, a new title) are compared with the collator, which agrees with the ranks: texts
 * the collator calls equal share a rank.
 */
import i18n from '../../i18n'

const collatorFor = (language: string) => new Intl.Collator(language, { sensitivity: 'base', numeric: true })

/** How long one slice of ranking work may run before it yields to the page. */
const SLICE_MS = 4

let collator = collatorFor(i18n.language || 'en')
let ranks = new Map<string, number>()
/** Every text handed over (kept across language changes, then ranked again); ranked together, so ranks stay comparable. */
let known = new Set<string>()
let generation = 0
let running: Promise<void> | null = null
let again = false

/** A text's rank in collation order, or undefined while it has none (see sort-index.ts). */
export const textRank = (text: string): number | undefined => ranks.get(text)

export const compareText = (a: string, b: string): number => {
  const ra = ranks.get(a)
  if (ra !== undefined) {
    const rb = ranks.get(b)
    if (rb !== undefined) return ra - rb
  }
  return collator.compare(a, b)
}

/**
 * Waits for the page to be idle (no frame due), or for a plain timer where there is no idle
 * callback; answers how long this slice may run.
 */
const nextSlice = (): Promise<() => number> =>
  new Promise((resolve) => {
    if (typeof requestIdleCallback === 'function') {
      requestIdleCallback((deadline) => resolve(() => deadline.timeRemaining()), { timeout: 2_000 })
    } else {
      setTimeout(() => {
        const start = performance.now()
        resolve(() => SLICE_MS - (performance.now() - start))
      }, 0)
    }
  })

/** A merge sort that runs in the page's idle time, a few milliseconds at a time. */
export const sortInSlices = async (
  items: string[],
  cmp: (a: string, b: string) => number
): Promise<string[]> => {
  let remaining = await nextSlice()
  const pause = async () => {
    if (remaining() > 1) return
    remaining = await nextSlice()
  }
  let runs: string[][] = []
  for (let i = 0; i < items.length; i += 128) {
    runs.push(items.slice(i, i + 128).sort(cmp))
    await pause()
  }
  while (runs.length > 1) {
    const merged: string[][] = []
    for (let r = 0; r < runs.length; r += 2) {
      const a = runs[r]
      const b = runs[r + 1]
      if (!b) {
        merged.push(a)
        continue
      }
      const out: string[] = new Array<string>(a.length + b.length)
      let x = 0
      let y = 0
      let k = 0
      while (x < a.length && y < b.length) {
        out[k++] = cmp(a[x], b[y]) <= 0 ? a[x++] : b[y++]
        if ((k & 127) === 0) await pause()
      }
      while (x < a.length) out[k++] = a[x++]
      while (y < b.length) out[k++] = b[y++]
      merged.push(out)
      await pause()
    }
    runs = merged
  }
  return runs[0] ?? []
}

const rankAll = async (): Promise<void> => {
  do {
    again = false
    const gen = generation
    const c = collator
    const order = await sortInSlices([...known], (a, b) => c.compare(a, b))
    if (gen !== generation) {
      again = true // the language changed meanwhile: rank again with its collator
      continue
    }
    const next = new Map<string, number>()
    let rank = 0
    let remaining = await nextSlice()
    for (let i = 0; i < order.length; i++) {
      if (i > 0 && c.compare(order[i - 1], order[i]) !== 0) rank++
      next.set(order[i], rank)
      if ((i & 255) === 0 && remaining() <= 1) remaining = await nextSlice()
    }
    if (gen !== generation) {
      again = true
      continue
    }
    ranks = next
  } while (again)
}

const schedule = (): Promise<void> => {
  if (running) {
    again = true
    return running
  }
  running = rankAll().finally(() => {
    running = null
  })
  return running
}

/**
 * Hands texts a table may sort by to the ranking. Returns when every text handed over so far has
 * its rank (tests wait for it; views need not).
 */
export const prepareTextOrder = (texts: Iterable<string>): Promise<void> => {
  let added = false
  for (const t of texts) {
    if (known.has(t)) continue
    known.add(t)
    added = true
  }
  if (!added) return running ?? Promise.resolve()
  return schedule()
}

i18n.on('languageChanged', (language: string) => {
  collator = collatorFor(language)
  ranks = new Map()
  generation++
  if (known.size > 0) void schedule()
})

/** For tests: forget every rank and text. */
export const resetTextOrder = () => {
  ranks = new Map()
  known = new Set()
  generation++
}
