export { createSnapshotsService } from './service'
export type { SnapshotHandlers, SnapshotOutbox, SnapshotsDeps, SnapshotsService } from './service'
