import { requiredFlag, stringFlag } from '../args'
import type { CliCommand } from '../command'
import { pt } from './portal-texts.messages'
import { limitsOf, credentialsOf, showTrustedCa, credentialsHelp, credentialOptions } from './portal-common'

export const portalAddCommand: CliCommand = {
  name: 'portal add',
  summary: () => pt('check credentials with the portal'),
  usage:
    '--name NAME (--webhook URL|- | --oauth-portal URL --client-id ID --client-secret S|- --access-token T|- --refresh-token R|- [--oauth-server URL]) [--ca FILE] [--limits standard|enterprise|self-hosted] [--tags a,b] [--color #rrggbb] [--notes TEXT]',
  details: credentialsHelp,
  flags: {
    name: 'string',
    webhook: 'string',
    ca: 'string',
    limits: 'string',
    'oauth-portal': 'string',
    'client-id': 'string',
    'client-secret': 'string',
    'access-token': 'string',
    'refresh-token': 'string',
    'oauth-server': 'string',
    tags: 'string',
    color: 'string',
    notes: 'string'
  },
  inputOptions: {
    ...credentialOptions,
    'meta.name': '--name',
    'meta.limits': '--limits',
    'meta.tags': '--tags',
    'meta.color': '--color',
    'meta.notes': '--notes'
  },
  async run(args, ctx) {
    const credentials = await credentialsOf(args, ctx)
    const meta = {
      name: requiredFlag(args, 'name'),
      limits: limitsOf(args),
      tags: (stringFlag(args, 'tags') ?? '')
        .split(',')
        .map((t) => t.trim())
        .filter(Boolean),
      color: stringFlag(args, 'color') ?? null,
      notes: stringFlag(args, 'notes') ?? ''
    }
    // No keychain means nothing can be added: say so before the data folder or database is created.
    await ctx.assertKeychain()
    showTrustedCa(ctx, credentials)
    // The answer carries the report of the check made before saving. Checking again would reuse
    // the original OAuth tokens, which that check may already have refreshed and so spent.
    const { connection: report, ...portal } = await ctx.invoke('portals:add', { meta, credentials })
    ctx.print({ portal, connection: report ?? null }, () => {
      const added = { name: portal.name, host: portal.host }
      if (!report) return pt('added portal name host', added)
      const missing = [!report.landing && 'landing', !report.crm && 'crm'].filter(Boolean)
      return (
        pt('added portal name host acting', {
          ...added,
          user: report.user.name,
          id: report.user.id,
          admin: report.user.admin ? pt('administrator') : ''
        }) +
        pt('scopes scopes', { scopes: report.scopes.join(', ') || '—' }) +
        (missing.length ? pt('warning the credentials lack the', { scopes: missing.join(pt('and')) }) : '')
      )
    })
  }
}
