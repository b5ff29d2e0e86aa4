import type pg from 'pg'
import { connect, parseWorkspaceUrl } from '../connection'
import type { PgCluster } from './pg-cluster'

/** A connection to the test cluster as `user` over its socket (trusted: no password). */
export const connectAs = async (cluster: PgCluster, user: string, database: string): Promise<pg.Client> =>
  connect(parseWorkspaceUrl(cluster.socketUrl(user, database)).target)

/** Runs statements as the cluster's superuser on `database`. */
export const asSuperuser = async (cluster: PgCluster, database: string, ...sql: string[]): Promise<void> => {
  const c = await connectAs(cluster, cluster.superuser, database)
  try {
    for (const s of sql) await c.query(s)
  } finally {
    await c.end()
  }
}

/** A database owned by a login role that may create roles: what a team's DBA sets up first. */
export const createTeamDatabase = async (
  cluster: PgCluster,
  database: string,
  owner: string
): Promise<void> => {
  await asSuperuser(
    cluster,
    'postgres',
    `CREATE ROLE ${owner} LOGIN CREATEROLE PASSWORD 'owner-secret'`,
    `CREATE DATABASE ${database} OWNER ${owner}`
  )
}
