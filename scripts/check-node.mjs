// npm's `preinstall`: says once which Node the project runs on and why, instead of a dozen
// EBADENGINE warnings (.npmrc keeps npm to errors). It reads the Node that runs npm itself, from
// npm's user agent: inside a script `node` may already be the project's own Node 22.
const agent = process.env.npm_config_user_agent ?? ''
const version = /\bnode\/v(\d+)\.(\d+)/.exec(agent) ?? /^(\d+)\.(\d+)/.exec(process.versions.node)
const major = Number(version?.[1] ?? 0)
if (major !== 22) {
  process.stderr.write(
    `B24 Desk runs on Node 22 (node:sqlite, --experimental-strip-types, Electron 45's Node): npm installs it ` +
      `as a dev dependency (the "node" package) and every npm script uses it, so this Node ${major || '?'} ` +
      `only runs npm. Run tools through npm scripts (npm test, npm run cli -- …), not bare npx.\n`
  )
}
