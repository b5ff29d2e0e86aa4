import type { CliCommand } from '../command'
import { pt } from './portal-texts.messages'
import { credentialsOf, showTrustedCa, credentialsHelp, credentialOptions, nameArg } from './portal-common'

export const portalCredentialsCommand: CliCommand = {
  name: 'portal credentials',
  summary: () => pt('check new credentials for a'),
  usage:
    'NAME (--webhook URL|- | --oauth-portal URL --client-id ID --client-secret S|- --access-token T|- --refresh-token R|- [--oauth-server URL]) [--ca FILE]',
  details: credentialsHelp,
  flags: {
    webhook: 'string',
    ca: 'string',
    'oauth-portal': 'string',
    'client-id': 'string',
    'client-secret': 'string',
    'access-token': 'string',
    'refresh-token': 'string',
    'oauth-server': 'string'
  },
  inputOptions: credentialOptions,
  async run(args, ctx) {
    const name = nameArg(args)
    const credentials = await credentialsOf(args, ctx)
    await ctx.assertKeychain()
    showTrustedCa(ctx, credentials)
    const portal = await ctx.portalByName(name)
    const updated = await ctx.invoke('portals:setCredentials', { portalId: portal.id, credentials })
    ctx.print(
      updated,
      pt('stored new credentials for name', {
        name: updated.name,
        host: updated.host,
        state: updated.health.state
      })
    )
  }
}
