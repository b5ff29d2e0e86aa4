/**
 * Who may see and do what, enforced by PostgreSQL itself (issue 21): grants give each kind of member
 * its ceiling, row-level security narrows it to the portals of their groups.
 *
 * - The owner of schema b24desk (the role that ran `workspace init`) and roles granted it administer
 *   the workspace; as owners they are not subject to the policies.
 * - b24desk_member: reads, queues, restores and changes, on the portals of the groups it is a
 *   read-write member of; reads the portals of groups it is a read-only member of.
 * - b24desk_reader: reads only (jobs, snapshots, activity of its groups); it has no INSERT, UPDATE or
 *   DELETE on any table, so the database refuses every change whatever the app does.
 * - The activity log: INSERT and SELECT only, for everybody; a trigger refuses UPDATE, DELETE and
 *   TRUNCATE even to the owner.
 *
 * Group membership is a row in group_members naming a database role; login roles that are members
 * of that role (directly or through other roles) belong to the group.
 */
export const sql = `
DO $$
BEGIN
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'b24desk_member') THEN
    CREATE ROLE b24desk_member NOLOGIN;
  END IF;
  IF NOT EXISTS (SELECT 1 FROM pg_roles WHERE rolname = 'b24desk_reader') THEN
    CREATE ROLE b24desk_reader NOLOGIN;
  END IF;
END
$$;

-- The owner of the schema and roles that have its privileges: the workspace's administrators.
CREATE FUNCTION b24desk.is_admin() RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT coalesce((SELECT pg_has_role(current_user, n.nspowner, 'USAGE')
    FROM pg_namespace n WHERE n.nspname = 'b24desk'), false)
$$;

-- The database roles the current user belongs to (itself included), by name.
CREATE FUNCTION b24desk.my_roles() RETURNS SETOF text LANGUAGE sql STABLE AS $$
  SELECT r.rolname::text FROM pg_roles r WHERE pg_has_role(current_user, r.oid, 'MEMBER')
$$;

-- Groups the current user belongs to; for_writing: only those it is a read-write member of.
CREATE FUNCTION b24desk.my_groups(for_writing boolean) RETURNS SETOF bigint LANGUAGE sql STABLE AS $$
  SELECT DISTINCT m.group_id FROM b24desk.group_members m
  WHERE m.role_name IN (SELECT b24desk.my_roles()) AND (NOT for_writing OR NOT m.read_only)
$$;

-- Portals of those groups.
CREATE FUNCTION b24desk.my_portals(for_writing boolean) RETURNS SETOF text LANGUAGE sql STABLE AS $$
  SELECT p.id FROM b24desk.portals p WHERE p.group_id IN (SELECT b24desk.my_groups(for_writing))
$$;

-- Every portal of a json array of portal ids is one the current user may change.
CREATE FUNCTION b24desk.may_write_all(portal_ids jsonb) RETURNS boolean LANGUAGE sql STABLE AS $$
  SELECT NOT EXISTS (SELECT 1 FROM jsonb_array_elements_text(portal_ids) AS p(id)
    WHERE p.id NOT IN (SELECT b24desk.my_portals(true)))
$$;

-- A row records its own actor: the login role (administrators may record another, e.g. on import).
CREATE FUNCTION b24desk.stamp_actor() RETURNS trigger LANGUAGE plpgsql AS $$
BEGIN
  IF NOT b24desk.is_admin() THEN
    IF TG_OP = 'INSERT' THEN
      NEW.actor := session_user;
    ELSE
      NEW.actor := OLD.actor;
    END IF;
  END IF;
  RETURN NEW;
END
$$;
CREATE TRIGGER jobs_actor BEFORE INSERT OR UPDATE ON b24desk.jobs
  FOR EACH ROW EXECUTE FUNCTION b24desk.stamp_actor();
CREATE TRIGGER snapshots_actor BEFORE INSERT OR UPDATE ON b24desk.snapshots
  FOR EACH ROW EXECUTE FUNCTION b24desk.stamp_actor();
CREATE TRIGGER activity_actor BEFORE INSERT ON b24desk.activity
  FOR EACH ROW EXECUTE FUNCTION b24desk.stamp_actor();

-- Lane leases (issue 21, "one runner per portal, team-wide"). claim_lane answers the fencing token
-- when the caller holds the lane now (it was free, expired, or already the caller's), else NULL;
-- renew_lane answers whether the caller still holds it under that token. RLS applies (invoker's
-- rights): only read-write members of the portal's group can drive it.
CREATE FUNCTION b24desk.claim_lane(p_portal text, p_token text, p_ttl_ms integer) RETURNS bigint
LANGUAGE plpgsql AS $$
DECLARE
  f bigint;
BEGIN
  INSERT INTO b24desk.lane_leases AS l
    (portal_id, holder, workstation, token, fence, acquired_at, heartbeat_at, expires_at)
  VALUES (p_portal, session_user, b24desk.workstation(), p_token, 1, clock_timestamp(), clock_timestamp(),
    clock_timestamp() + p_ttl_ms * interval '1 millisecond')
  ON CONFLICT (portal_id) DO UPDATE SET
    holder = excluded.holder, workstation = excluded.workstation, token = excluded.token,
    fence = CASE WHEN l.token = excluded.token THEN l.fence ELSE l.fence + 1 END,
    acquired_at = CASE WHEN l.token = excluded.token THEN l.acquired_at ELSE excluded.acquired_at END,
    heartbeat_at = excluded.heartbeat_at, expires_at = excluded.expires_at
  WHERE l.token = excluded.token OR l.expires_at < clock_timestamp()
  RETURNING l.fence INTO f;
  RETURN f;
END
$$;

CREATE FUNCTION b24desk.renew_lane(p_portal text, p_token text, p_fence bigint, p_ttl_ms integer)
RETURNS boolean LANGUAGE sql AS $$
  WITH r AS (
    UPDATE b24desk.lane_leases SET heartbeat_at = clock_timestamp(),
      expires_at = clock_timestamp() + p_ttl_ms * interval '1 millisecond'
    WHERE portal_id = p_portal AND token = p_token AND fence = p_fence RETURNING 1)
  SELECT EXISTS (SELECT 1 FROM r)
$$;

CREATE FUNCTION b24desk.release_lane(p_portal text, p_token text) RETURNS void LANGUAGE sql AS $$
  DELETE FROM b24desk.lane_leases WHERE portal_id = p_portal AND token = p_token
$$;

-- Grants: the ceiling of each kind of member. Nothing for PUBLIC.
REVOKE ALL ON SCHEMA b24desk FROM PUBLIC;
REVOKE ALL ON ALL TABLES IN SCHEMA b24desk FROM PUBLIC;
REVOKE ALL ON ALL FUNCTIONS IN SCHEMA b24desk FROM PUBLIC;
GRANT USAGE ON SCHEMA b24desk TO b24desk_member, b24desk_reader;
GRANT SELECT ON ALL TABLES IN SCHEMA b24desk TO b24desk_member, b24desk_reader;
GRANT EXECUTE ON ALL FUNCTIONS IN SCHEMA b24desk TO b24desk_member, b24desk_reader;
GRANT INSERT, UPDATE, DELETE ON b24desk.portals, b24desk.lanes, b24desk.budgets, b24desk.lane_leases,
  b24desk.snapshots, b24desk.snapshot_portals, b24desk.snapshot_restores TO b24desk_member;
GRANT INSERT, UPDATE ON b24desk.jobs, b24desk.operations, b24desk.job_changes TO b24desk_member;
GRANT INSERT ON b24desk.activity TO b24desk_member;
REVOKE UPDATE, DELETE, TRUNCATE ON b24desk.activity FROM b24desk_member, b24desk_reader;

-- Row-level security: members see and change only the portals of their groups.
ALTER TABLE b24desk.groups ENABLE ROW LEVEL SECURITY;
CREATE POLICY groups_read ON b24desk.groups FOR SELECT USING (id IN (SELECT b24desk.my_groups(false)));

ALTER TABLE b24desk.group_members ENABLE ROW LEVEL SECURITY;
CREATE POLICY members_read ON b24desk.group_members FOR SELECT
  USING (role_name IN (SELECT b24desk.my_roles()));

ALTER TABLE b24desk.portals ENABLE ROW LEVEL SECURITY;
CREATE POLICY portals_read ON b24desk.portals FOR SELECT
  USING (group_id IN (SELECT b24desk.my_groups(false)));
CREATE POLICY portals_add ON b24desk.portals FOR INSERT
  WITH CHECK (group_id IN (SELECT b24desk.my_groups(true)));
CREATE POLICY portals_change ON b24desk.portals FOR UPDATE
  USING (group_id IN (SELECT b24desk.my_groups(true)))
  WITH CHECK (group_id IN (SELECT b24desk.my_groups(true)));
CREATE POLICY portals_remove ON b24desk.portals FOR DELETE
  USING (group_id IN (SELECT b24desk.my_groups(true)));

-- A job is seen by whoever may see one of its operations' portals (and by its actor).
ALTER TABLE b24desk.jobs ENABLE ROW LEVEL SECURITY;
CREATE POLICY jobs_read ON b24desk.jobs FOR SELECT
  USING (actor = session_user OR EXISTS (SELECT 1 FROM b24desk.operations o WHERE o.job_id = jobs.id));
CREATE POLICY jobs_add ON b24desk.jobs FOR INSERT
  WITH CHECK (actor = session_user AND EXISTS (SELECT b24desk.my_groups(true)));
CREATE POLICY jobs_change ON b24desk.jobs FOR UPDATE
  USING (actor = session_user OR EXISTS (SELECT 1 FROM b24desk.operations o WHERE o.job_id = jobs.id
    AND o.portal_id IN (SELECT b24desk.my_portals(true))));

ALTER TABLE b24desk.operations ENABLE ROW LEVEL SECURITY;
CREATE POLICY operations_read ON b24desk.operations FOR SELECT
  USING (portal_id IN (SELECT b24desk.my_portals(false)));
CREATE POLICY operations_add ON b24desk.operations FOR INSERT
  WITH CHECK (portal_id IN (SELECT b24desk.my_portals(true)));
CREATE POLICY operations_change ON b24desk.operations FOR UPDATE
  USING (portal_id IN (SELECT b24desk.my_portals(true)))
  WITH CHECK (portal_id IN (SELECT b24desk.my_portals(true)));

ALTER TABLE b24desk.job_changes ENABLE ROW LEVEL SECURITY;
CREATE POLICY job_changes_read ON b24desk.job_changes FOR SELECT
  USING (portal_id IN (SELECT b24desk.my_portals(false)));
CREATE POLICY job_changes_write ON b24desk.job_changes FOR ALL
  USING (portal_id IN (SELECT b24desk.my_portals(true)))
  WITH CHECK (portal_id IN (SELECT b24desk.my_portals(true)));

-- Per-portal state: read by the group, written by its read-write members.
ALTER TABLE b24desk.lanes ENABLE ROW LEVEL SECURITY;
CREATE POLICY lanes_read ON b24desk.lanes FOR SELECT USING (portal_id IN (SELECT b24desk.my_portals(false)));
CREATE POLICY lanes_write ON b24desk.lanes FOR ALL
  USING (portal_id IN (SELECT b24desk.my_portals(true)))
  WITH CHECK (portal_id IN (SELECT b24desk.my_portals(true)));
ALTER TABLE b24desk.budgets ENABLE ROW LEVEL SECURITY;
CREATE POLICY budgets_read ON b24desk.budgets FOR SELECT USING (portal_id IN (SELECT b24desk.my_portals(false)));
CREATE POLICY budgets_write ON b24desk.budgets FOR ALL
  USING (portal_id IN (SELECT b24desk.my_portals(true)))
  WITH CHECK (portal_id IN (SELECT b24desk.my_portals(true)));
ALTER TABLE b24desk.lane_leases ENABLE ROW LEVEL SECURITY;
CREATE POLICY leases_read ON b24desk.lane_leases FOR SELECT USING (portal_id IN (SELECT b24desk.my_portals(false)));
CREATE POLICY leases_write ON b24desk.lane_leases FOR ALL
  USING (portal_id IN (SELECT b24desk.my_portals(true)))
  WITH CHECK (portal_id IN (SELECT b24desk.my_portals(true)));

-- Snapshots (and the maintenance windows they carry) span portals: seen when one of them is the
-- member's, changed only when all are.
ALTER TABLE b24desk.snapshots ENABLE ROW LEVEL SECURITY;
CREATE POLICY snapshots_read ON b24desk.snapshots FOR SELECT
  USING (actor = session_user OR portal_ids ?| ARRAY(SELECT b24desk.my_portals(false)));
CREATE POLICY snapshots_write ON b24desk.snapshots FOR ALL
  USING (b24desk.may_write_all(portal_ids)) WITH CHECK (b24desk.may_write_all(portal_ids));
ALTER TABLE b24desk.snapshot_portals ENABLE ROW LEVEL SECURITY;
CREATE POLICY snapshot_portals_read ON b24desk.snapshot_portals FOR SELECT
  USING (portal_id IN (SELECT b24desk.my_portals(false)));
CREATE POLICY snapshot_portals_write ON b24desk.snapshot_portals FOR ALL
  USING (portal_id IN (SELECT b24desk.my_portals(true)))
  WITH CHECK (portal_id IN (SELECT b24desk.my_portals(true)));
ALTER TABLE b24desk.snapshot_restores ENABLE ROW LEVEL SECURITY;
CREATE POLICY restores_read ON b24desk.snapshot_restores FOR SELECT
  USING (portal_ids ?| ARRAY(SELECT b24desk.my_portals(false)));
CREATE POLICY restores_write ON b24desk.snapshot_restores FOR ALL
  USING (b24desk.may_write_all(portal_ids)) WITH CHECK (b24desk.may_write_all(portal_ids));

-- The activity log: an entry about a portal is seen by the portal's group; one about no portal (or
-- a portal since removed) by its actor and the administrators. Members add entries as themselves.
ALTER TABLE b24desk.activity ENABLE ROW LEVEL SECURITY;
CREATE POLICY activity_read ON b24desk.activity FOR SELECT
  USING (actor = session_user OR portal_id IN (SELECT b24desk.my_portals(false)));
CREATE POLICY activity_add ON b24desk.activity FOR INSERT
  WITH CHECK (actor = session_user AND (portal_id IS NULL OR portal_id IN (SELECT b24desk.my_portals(true))));
`
