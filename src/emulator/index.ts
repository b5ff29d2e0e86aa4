export { startEmulator } from './server.ts'
export type {
  Conditions,
  DeniedObjects,
  DocumentSnapshot,
  EmulatedPortal,
  Emulator,
  EmulatorOptions,
  Faults,
  FolderSnapshot,
  OAuthCredentials,
  PageSnapshot,
  PlanName,
  PortalControl,
  PortalOptions,
  PortalStateSnapshot,
  RateConfig,
  RequestLogEntry,
  SeedName,
  SiteSnapshot,
  Transport
} from './types.ts'
