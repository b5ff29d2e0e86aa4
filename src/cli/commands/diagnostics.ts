import { resolve } from 'node:path'
import { localize } from '../../main/services/app/language'
import {
  crashDumpsDirOf,
  diagnosticsFileName,
  saveDiagnostics
} from '../../main/services/desktop/diagnostics'
import { stringFlag } from '../args'
import type { CliCommand } from '../command'

/** b24desk diagnostics [--out FILE]: the same redacted support archive as the app's Help menu. */
export const diagnosticsCommands: CliCommand[] = [
  {
    name: 'diagnostics',
    summary: {
      en: 'save a redacted support archive (versions, settings, outbox counts, last log lines)',
      ru: 'сохранить архив для поддержки без секретов (версии, настройки, очередь, последние строки журнала)'
    },
    usage: '[--out FILE]',
    details: {
      en: 'Nothing is sent anywhere: attach the file to a support request yourself.',
      ru: 'Ничего никуда не отправляется: приложите файл к обращению в поддержку сами.'
    },
    flags: { out: 'string' },
    async run(args, ctx) {
      const file = resolve(stringFlag(args, 'out') ?? diagnosticsFileName(Date.now()))
      const services = await ctx.services()
      const saved = await saveDiagnostics(services.handlers, file, crashDumpsDirOf(ctx.dataDir))
      ctx.print(
        saved,
        localize({ en: 'Saved diagnostics to {file}\n', ru: 'Диагностика сохранена в {file}\n' }, { file })
      )
    }
  }
]
