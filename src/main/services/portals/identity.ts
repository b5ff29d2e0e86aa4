/**
 * Who a portal is (issue 17), recorded with queued work and snapshots: `member:<member_id>` once the
 * portal's member_id is known (OAuth portals: from the first refreshed tokens), else `host:<host>`
 * (webhooks get no member_id: app.info is not open to them).
 */
export const portalIdentity = (host: string, memberId?: string | null): string =>
  memberId ? `member:${memberId}` : `host:${host.toLowerCase()}`

/**
 * True when `recorded` and `current` name different portals. Only identities of one kind compare:
 * work recorded by host before the member_id was learned cannot tell, and is not held.
 */
export const identityDiffers = (
  recorded: string | null | undefined,
  current: string | null | undefined
): boolean => {
  if (!recorded || !current || recorded === current) return false
  const kind = (s: string) => s.slice(0, s.indexOf(':') + 1)
  return kind(recorded) === kind(current)
}

/** An identity as a person reads it: "member_id abc…" or the host. */
export const describeIdentity = (identity: string): string =>
  identity.startsWith('member:')
    ? `member_id ${identity.slice('member:'.length)}`
    : identity.replace(/^host:/, '')
