import type { LandingScope } from '../../../shared/domain/catalog'
import { budgetKey, methodFor } from './commands'
import type { OperatingBudget } from './pacer'
import type { QueuedOperation } from './store'

/** Operations on one object compete: never two of them on the wire, and never the newer first. */
export const targetOf = (op: Pick<QueuedOperation, 'kind' | 'targetId'>): string =>
  `${op.kind}:${op.targetId}`

export interface BatchChoiceInput {
  /** Queued operations, oldest first. */
  candidates: readonly QueuedOperation[]
  /** Read only: what each method may still spend. */
  budget: OperatingBudget
  now: number
  /** Commands this batch may hold (the portal's batch limit, or less to share the work between requests). */
  maxCommands: number
  /** While the budget is what holds a method back, wait until this many of its commands fit instead of sending a trickle. */
  minBudgetBatch: number
  /** Targets with an operation on the wire now (see targetOf). */
  busyTargets: ReadonlySet<string>
  /**
   * The site whose tree an operation acts on (a site's own id; a page's or folder's site as the
   * catalog knows it; undefined when not known). Without it the site-tree rule is not applied.
   */
  siteOf?: (op: QueuedOperation) => number | undefined
}

export interface BatchChoice {
  ops: QueuedOperation[]
  /** Their landing scope (documents: ''). */
  scope: LandingScope | null
  /** When nothing could be chosen: when the budget frees up enough (or a while from now). */
  wakeAt: number
  heldMethod: string | null
  /** Operations that could go now or later, not counting targets already on the wire. */
  eligible: number
}

/** An idle lane re-checks this often anyway (clock ms). */
const RECHECK_MS = 60_000

const methodOf = (op: QueuedOperation): string => budgetKey(methodFor(op.kind, op.action))

const upward = (op: QueuedOperation): boolean => op.action === 'publish' || op.action === 'link-on'

/** What a batch already holds on each site's tree, so the request caches cannot mislead the server. */
class SiteTrees {
  private readonly direction = new Map<number, boolean>()
  /** Directions of operations whose site is not known (they may be on any tree). */
  private readonly unknown = new Set<boolean>()

  constructor(private readonly siteOf: (op: QueuedOperation) => number | undefined) {}

  /** Whether `op` may join the batch after what it holds. */
  fits(op: QueuedOperation): boolean {
    if (op.kind === 'document') return true
    const up = upward(op)
    if (this.unknown.has(!up)) return false
    const site = this.siteOf(op)
    if (site === undefined) {
      if ([...this.direction.values()].some((d) => d !== up)) return false
      if (op.kind === 'folder' && (this.direction.size > 0 || this.unknown.size > 0)) return false
      return true
    }
    const d = this.direction.get(site)
    if (d !== undefined && d !== up) return false
    if (op.kind === 'folder' && (d !== undefined || this.unknown.size > 0)) return false
    return true
  }

  add(op: QueuedOperation): void {
    if (op.kind === 'document') return
    const site = this.siteOf(op)
    if (site === undefined) this.unknown.add(upward(op))
    else this.direction.set(site, upward(op))
  }
}

/**
 * The operations of the next batch, oldest first, under four rules:
 *
 * - Per object, only its oldest queued operation may go, and only when nothing on that object is on
 *   the wire: a newer intent must never overtake an older one, even when the older is held back by
 *   the budget of its method.
 * - One landing scope per batch: the portal keeps the scope of one command for the commands after it
 *   in the same request (docs/bitrix24.md#sticky-scope), so mixing scopes fails or, worse, acts on
 *   the wrong object. Documents carry no scope and travel with the default ('') scope.
 * - Each method's operating-time budget (pacer.ts): only as many commands as it allows now. A
 *   method the budget holds back is left out while only a handful of its commands fit: sending them
 *   one by one would spend requests for nothing.
 * - One direction per site tree, and no folder operation after another operation on its site: the
 *   server caches folder states per site and the sites it activated for the whole request
 *   (bitrix-core-business `modules/landing/lib/folder.php` `getBreadCrumbs`, `lib/mutator.php`), so a
 *   page publication followed by its folder's unpublication answers `true` twice and leaves the
 *   folder live, and a page publication after its site's unpublication leaves the site offline. An
 *   operation whose site is not known is kept apart from every other direction and every folder.
 * - At most `maxCommands`.
 */
export const chooseBatch = (input: BatchChoiceInput): BatchChoice => {
  const seen = new Set<string>()
  const eligible: QueuedOperation[] = []
  for (const op of input.candidates) {
    const t = targetOf(op)
    if (seen.has(t)) continue
    seen.add(t)
    if (!input.busyTargets.has(t)) eligible.push(op)
  }
  // A method left out for the budget may have fixed the scope; the others then get their turn.
  const excluded = new Set<string>()
  let wakeAt = Infinity
  let heldMethod: string | null = null
  for (;;) {
    const r = attempt(input, eligible, excluded)
    if (r.wakeAt < wakeAt) {
      wakeAt = r.wakeAt
      heldMethod = r.heldMethod
    }
    if (r.ops.length > 0 || r.dropped.length === 0) {
      return {
        ops: r.ops,
        scope: r.ops.length > 0 ? r.ops[0].scope : null,
        wakeAt: Number.isFinite(wakeAt) ? wakeAt : input.now + RECHECK_MS,
        heldMethod,
        eligible: eligible.length
      }
    }
    for (const m of r.dropped) excluded.add(m)
  }
}

const attempt = (
  input: BatchChoiceInput,
  eligible: readonly QueuedOperation[],
  excluded: ReadonlySet<string>
): { ops: QueuedOperation[]; wakeAt: number; heldMethod: string | null; dropped: string[] } => {
  const { budget, now, maxCommands } = input
  const allowance = new Map<string, number>()
  const allowed = (m: string): number => {
    let a = allowance.get(m)
    if (a === undefined) {
      a = budget.allowance(m, now)
      allowance.set(m, a)
    }
    return a
  }
  let scope: LandingScope | null = null
  const trees = input.siteOf ? new SiteTrees(input.siteOf) : null
  const waiting = new Map<string, number>()
  const picked = new Map<string, QueuedOperation[]>()
  let total = 0
  for (const op of eligible) {
    const m = methodOf(op)
    if (excluded.has(m)) continue
    if (scope !== null && op.scope !== scope) continue
    if (trees && !trees.fits(op)) continue
    waiting.set(m, (waiting.get(m) ?? 0) + 1)
    if (total >= maxCommands) continue
    const a = allowed(m)
    if (a <= 0) continue
    allowance.set(m, a - 1)
    trees?.add(op)
    picked.set(m, [...(picked.get(m) ?? []), op])
    total++
    scope ??= op.scope
  }
  let wakeAt = Infinity
  let heldMethod: string | null = null
  const dropped: string[] = []
  for (const [m, count] of waiting) {
    const got = picked.get(m)?.length ?? 0
    const held = got < count && (allowance.get(m) ?? 1) <= 0
    if (!held) continue
    const want = Math.min(count, input.minBudgetBatch, maxCommands)
    if (got > 0 && got < want && budget.observed(m)) {
      picked.delete(m)
      dropped.push(m)
    }
    if (got < want || got === 0) {
      const at = budget.freeAt(m, now, want)
      if (at < wakeAt) {
        wakeAt = at
        heldMethod = m
      }
    }
  }
  const chosen = new Set([...picked.values()].flat())
  return { ops: eligible.filter((o) => chosen.has(o)), wakeAt, heldMethod, dropped }
}

export interface BatchSizeInput {
  /** Operations of the lane waiting to go (at least; the lane looks at a few hundred at a time). */
  remaining: number
  /** Processing seconds per command, as the budget estimates them. */
  estimateSec: number
  /** Requests the lane may have in flight now. */
  window: number
  /** Requests each batch costs, its read-back included. */
  requestsPerBatch: number
  /** Requests the rate bucket takes now without waiting, and what it drains per second. */
  room: number
  drainPerSecond: number
  /** The portal's batch limit (50, or less after a refusal). */
  limit: number
  /**
   * Work a batch carries at least (seconds): below about a round trip's worth, smaller batches buy
   * nothing and cost requests. Default 1.
   */
  minBatchSeconds?: number
  /**
   * The window is still growing from one (slow start): short batches then, at most this much work
   * (seconds), so answers come back soon and the window reaches what the portal takes quickly.
   */
  growingBatchSeconds?: number
}

/**
 * How many commands the next batch should carry: the fewest that lets the remaining work finish
 * within the requests the rate bucket will allow meanwhile. Smaller batches share the work better
 * between the requests in flight, so the last ones end together, and give the window earlier
 * answers to grow on; but each batch costs requests (its read-back too), and the portal only takes
 * `room` now and `drainPerSecond` after. With W seconds of work left at `window` requests in
 * flight, about room + drain x W / window requests are available, which sets the size; and a
 * batch carries at least `minBatchSeconds` of work.
 */
export const batchSizeFor = (b: BatchSizeInput): number => {
  const remaining = Math.max(1, b.remaining)
  const inFlight = Math.max(1, b.window)
  const seconds = (remaining * Math.max(0.001, b.estimateSec)) / inFlight
  // A fifth kept back: read-backs of the last batches come after them, and estimates vary.
  const available = Math.max(1, 0.8 * (b.room + Math.max(0.1, b.drainPerSecond) * seconds))
  const size = Math.ceil((remaining * Math.max(1, b.requestsPerBatch)) / available)
  const perCommand = Math.max(0.001, b.estimateSec)
  const floor = Math.ceil((b.minBatchSeconds ?? 1) / perCommand)
  const cap =
    b.growingBatchSeconds !== undefined
      ? Math.max(1, Math.floor(b.growingBatchSeconds / perCommand))
      : b.limit
  return Math.max(1, Math.min(b.limit, cap, Math.max(size, floor)))
}

export interface SpreadInput {
  /** Operations of the lane waiting to go (all of them: the lane knows it saw every one). */
  remaining: number
  /** Commands still to run in the batches on the wire (their estimated work left, in commands). */
  onWire: number
  /** Requests the lane may have in flight now, and how many of them are free (this batch's included). */
  window: number
  free: number
  /** The portal's batch limit (50, or less after a refusal). */
  limit: number
}

/** Rounds of the window a job may take and still be split evenly; beyond that, batchSizeFor sizes. */
export const SPREAD_ROUNDS = 2

/**
 * A short job split across the window from its first request: the work left (queued and on the
 * wire) shared evenly between the window's slots in the fewest rounds the batch limit allows, so
 * every slot has work at once and the last batches end together, instead of one large batch that
 * must come back before the others go, or a tail of small ones. Null when the job takes more than
 * SPREAD_ROUNDS rounds: its tail is then a small part of it, and batchSizeFor's smaller batches
 * (earlier answers, within the rate) serve better.
 */
export const spreadBatchSize = (s: SpreadInput): number | null => {
  const window = Math.max(1, Math.floor(s.window))
  const limit = Math.max(1, s.limit)
  const work = Math.max(0, s.remaining) + Math.max(0, s.onWire)
  if (s.remaining <= 0) return null
  const rounds = Math.ceil(work / (window * limit))
  if (rounds > SPREAD_ROUNDS) return null
  const share = Math.min(limit, s.remaining, Math.ceil(work / (window * rounds)))
  // Batches sent a moment ago already count a little less: the share rounds down, and a few
  // commands would be left for a round of their own. Everything left goes in the free slots now
  // when that is within a quarter of the share.
  const free = Math.max(1, Math.min(window, Math.floor(s.free)))
  const now = Math.ceil(s.remaining / free)
  const even = s.remaining <= free * limit && now <= share + Math.ceil(share / 4) ? now : share
  return Math.max(1, even)
}
