import {
  type Intent,
  type JobSummary,
  type LaneView,
  type OperationView,
  type OutboxSnapshot,
  type TargetKind
} from '../../shared/domain/outbox'
import { landingScopeSchema, type LandingScope } from '../../shared/domain/catalog'
import type { PortalSummary } from '../../shared/domain/portal'
import { localize } from '../../main/services/app/language'
import { cachedLandingScopes, type LandingKind } from '../../main/services/outbox/catalog-scope'
import { healthReason, operationReason } from '../../main/services/outbox/describe'
import { operationsCsv, operationsJson } from '../../main/services/outbox/export'
import { messages } from '../../main/services/outbox/messages'
import { RunnerLock } from '../../main/services/outbox/runner-lock'
import { OutboxStore } from '../../main/services/outbox/store'
import { intFlag, requiredFlag, stringFlag, UsageError, type ParsedArgs } from '../args'
import type { CliCommand, CliContext } from '../command'
import { header, tr } from '../i18n'
import { formatTable } from '../table'
import { parseWhen, showDuration, showWhen } from '../when'
import { cliSchedule } from './schedule-messages'

const LANDING_KINDS: readonly TargetKind[] = ['site', 'page', 'folder']

/** `run`: what is left cannot proceed (unreachable, refused credentials, paused) within --wait. */
export const EXIT_CANNOT_PROCEED = 3
/** `run`: the outbox drained, but some operation this run worked on failed. */
export const EXIT_OPERATIONS_FAILED = 4

/** A published state (a document: its public link) as `job` prints it. */
const publishedWord = (kind: TargetKind, on: boolean): string =>
  tr(
    kind === 'document'
      ? on
        ? { en: 'link on', ru: 'ссылка включена' }
        : { en: 'link off', ru: 'ссылка выключена' }
      : on
        ? { en: 'published', ru: 'опубликовано' }
        : { en: 'not published', ru: 'не опубликовано' }
  )

/** The catalog listing that caches a kind's scope, for the hint when a target is not cached. */
const LIST_COMMAND: Record<LandingKind, string> = {
  site: 'sites',
  page: 'pages',
  folder: 'folders --site ID'
}

/**
 * formatTable cuts cells at 60 characters; plain-language reasons are longer, so the last column
 * is written after the table, in full.
 */
const tableWithReason = (
  headers: string[],
  rows: Array<Array<string | number | null>>,
  reasonHeader: string,
  reasons: string[]
): string => {
  const lines = formatTable(headers, rows).trimEnd().split('\n')
  const width = Math.max(...lines.map((l) => l.length))
  const title = header(reasonHeader)
  const tail = [title, '-'.repeat(title.length), ...reasons]
  return `${lines.map((l, i) => (tail[i] ? `${l.padEnd(width)}  ${tail[i]}` : l)).join('\n')}\n`
}

const listIds = (ids: readonly number[]): string =>
  ids.length > 10 ? `${ids.slice(0, 10).join(', ')}, … (${ids.length})` : ids.join(', ')

const idsOf = (words: string[]): number[] => {
  if (words.length === 0)
    throw new UsageError(tr({ en: 'give at least one ID', ru: 'укажите хотя бы один ID' }))
  return words.map((w) => {
    if (!/^\d+$/.test(w) || Number(w) <= 0)
      throw new UsageError(
        tr(
          {
            en: '"{w}" is not an ID (a positive whole number)',
            ru: '"{w}" — не ID (нужно целое положительное число)'
          },
          { w }
        )
      )
    return Number(w)
  })
}

const enqueue = async (
  ctx: CliContext,
  title: string,
  intents: Intent[],
  startAt?: string
): Promise<void> => {
  // Checked against the contract as the window's requests are (its limits included).
  const job = await ctx.invoke('outbox:enqueue', { title, intents, startAt })
  ctx.print(job, () => `${job.id}\n`)
  ctx.warn(
    startAt
      ? localize(cliSchedule.queuedAt, {
          id: job.id,
          total: job.total,
          when: showWhen(startAt),
          left: showDuration(Date.parse(startAt) - Date.now())
        })
      : tr(
          {
            en: 'Queued job {id}: {total} operation(s). The desktop app or "b24desk run" sends them.',
            ru: 'Задание {id} поставлено в очередь: операций {total}. Их отправит приложение или "b24desk run".'
          },
          { id: job.id, total: job.total }
        )
  )
}

/** `--at TIME`: ISO 8601, or YYYY-MM-DD HH:MM in local time (issue 13). */
const startAtOf = (args: ParsedArgs): string | undefined => {
  const at = stringFlag(args, 'at')
  return at === undefined ? undefined : parseWhen(at)
}

/** What `jobs` and `job` say about a job's start time. */
const scheduleText = (j: JobSummary): string => {
  if (j.startAt === null) return ''
  if (j.startedAt === null)
    return localize(cliSchedule.startsAt, {
      when: showWhen(j.startAt),
      left: showDuration(Date.parse(j.startAt) - Date.now())
    })
  return j.lateByMs !== null
    ? localize(cliSchedule.startedLate, { when: showWhen(j.startedAt), late: showDuration(j.lateByMs) })
    : localize(cliSchedule.started, { when: showWhen(j.startedAt) })
}

const restoreText = (j: JobSummary): string => {
  if (!j.restore) return ''
  if (j.restore.matches === null) return localize(cliSchedule.restoreUnchecked, { id: j.restore.snapshotId })
  return j.restore.matches
    ? localize(cliSchedule.restoreMatches, { id: j.restore.snapshotId })
    : localize(cliSchedule.restoreDiffers, { id: j.restore.snapshotId, count: j.restore.differences })
}

const landingCommand = (action: 'publish' | 'unpublish'): CliCommand => ({
  name: action,
  summary:
    action === 'publish'
      ? {
          en: 'queue publication of sites, pages or folders; prints the job id',
          ru: 'поставить в очередь публикацию сайтов, страниц или папок; печатает номер задания'
        }
      : {
          en: 'queue unpublication of sites, pages or folders; prints the job id',
          ru: 'поставить в очередь снятие с публикации сайтов, страниц или папок; печатает номер задания'
        },
  usage:
    'site|page|folder --portal NAME [--scope default|KNOWLEDGE|GROUP|MAINPAGE] [--title TEXT] [--at TIME] ID...',
  details: {
    en:
      "Without --scope, each target goes in the landing scope the cached catalog knows for it (a site's own, a page's or\n" +
      "folder's site's); targets not in the cache get the default scope, with a warning. Fill the cache with\n" +
      '"b24desk sites|pages|folders --portal NAME".\n' +
      '--at TIME starts the job at TIME (ISO 8601 with offset, or YYYY-MM-DD HH:MM in local time) instead of now.\n',
    ru:
      'Без --scope каждый объект отправляется в области, которую знает сохранённый каталог (у сайта своя, у страницы\n' +
      'и папки — их сайта); объекты, которых нет в каталоге, получают обычную область, с предупреждением. Заполните\n' +
      'каталог командой "b24desk sites|pages|folders --portal ИМЯ".\n' +
      '--at ВРЕМЯ запускает задание в это время (ISO 8601 со смещением или ГГГГ-ММ-ДД ЧЧ:ММ по местному времени), а не сейчас.\n'
  },
  flags: { portal: 'string', scope: 'string', title: 'string', at: 'string' },
  async run(args, ctx) {
    const [kindWord, ...rest] = args.positionals
    if (!LANDING_KINDS.includes(kindWord as TargetKind))
      throw new UsageError(
        tr({
          en: 'say what to act on: site, page or folder',
          ru: 'укажите, с чем работать: site, page или folder'
        })
      )
    const kind = kindWord as LandingKind
    const scopeWord = stringFlag(args, 'scope')
    let explicit: LandingScope | undefined
    if (scopeWord !== undefined) {
      const parsed = landingScopeSchema.safeParse(
        scopeWord.toLowerCase() === 'default' ? '' : scopeWord.toUpperCase()
      )
      if (!parsed.success)
        throw new UsageError(
          tr({
            en: '--scope must be default, KNOWLEDGE, GROUP or MAINPAGE (or left out to take it from the cached catalog)',
            ru: '--scope: допустимы default, KNOWLEDGE, GROUP или MAINPAGE (или не указывайте, чтобы взять из каталога)'
          })
        )
      explicit = parsed.data
    }
    const ids = idsOf(rest)
    const startAt = startAtOf(args)
    const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
    let scopeOf = (_id: number): LandingScope => explicit ?? ''
    if (explicit === undefined) {
      const { db } = await ctx.services()
      const known = cachedLandingScopes(db, portal.id, kind, ids)
      const missing = ids.filter((id) => !known.has(id))
      if (missing.length > 0) {
        ctx.warn(
          localize(messages.scopeNotCached, {
            kind,
            ids: listIds(missing),
            portal: portal.name,
            listCommand: LIST_COMMAND[kind]
          })
        )
      }
      scopeOf = (id) => known.get(id) ?? ''
    }
    await enqueue(
      ctx,
      stringFlag(args, 'title') ?? `${action} ${ids.length} ${kind}(s) on ${portal.name}`,
      ids.map((targetId) => ({ portalId: portal.id, kind, targetId, scope: scopeOf(targetId), action })),
      startAt
    )
  }
})

const totals = (s: OutboxSnapshot) =>
  s.lanes.reduce(
    (t, l) => ({
      queued: t.queued + l.counts.queued,
      sending: t.sending + l.counts.sending,
      done: t.done + l.counts.done,
      // "The portal reports otherwise" is a failure for whoever waits on the run.
      failed: t.failed + l.counts.failed + l.counts.mismatch
    }),
    { queued: 0, sending: 0, done: 0, failed: 0 }
  )

const portalsById = async (ctx: CliContext): Promise<Map<string, PortalSummary>> => {
  return new Map((await ctx.invoke('portals:list')).map((p) => [p.id, p]))
}

const portalNames = async (ctx: CliContext): Promise<Map<string, string>> =>
  new Map([...(await portalsById(ctx))].map(([id, p]) => [id, p.name]))

const when = (ms: number | null): string =>
  ms === null ? '' : new Date(ms).toISOString().replace(/\.\d+Z$/, 'Z')

/** The default landing scope, as tables name it. */
const DEFAULT_SCOPE = { en: 'default', ru: 'обычная' }

const BLOCKED = new Set(['unreachable', 'auth', 'paused'])

/** "2/4": requests in flight of the lane's current window; "(max 4)" when the window is below the portal's ceiling. */
const inFlightCell = (l: LaneView): string =>
  `${l.inFlight}/${l.window}${l.window < l.ceiling ? tr({ en: ' (max {n})', ru: ' (макс. {n})' }, { n: l.ceiling }) : ''}`

/** Local time of day, e.g. 10:42 (the date too when it is not today). */
const clockTime = (ms: number): string => {
  const d = new Date(ms)
  const two = (n: number) => String(n).padStart(2, '0')
  const time = `${two(d.getHours())}:${two(d.getMinutes())}`
  return d.toDateString() === new Date().toDateString()
    ? time
    : `${d.getFullYear()}-${two(d.getMonth() + 1)}-${two(d.getDate())} ${time}`
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms))

export const outboxCommands: CliCommand[] = [
  landingCommand('publish'),
  landingCommand('unpublish'),
  {
    name: 'link',
    summary: {
      en: 'queue switching public links of CRM documents on or off; prints the job id',
      ru: 'поставить в очередь включение или выключение публичных ссылок документов CRM; печатает номер задания'
    },
    usage: 'on|off --portal NAME [--title TEXT] [--at TIME] DOCID...',
    flags: { portal: 'string', title: 'string', at: 'string' },
    async run(args, ctx) {
      const [mode, ...rest] = args.positionals
      if (mode !== 'on' && mode !== 'off')
        throw new UsageError(
          tr({ en: 'say "link on" or "link off"', ru: 'укажите "link on" или "link off"' })
        )
      const ids = idsOf(rest)
      const startAt = startAtOf(args)
      const portal = await ctx.portalByName(requiredFlag(args, 'portal'))
      await enqueue(
        ctx,
        stringFlag(args, 'title') ?? `public link ${mode} for ${ids.length} document(s) on ${portal.name}`,
        ids.map((targetId) => ({
          portalId: portal.id,
          kind: 'document',
          targetId,
          scope: '',
          action: mode === 'on' ? 'link-on' : 'link-off'
        })),
        startAt
      )
    }
  },
  {
    name: 'queue',
    summary: {
      en: 'show the outbox: operations per portal and per job',
      ru: 'показать очередь: операции по порталам и заданиям'
    },
    usage: '',
    details: {
      en:
        "A lane with nothing of its own to say shows why its portal may hold it up (HEALTH: the portal's last\n" +
        'known state). IN FLIGHT: requests on the wire / how many the lane allows itself now; it adapts to what\n' +
        'the portal takes, up to the portal\'s ceiling ("b24desk portal set NAME --max-in-flight N"), and the\n' +
        'lines under the table say when and why it last went down. MISMATCH: done, but the portal reports\n' +
        'otherwise. "b24desk jobs" lists older jobs; "b24desk job ID" shows each operation\'s outcome.\n',
      ru:
        'Очередь портала, которой нечего сказать самой, показывает, что может её задерживать (ДОСТУПНОСТЬ: последнее\n' +
        'известное состояние портала). В ПУТИ: запросы в пути / сколько очередь позволяет себе сейчас; это число\n' +
        'подстраивается под портал, но не выше его предела ("b24desk portal set ИМЯ --max-in-flight N"), а строки\n' +
        'под таблицей говорят, когда и почему оно снижалось. РАСХОЖДЕНИЯ: выполнено, но портал сообщает иное.\n' +
        '"b24desk jobs" — прошлые задания; "b24desk job ID" — итог каждой операции.\n'
    },
    async run(_args, ctx) {
      const { db } = await ctx.services()
      const snapshot = await ctx.invoke('outbox:snapshot')
      const portals = await portalsById(ctx)
      const runner = new RunnerLock(db).holder()
      // Additive fields for scripts: the portal's name and health; a lane without a reason of its own
      // takes its portal's (refused credentials, not answering), which no runner is there to report.
      const lanes = snapshot.lanes.map((l) => {
        const p = portals.get(l.portalId)
        return {
          ...l,
          reason: l.reason ?? healthReason(p?.health),
          portalName: p?.name ?? null,
          portalHealth: p?.health.state ?? null
        }
      })
      ctx.print({ ...snapshot, lanes, runner }, () => {
        const laneTable = tableWithReason(
          ['PORTAL', 'STATE', 'HEALTH', 'IN FLIGHT', 'QUEUED', 'SENDING', 'DONE', 'FAILED', 'MISMATCH'],
          lanes.map((l) => [
            l.portalName ?? l.portalId,
            l.state,
            l.portalHealth ?? '',
            inFlightCell(l),
            l.counts.queued,
            l.counts.sending,
            l.counts.done,
            l.counts.failed,
            l.counts.mismatch
          ]),
          'REASON',
          lanes.map((l) => l.reason ?? '')
        )
        const lowered = lanes
          .filter((l) => l.lowered)
          .map((l) =>
            localize(messages.laneLowered, {
              portal: l.portalName ?? l.portalId,
              to: l.lowered!.to,
              time: clockTime(l.lowered!.at),
              reason: l.lowered!.reason
            })
          )
          .join('\n')
        const jobs = formatTable(
          [
            'JOB',
            'STATE',
            'TOTAL',
            'QUEUED',
            'DONE',
            'FAILED',
            'MISMATCH',
            'SUPERSEDED',
            'CANCELLED',
            'TITLE'
          ],
          snapshot.jobs.map((j) => [
            j.id,
            j.state,
            j.total,
            j.counts.queued + j.counts.sending,
            j.counts.done,
            j.counts.failed,
            j.counts.mismatch,
            j.counts.superseded,
            j.counts.cancelled,
            j.title
          ])
        )
        const who = runner
          ? tr(
              {
                en: 'Draining: process {pid} on {host}.\n',
                ru: 'Очередь отправляет процесс {pid} на {host}.\n'
              },
              { pid: runner.pid, host: runner.host }
            )
          : tr({
              en: 'Nothing is draining the outbox now (start the app or run "b24desk run").\n',
              ru: 'Сейчас очередь никто не отправляет (запустите приложение или "b24desk run").\n'
            })
        return `${laneTable}${lowered ? `${lowered}\n` : ''}\n${jobs}\n${who}`
      })
    }
  },
  {
    name: 'jobs',
    summary: {
      en: 'list jobs with their ids: unfinished ones and the latest finished',
      ru: 'список заданий с номерами: незавершённые и последние завершённые'
    },
    usage: {
      en: '[--limit N]  (how many finished jobs to list; default 20)',
      ru: '[--limit N]  (сколько завершённых заданий показать; по умолчанию 20)'
    },
    flags: { limit: 'string' },
    async run(args, ctx) {
      const { db } = await ctx.services()
      const jobs = new OutboxStore(db, Date.now).jobs(intFlag(args, 'limit') ?? 20)
      ctx.print(jobs, () =>
        jobs.length === 0
          ? tr({ en: 'No jobs yet.\n', ru: 'Заданий пока нет.\n' })
          : formatTable(
              ['JOB', 'STATE', 'CREATED', 'START', 'FINISHED', 'TOTAL', 'DONE', 'FAILED', 'LEFT', 'TITLE'],
              jobs.map((j) => [
                j.id,
                j.startAt !== null && j.startedAt === null && j.state !== 'finished'
                  ? localize(cliSchedule.scheduledState)
                  : j.state,
                when(j.createdAt),
                scheduleText(j),
                when(j.finishedAt),
                j.total,
                j.counts.done,
                j.counts.failed,
                j.counts.queued + j.counts.sending,
                j.title
              ])
            )
      )
    }
  },
  {
    name: 'job',
    summary: {
      en: 'show each operation of a job with its outcome and reason, or export them (CSV or JSON)',
      ru: 'показать операции задания с итогом и причиной или выгрузить их (CSV или JSON)'
    },
    usage: 'ID [--failed] [--export csv|json] [--reschedule TIME|now] [--cancel]',
    details: {
      en:
        '--failed shows only the operations that failed or that the portal reports otherwise (after each change\n' +
        'B24 Desk reads the portal back; an operation whose read-back disagrees ends as "mismatch", with what the\n' +
        'portal reports). Also lists what else changed on the portal beyond the job, as read back (for example\n' +
        'inactive pages a site publication published too). --export writes the report to standard output instead\n' +
        '(the same CSV or JSON the app exports; with --failed, only those operations).\n' +
        '--reschedule TIME gives a job that has not started a new start time (ISO 8601, or YYYY-MM-DD HH:MM in\n' +
        'local time; "now" starts it at once). --cancel cancels what of the job has not been sent.\n',
      ru:
        '--failed показывает только операции с ошибкой или те, о которых портал сообщает иное (после каждого\n' +
        'изменения B24 Desk перечитывает портал; операция, с которой прочитанное не сходится, получает "mismatch" с тем,\n' +
        'что сообщает портал). Показывает и то, что ещё изменилось на портале помимо задания (например, неактивные\n' +
        'страницы, которые опубликовала публикация сайта). --export выводит отчёт на стандартный вывод (тот же CSV\n' +
        'или JSON, что выгружает приложение; с --failed — только эти операции).\n' +
        '--reschedule ВРЕМЯ задаёт неначатому заданию новое время запуска (ISO 8601 или ГГГГ-ММ-ДД ЧЧ:ММ по местному\n' +
        'времени; "now" — сразу). --cancel отменяет то, что из задания ещё не отправлено.\n'
    },
    flags: { failed: 'boolean', export: 'string', reschedule: 'string', cancel: 'boolean' },
    async run(args, ctx) {
      if (args.positionals.length !== 1)
        throw new UsageError(
          tr({
            en: 'give one job ID (see: b24desk jobs)',
            ru: 'укажите один номер задания (см. b24desk jobs)'
          })
        )
      const [jobId] = idsOf(args.positionals)
      const reschedule = stringFlag(args, 'reschedule')
      if (reschedule !== undefined || args.flags.cancel === true) {
        if (reschedule !== undefined && args.flags.cancel === true)
          throw new UsageError(localize(cliSchedule.oneOf))
        if (args.flags.cancel === true) {
          const n = await ctx.invoke('outbox:cancel', { jobId })
          ctx.print({ jobId, cancelled: n }, '')
          ctx.warn(localize(cliSchedule.cancelled, { id: jobId, count: n }))
          return 0
        }
        const startAt = reschedule?.trim().toLowerCase() === 'now' ? null : parseWhen(reschedule ?? '')
        await ctx.invoke('outbox:reschedule', { jobId, startAt })
        ctx.print({ jobId, startAt }, '')
        ctx.warn(
          startAt === null
            ? localize(cliSchedule.startsNow, { id: jobId })
            : localize(cliSchedule.rescheduled, {
                id: jobId,
                when: showWhen(startAt),
                left: showDuration(Date.parse(startAt) - Date.now())
              })
        )
        return 0
      }
      const format = stringFlag(args, 'export')
      if (format !== undefined && format !== 'csv' && format !== 'json')
        throw new UsageError(
          tr({ en: '--export must be csv or json', ru: '--export: допустимы csv или json' })
        )
      const failedOnly = args.flags.failed === true
      const { db } = await ctx.services()
      const ops = await ctx.invoke('outbox:operations', {
        jobId,
        states: failedOnly ? ['failed', 'mismatch'] : undefined
      })
      const job = new OutboxStore(db, Date.now).job(jobId)
      if (!job)
        throw new UsageError(tr({ en: 'there is no job {id}', ru: 'задания {id} нет' }, { id: jobId }))
      const changes = await ctx.invoke('outbox:changes', { jobId })
      if (format !== undefined) {
        const content = failedOnly
          ? format === 'csv'
            ? operationsCsv(ops, { jobId, changes })
            : operationsJson(job, ops, changes)
          : (await ctx.invoke('outbox:export', { jobId, format })).content
        ctx.io.stdout.write(content)
        return 0
      }
      const names = await portalNames(ctx)
      const withReason = ops.map((o: OperationView) => ({ ...o, reason: operationReason(o) }))
      ctx.print({ job, operations: withReason, changes }, () => {
        const c = job.counts
        const head =
          tr(
            { en: 'Job {id} ({state}): {title}\n', ru: 'Задание {id} ({state}): {title}\n' },
            {
              id: job.id,
              state: job.state,
              title: job.title
            }
          ) +
          [scheduleText(job), restoreText(job)]
            .filter((line) => line !== '')
            .map((line) => `${line}\n`)
            .join('') +
          tr(
            {
              en: '{done} done, {failed} failed, {mismatch} the portal reports otherwise, {superseded} superseded, {cancelled} cancelled, {left} left of {total}\n\n',
              ru: 'выполнено {done}, ошибок {failed}, портал сообщает иное {mismatch}, заменено {superseded}, отменено {cancelled}, осталось {left} из {total}\n\n'
            },
            { ...c, left: c.queued + c.sending, total: job.total }
          )
        const multiPortal = job.portalIds.length > 1
        const also = changes.length
          ? tr({
              en: '\nAlso changed on the portal (read back; not in this job):\n',
              ru: '\nЕщё изменилось на портале (по перечитанному; не в этом задании):\n'
            }) +
            formatTable(
              [...(multiPortal ? ['PORTAL'] : []), 'KIND', 'TARGET', 'SCOPE', 'NOW', 'BEFORE', 'AT'],
              changes.map((ch) => [
                ...(multiPortal ? [names.get(ch.portalId) ?? ch.portalId] : []),
                ch.kind,
                `${ch.id} ${ch.title}`,
                ch.scope || (ch.kind === 'document' ? '' : tr(DEFAULT_SCOPE)),
                publishedWord(ch.kind, ch.after),
                ch.before === null
                  ? tr({ en: 'unknown', ru: 'неизвестно' })
                  : publishedWord(ch.kind, ch.before),
                new Date(ch.at).toISOString()
              ])
            )
          : ''
        if (withReason.length === 0)
          return `${head}${tr(
            failedOnly
              ? { en: 'No failed operations.\n', ru: 'Операций с ошибкой нет.\n' }
              : { en: 'No operations.\n', ru: 'Операций нет.\n' }
          )}${also}`
        return (
          head +
          tableWithReason(
            [
              'OP',
              ...(multiPortal ? ['PORTAL'] : []),
              'KIND',
              'TARGET',
              'ACTION',
              'SCOPE',
              'STATE',
              'TRIES',
              'CODE'
            ],
            withReason.map((o) => [
              o.id,
              ...(multiPortal ? [names.get(o.portalId) ?? o.portalId] : []),
              o.kind,
              o.label ? `${o.targetId} ${o.label}` : o.targetId,
              o.action,
              o.scope || (o.kind === 'document' ? '' : tr(DEFAULT_SCOPE)),
              o.state,
              o.attempts,
              o.error?.code ?? ''
            ]),
            'REASON',
            withReason.map((o) => o.reason)
          ) +
          also
        )
      })
    }
  },
  {
    name: 'run',
    summary: {
      en: 'send what is queued, in the foreground, until the outbox is empty',
      ru: 'отправить то, что в очереди, не уходя в фон, пока очередь не опустеет'
    },
    usage: {
      en:
        '[--wait SECONDS]  (how long to wait for portals that are unreachable, refuse the credentials, or are paused; default 60)' +
        `; exits ${EXIT_CANNOT_PROCEED} if what is left cannot proceed, ${EXIT_OPERATIONS_FAILED} if some operations failed`,
      ru:
        '[--wait СЕКУНДЫ]  (сколько ждать недоступные порталы, порталы, отвергающие учётные данные, или приостановленные; по умолчанию 60)' +
        `; код ${EXIT_CANNOT_PROCEED}, если оставшееся не может продолжиться, ${EXIT_OPERATIONS_FAILED}, если часть операций не удалась`
    },
    details: {
      en:
        'Exit status: 0 when the outbox is empty and every operation this run worked on succeeded (or was\n' +
        `superseded or cancelled); ${EXIT_CANNOT_PROCEED} when what is left cannot proceed within --wait; ${EXIT_OPERATIONS_FAILED} when the outbox is empty\n` +
        'but some operations failed (see them with "b24desk job ID --failed"); 1 on other errors. Jobs scheduled\n' +
        'to start later than --wait are left waiting (run says when they start).\n',
      ru:
        'Код выхода: 0, когда очередь пуста и все операции этого запуска выполнены (или заменены, или\n' +
        `отменены); ${EXIT_CANNOT_PROCEED}, когда оставшееся не может продолжиться за --wait; ${EXIT_OPERATIONS_FAILED}, когда очередь пуста, но часть\n` +
        'операций не удалась (см. "b24desk job ID --failed"); 1 при других ошибках. Задания, которые начнутся\n' +
        'позже, чем через --wait, остаются ждать (run сообщает, когда они начнутся).\n'
    },
    flags: { wait: 'string' },
    runOutbox: true,
    async run(args: ParsedArgs, ctx) {
      const waitMs = (intFlag(args, 'wait') ?? 60) * 1000
      const services = await ctx.services()
      const lock = new RunnerLock(services.db)
      const names = await portalNames(ctx)
      const interactive = !ctx.json && (ctx.io.stderr as NodeJS.WriteStream).isTTY === true
      let blockedSince: number | null = null
      let lastLine = 0
      // Jobs this run worked on: the lanes only count unfinished jobs, the final report wants these.
      const seen = new Set<number>()
      for (;;) {
        const snapshot = await ctx.invoke('outbox:snapshot')
        const t = totals(snapshot)
        const holder = lock.holder()
        const weRun = holder?.pid === process.pid
        // Jobs scheduled for later than --wait allows are not this run's to wait for (issue 13).
        const later = snapshot.jobs.filter(
          (j) =>
            j.state !== 'finished' &&
            j.startAt !== null &&
            j.startedAt === null &&
            Date.parse(j.startAt) - Date.now() > waitMs
        )
        const onlyLater =
          later.length > 0 && snapshot.jobs.every((j) => j.state === 'finished' || later.includes(j))
        for (const j of snapshot.jobs) if (j.finishedAt === null && !later.includes(j)) seen.add(j.id)
        if (!services.hasPendingWork() || onlyLater) {
          if (interactive) ctx.io.stderr.write('\n')
          if (onlyLater) {
            const next = [...later].sort(
              (a, b) => Date.parse(a.startAt ?? '') - Date.parse(b.startAt ?? '')
            )[0]
            ctx.warn(
              localize(cliSchedule.nothingDue, {
                id: next.id,
                when: showWhen(next.startAt ?? 0),
                left: showDuration(Date.parse(next.startAt ?? '') - Date.now())
              })
            )
          }
          const jobs = snapshot.jobs.filter((j) => seen.has(j.id))
          const done = jobs.reduce((n, j) => n + j.counts.done, 0)
          const failed = jobs.reduce((n, j) => n + j.counts.failed + j.counts.mismatch, 0)
          ctx.print(
            { drained: true, done, failed, jobs },
            tr(
              {
                en: 'Outbox empty: {done} done, {failed} failed.\n',
                ru: 'Очередь пуста: выполнено {done}, ошибок {failed}.\n'
              },
              { done, failed }
            )
          )
          if (failed === 0) return 0
          const commands = jobs
            .filter((j) => j.counts.failed + j.counts.mismatch > 0)
            .map((j) => `b24desk job ${j.id} --failed`)
          ctx.warn(localize(messages.runFailed, { count: failed, commands: commands.join('; ') }))
          return EXIT_OPERATIONS_FAILED
        }
        const pendingLanes = snapshot.lanes.filter((l) => l.counts.queued + l.counts.sending > 0)
        // Nothing active and nothing paused: only a restore's read-back is left, which is not stuck.
        const pausedJobsOnly =
          snapshot.jobs.some((j) => j.state === 'paused') &&
          snapshot.jobs.filter((j) => j.state === 'active').length === 0
        const stuck =
          !weRun ||
          pausedJobsOnly ||
          (pendingLanes.length > 0 && pendingLanes.every((l) => BLOCKED.has(l.state)))
        const now = Date.now()
        blockedSince = stuck ? (blockedSince ?? now) : null
        if (!ctx.json && now - lastLine >= 1000) {
          lastLine = now
          const lanes = pendingLanes
            .map(
              (l) =>
                `${names.get(l.portalId) ?? l.portalId}: ${l.state} ${tr({ en: '{n} left', ru: 'осталось {n}' }, { n: l.counts.queued + l.counts.sending })}`
            )
            .join(' · ')
          const who = weRun
            ? ''
            : holder
              ? tr(
                  {
                    en: ' (process {pid} is draining; waiting)',
                    ru: ' (очередь отправляет процесс {pid}; жду)'
                  },
                  { pid: holder.pid }
                )
              : tr({ en: ' (waiting for the runner lock)', ru: ' (жду блокировку отправки)' })
          const counts = tr(
            {
              en: '{done} done, {failed} failed, {left} left',
              ru: 'выполнено {done}, ошибок {failed}, осталось {left}'
            },
            { done: t.done, failed: t.failed, left: t.queued + t.sending }
          )
          const line = `${counts}${who}${lanes ? ` | ${lanes}` : ''}`
          ctx.io.stderr.write(interactive ? `\r${line.slice(0, 200).padEnd(200)}` : `${line}\n`)
        }
        if (blockedSince !== null && now - blockedSince >= waitMs) {
          if (interactive) ctx.io.stderr.write('\n')
          const reasons = pendingLanes.map((l) => ({
            portal: names.get(l.portalId) ?? l.portalId,
            state: l.state,
            reason: l.reason,
            left: l.counts.queued + l.counts.sending
          }))
          ctx.print({ drained: false, ...t, lanes: reasons }, '')
          const why = !weRun
            ? holder
              ? tr(
                  {
                    en: 'another process (pid {pid}) drains the outbox',
                    ru: 'очередь отправляет другой процесс (pid {pid})'
                  },
                  { pid: holder.pid }
                )
              : tr({ en: 'could not take the runner lock', ru: 'не удалось получить блокировку отправки' })
            : pausedJobsOnly
              ? tr({ en: 'the remaining jobs are paused', ru: 'оставшиеся задания приостановлены' })
              : reasons.map((r) => `${r.portal}: ${r.reason ?? r.state}`).join('; ')
          ctx.io.stderr.write(
            `b24desk: ${tr(
              {
                en: '{count} operation(s) cannot proceed: {why}',
                ru: 'операций, которые не могут продолжиться: {count}: {why}'
              },
              { count: t.queued + t.sending, why }
            )}\n`
          )
          return EXIT_CANNOT_PROCEED
        }
        await sleep(250)
      }
    }
  }
]
