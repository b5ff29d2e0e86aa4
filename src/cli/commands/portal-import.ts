import { readFileSync } from 'node:fs'
import { UsageError } from '../args'
import type { CliCommand } from '../command'
import { readStdin } from '../secrets'
import { pt } from './portal-texts.messages'

export const portalImportCommand: CliCommand = {
  name: 'portal import',
  summary: () => pt('add the portals of a'),
  usage: 'FILE|-',
  details: () => pt('portals whose name is already'),
  async run(args, ctx) {
    const file = args.positionals[0]
    if (!file || args.positionals.length > 1) throw new UsageError(pt('give the file to import'))
    let json: string
    try {
      json = file === '-' ? await readStdin(ctx.io) : readFileSync(file, 'utf8')
    } catch (err) {
      if (err instanceof UsageError) throw err
      throw new UsageError(pt('cannot read file', { file }))
    }
    const added = await ctx.invoke('portals:import', { json })
    ctx.print(added, () =>
      added.length === 0
        ? pt('nothing imported every portal in')
        : pt('imported', {
            count: added.length,
            names: added.map((p) => p.name).join(', ')
          })
    )
  }
}
