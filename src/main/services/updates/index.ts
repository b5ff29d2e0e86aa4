// The updates area's door: the update service (checks, downloads, restarts) and the administrator's policy file.
export {
  CHECK_EVERY_MS,
  FIRST_CHECK_MS,
  createUpdateService,
  realTimers,
  releaseNotesText,
  type Timers,
  type UpdateEngine,
  type UpdateService,
  type UpdateServiceDeps
} from './update-service'
export {
  POLICY_FILE,
  parsePolicy,
  policyFileCandidates,
  readUpdatePolicy,
  updateModeSchema,
  type PolicyPlace,
  type UpdateMode,
  type UpdatePolicy
} from './policy'
