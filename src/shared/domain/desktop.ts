import { z } from 'zod'

/** What the updater is doing, as the window shows it. */
export type UpdateStatus =
  'off' | 'idle' | 'checking' | 'none' | 'available' | 'downloading' | 'ready' | 'waiting' | 'error'

export interface UpdateState {
  status: UpdateStatus
  /** off | manual | auto: the policy's when one exists, else the user's setting. */
  mode: 'off' | 'manual' | 'auto'
  /** A policy file fixes the mode (and maybe the feed); its path. */
  lockedBy: string | null
  currentVersion: string
  /** The version offered (available, downloading, ready). */
  version: string | null
  /** Plain text, never HTML. */
  releaseNotes: string | null
  /** 0..100 while downloading. */
  percent: number | null
  error: string | null
  checkedAt: number | null
}

export const notificationKinds = [
  'jobFinished',
  'jobFailed',
  'jobReported',
  'scheduledStarted',
  'maintenance',
  'portalUnreachable'
] as const
export type NotificationKind = (typeof notificationKinds)[number]

export const desktopSettingsSchema = z.object({
  /** Closing the window while work is queued or due within the day: keep running in the tray, or quit. */
  onClose: z.enum(['tray', 'quit']),
  /** Start with the system, hidden in the tray. */
  startAtLogin: z.boolean(),
  /** The user's update mode; a policy file overrides it. */
  updates: z.enum(['off', 'manual', 'auto']),
  notifications: z.object(
    Object.fromEntries(notificationKinds.map((k) => [k, z.boolean()])) as Record<
      NotificationKind,
      z.ZodBoolean
    >
  )
})
export type DesktopSettings = z.infer<typeof desktopSettingsSchema>

export const desktopSettingsPatchSchema = desktopSettingsSchema
  .extend({ notifications: desktopSettingsSchema.shape.notifications.partial().strict() })
  .partial()
  .strict()
export type DesktopSettingsPatch = z.infer<typeof desktopSettingsPatchSchema>

/** What a b24desk:// link opens in the window. */
export type AppTarget =
  | { kind: 'job'; jobId: number }
  | { kind: 'portal'; portalId: string }
  | { kind: 'snapshot'; snapshotId: number }
