import { registerTexts } from '../app/language'

/** User-facing texts of the outbox, in both languages; registered with i18next and said with `localize`. */
export const messages = registerTexts('outbox', {
  lanePaused: { en: 'Paused by you.', ru: 'Приостановлено вами.' },
  laneUnreachable: {
    en: 'The portal does not answer ({code}). Waiting and checking again; work resumes by itself.',
    ru: 'Портал не отвечает ({code}). Ждём и проверяем снова; работа продолжится сама.'
  },
  laneAuth: {
    en: 'The portal refused the credentials ({code}). Update the webhook or app credentials to continue.',
    ru: 'Портал отклонил учётные данные ({code}). Обновите вебхук или данные приложения, чтобы продолжить.'
  },
  laneIdentityChanged: {
    en: 'This work was queued for {queued}; the portal now answers as {now}. It is held and nothing is sent. If this is the same portal, cancel the work and queue it again; otherwise remove the portal.',
    ru: 'Эта работа поставлена в очередь для {queued}; портал теперь отвечает как {now}. Она задержана, ничего не отправляется. Если это тот же портал, отмените работу и поставьте её в очередь заново; иначе удалите портал.'
  },
  laneNoClient: {
    en: 'B24 Desk cannot connect to this portal right now ({code}); trying again shortly.',
    ru: 'B24 Desk сейчас не может подключиться к этому порталу ({code}); скоро попробуем снова.'
  },
  portalRemoved: {
    en: 'Cancelled: the portal was removed from B24 Desk.',
    ru: 'Отменено: портал удалён из B24 Desk.'
  },
  laneBackoff: {
    en: 'A temporary error ({code}); trying again shortly.',
    ru: 'Временная ошибка ({code}); скоро попробуем снова.'
  },
  laneRateLimited: {
    en: 'The portal asked to slow down; waiting for its request limit to clear.',
    ru: 'Портал попросил снизить темп; ждём, пока освободится лимит запросов.'
  },
  laneOperatingBudget: {
    en: 'Waiting for the portal’s operating-time budget for {method} to free up.',
    ru: 'Ждём, пока освободится лимит времени выполнения портала для {method}.'
  },
  gaveUp: {
    en: {
      one: 'Gave up after {count} attempt: {message}',
      other: 'Gave up after {count} attempts: {message}'
    },
    ru: {
      one: 'Не удалось после {count} попытки: {message}',
      few: 'Не удалось после {count} попыток: {message}',
      many: 'Не удалось после {count} попыток: {message}',
      other: 'Не удалось после {count} попытки: {message}'
    }
  },
  cancelledByUser: { en: 'Cancelled.', ru: 'Отменено.' },
  supersededBy: {
    en: 'Replaced by a newer request for the same object (operation {id}).',
    ru: 'Заменено более новым запросом для того же объекта (операция {id}).'
  },
  jobNotFound: { en: 'There is no job {id}.', ru: 'Задания {id} нет.' },
  badResult: {
    en: 'The portal answered {method} with an unexpected result.',
    ru: 'Портал ответил на {method} неожиданным результатом.'
  },
  startTooFar: {
    en: 'The start time {startAt} is more than a year ahead. Check the date; a job can be scheduled at most a year ahead.',
    ru: 'Время начала {startAt} — больше чем через год. Проверьте дату: задание можно запланировать не больше чем на год вперёд.'
  },
  defaultJobTitle: {
    en: { one: '{count} operation', other: '{count} operations' },
    ru: {
      one: '{count} операция',
      few: '{count} операции',
      many: '{count} операций',
      other: '{count} операции'
    }
  },
  supersededPlain: {
    en: 'Replaced by a newer request for the same object.',
    ru: 'Заменено более новым запросом для того же объекта.'
  },
  // Portal health, shown for a lane that has no reason of its own (nothing is draining it right now).
  portalAuthFailed: {
    en: 'The portal refused the credentials when last contacted{detail}; update the webhook or app credentials to continue.',
    ru: 'При последнем обращении портал отклонил учётные данные{detail}; обновите вебхук или данные приложения, чтобы продолжить.'
  },
  portalUnreachable: {
    en: 'The portal did not answer when last contacted{detail}.',
    ru: 'При последнем обращении портал не ответил{detail}.'
  },
  portalLimited: {
    en: 'The portal reported a limit when last contacted{detail}.',
    ru: 'При последнем обращении портал сообщил об ограничении{detail}.'
  },
  scopeNotCached: {
    en: '{kind} {ids} on {portal}: not in the cached catalog, so the default landing scope is used; a knowledge-base or group {kind} will then fail. List them first ("b24desk {listCommand} --portal {portal}") or give --scope.',
    ru: '{kind} {ids} на портале {portal}: нет в кэше каталога, поэтому используется область по умолчанию; для базы знаний или группы это не сработает. Сначала получите список ("b24desk {listCommand} --portal {portal}") или укажите --scope.'
  },
  enqueueInterrupted: {
    en: {
      one: 'Not sent: recording this job was interrupted (the app or command line stopped) after {recorded} of {count} operation. Queue it again.',
      other:
        'Not sent: recording this job was interrupted (the app or command line stopped) after {recorded} of {count} operations. Queue it again.'
    },
    ru: {
      one: 'Не отправлено: запись задания прервалась (приложение или командная строка остановились) после {recorded} из {count} операции. Поставьте его в очередь снова.',
      few: 'Не отправлено: запись задания прервалась (приложение или командная строка остановились) после {recorded} из {count} операций. Поставьте его в очередь снова.',
      many: 'Не отправлено: запись задания прервалась (приложение или командная строка остановились) после {recorded} из {count} операций. Поставьте его в очередь снова.',
      other:
        'Не отправлено: запись задания прервалась (приложение или командная строка остановились) после {recorded} из {count} операции. Поставьте его в очередь снова.'
    }
  },
  // Why a lane lowered the number of requests it keeps in flight (shown as "lowered to 2 at 10:42: …").
  loweredHttp: {
    en: 'HTTP {status} from the portal',
    ru: 'портал ответил HTTP {status}'
  },
  loweredHtml: {
    en: 'the portal answered with an HTML page (HTTP {status})',
    ru: 'портал ответил HTML-страницей (HTTP {status})'
  },
  loweredTimeout: { en: 'the portal did not answer in time', ru: 'портал не ответил вовремя' },
  loweredDropped: { en: 'the portal dropped the connection', ru: 'портал оборвал соединение' },
  loweredRateLimited: {
    en: 'the portal asked to slow down (QUERY_LIMIT_EXCEEDED)',
    ru: 'портал попросил снизить темп (QUERY_LIMIT_EXCEEDED)'
  },
  loweredSlow: {
    en: 'answers slowed down ({ms} ms per command, {best} ms at best)',
    ru: 'ответы замедлились ({ms} мс на команду, в лучшем случае {best} мс)'
  },
  laneLowered: {
    en: '{portal}: lowered to {to} in flight at {time}: {reason}.',
    ru: '{portal}: снижено до {to} одновременных запросов в {time}: {reason}.'
  },
  loweredQueued: {
    en: 'requests waited longer at the portal ({ms} ms, {best} ms at best)',
    ru: 'запросы дольше ждали на портале ({ms} мс, в лучшем случае {best} мс)'
  },
  unconfirmed: {
    en: 'The portal did not confirm the change and it could not be read back.',
    ru: 'Портал не подтвердил изменение, и прочитать его состояние не удалось.'
  },
  runFailed: {
    en: {
      one: '{count} operation failed. See why with: {commands}',
      other: '{count} operations failed. See why with: {commands}'
    },
    ru: {
      one: '{count} операция завершилась ошибкой. Причины: {commands}',
      few: '{count} операции завершились ошибкой. Причины: {commands}',
      many: '{count} операций завершились ошибкой. Причины: {commands}',
      other: '{count} операции завершились ошибкой. Причины: {commands}'
    }
  }
})
