import type { Action, TargetKind } from '../../../shared/domain/outbox'
import type { LandingScope } from '../../../shared/domain/catalog'
import type { BatchCommand, BatchItemResult } from '../bitrix/types'
import type { OperationError } from './store'

export type { OperationError } from './store'

/**
 * An operation whose command the portal answered without an error. It is not done yet: the portal is
 * the truth, so the lane asks the verifier to read back what it touched before committing a verdict.
 */
export interface AnsweredOperation {
  id: number
  jobId: number
  kind: TargetKind
  targetId: number
  scope: LandingScope
  action: Action
  label: string | null
  /** The portal's own confirmation: `true` (pages, folders), the site id (sites), a publicUrl answer (documents). */
  confirmed: boolean
  result: unknown
  /** The portal refused the command for good: the verdict is `failed` with this error and what the portal now shows. */
  error?: OperationError
}

/**
 * Sends one batch of read commands (all of one landing scope, at most 50) through the lane's pacing
 * (rate bucket, operating budget, in-flight slots) and counts it in stats.readbackRequests.
 */
export interface ReadbackPort {
  send(commands: BatchCommand[]): Promise<BatchItemResult[]>
}

export type Verdict =
  { id: number; kind: 'done' } | { id: number; kind: 'mismatch' | 'failed'; error: OperationError }

/** Reads back what a batch touched and says, per answered operation, whether the portal shows the intent. */
export type Verify = (
  portalId: string,
  answered: readonly AnsweredOperation[],
  port: ReadbackPort,
  /** Objects (`kind:id`) other operations have on the wire: their changes are theirs, not side effects. */
  inFlight?: ReadonlySet<string>
) => Promise<Verdict[]>
