/** What the parts of the snapshot service share: its dependencies, the store, the list as the window sees it, and its refusals. */
import type { SnapshotSummary } from '../../../shared/domain/snapshot'
import { AppError } from '../errors'
import type { SnapshotRecord, SnapshotStore } from './store'
import type { SnapshotsDeps } from './types'

export interface SnapshotsCore {
  deps: SnapshotsDeps
  store: SnapshotStore
  requireSnapshot(id: number): SnapshotRecord
  summary(r: SnapshotRecord): SnapshotSummary
  /** Tells the window the snapshot list changed. */
  announce(): void
}

export const appError = (code: string, message: string, category: 'permanent' | 'transient' = 'permanent') =>
  new AppError(code, message, { category })

export const listNames = (names: string[]): string =>
  names.length > 3 ? `${names.slice(0, 3).join(', ')} +${names.length - 3}` : names.join(', ')
