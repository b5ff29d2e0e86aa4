import type { ErrorCategory } from '../../../shared/domain/portal'
import type { Localized } from '../app/language'

/** How one portal error code is understood: what it means for retries, and what a person should do. */
export interface ErrorSpec {
  category: ErrorCategory
  /** The HTTP status the docs give for the code; the client keys on the code, not on the status. */
  status: number | null
  text: Localized
}

const spec = (category: ErrorCategory, status: number | null, en: string, ru: string): ErrorSpec => ({
  category,
  status,
  text: { en, ru }
})

/**
 * Every code listed in docs/bitrix24.md#error-codes, keyed exactly as the portal sends it (codes are
 * case-sensitive: `expired_token` is lower case, landing codes are upper case). `{method}` and
 * `{description}` are filled in when the error is built.
 */
export const ERROR_TABLE: Readonly<Record<string, ErrorSpec>> = {
  // System errors (any method), docs/bitrix24.md#system-errors
  INTERNAL_SERVER_ERROR: spec(
    'transient',
    500,
    'The portal had an internal error while running {method}. B24 Desk will try again; if it keeps failing, contact the portal administrator.',
    'На портале произошла внутренняя ошибка при вызове {method}. B24 Desk повторит попытку; если ошибка не уйдёт, обратитесь к администратору портала.'
  ),
  ERROR_UNEXPECTED_ANSWER: spec(
    'transient',
    500,
    'The portal returned an unexpected answer to {method}. B24 Desk will try again later.',
    'Портал вернул неожиданный ответ на {method}. B24 Desk повторит попытку позже.'
  ),
  ERROR_CORE: spec(
    'transient',
    500,
    'The portal had a database error while running {method}. B24 Desk will try again later.',
    'На портале произошла ошибка базы данных при вызове {method}. B24 Desk повторит попытку позже.'
  ),
  QUERY_LIMIT_EXCEEDED: spec(
    'limited',
    503,
    'Too many requests to the portal. B24 Desk slows down and continues by itself; nothing to do.',
    'Слишком много запросов к порталу. B24 Desk замедлится и продолжит сам; ничего делать не нужно.'
  ),
  OPERATION_TIME_LIMIT: spec(
    'limited',
    429,
    'The portal has blocked {method} for a while because it used up its operating-time budget (up to 10 minutes). B24 Desk waits and continues by itself.',
    'Портал временно заблокировал {method}: исчерпан лимит времени выполнения (до 10 минут). B24 Desk подождёт и продолжит сам.'
  ),
  ERROR_BATCH_METHOD_NOT_ALLOWED: spec(
    'permanent',
    405,
    '{method} cannot be sent inside a batch. This is a defect in B24 Desk; please report it.',
    '{method} нельзя вызывать внутри пакета (batch). Это ошибка B24 Desk; сообщите о ней.'
  ),
  ERROR_BATCH_LENGTH_EXCEEDED: spec(
    'permanent',
    400,
    'A batch had more than 50 commands. This is a defect in B24 Desk; please report it.',
    'В пакете (batch) больше 50 команд. Это ошибка B24 Desk; сообщите о ней.'
  ),
  NO_AUTH_FOUND: spec(
    'auth',
    401,
    'The portal did not accept the credentials: the webhook code is wrong or the webhook was revoked (for an application: the token is not valid). Create a new inbound webhook in Bitrix24 (Developer resources) and update the portal’s credentials.',
    'Портал не принял учётные данные: код вебхука неверен или вебхук отозван (для приложения — токен недействителен). Создайте новый входящий вебхук в Битрикс24 (Разработчикам) и обновите учётные данные портала.'
  ),
  INVALID_REQUEST: spec(
    'permanent',
    400,
    'The portal requires HTTPS. Use the https:// address of the portal.',
    'Портал принимает запросы только по HTTPS. Укажите адрес портала с https://.'
  ),
  OVERLOAD_LIMIT: spec(
    'auth',
    503,
    'Bitrix24 has blocked the REST API for these credentials because of overload. Only Bitrix24 support can lift this block: contact them.',
    'Битрикс24 заблокировал REST API для этих учётных данных из-за перегрузки. Снять блокировку может только поддержка Битрикс24: обратитесь к ним.'
  ),
  ACCESS_DENIED: spec(
    'permanent',
    403,
    'Access denied for {method}: the user the credentials act as has no right to do this, or the plan does not allow it. Ask a portal administrator for the right, or use another user’s webhook.',
    'Доступ к {method} запрещён: у пользователя, от имени которого действуют учётные данные, нет такого права, или тариф этого не позволяет. Попросите права у администратора портала или используйте вебхук другого пользователя.'
  ),
  INVALID_CREDENTIALS: spec(
    'auth',
    403,
    'The portal says the user behind these credentials lacks the rights for {method}. Use a webhook or application of a user with enough rights.',
    'Портал сообщает, что у пользователя этих учётных данных нет прав на {method}. Используйте вебхук или приложение пользователя с достаточными правами.'
  ),
  ERROR_MANIFEST_IS_NOT_AVAILABLE: spec(
    'permanent',
    404,
    'The portal says the manifest is not available for {method}.',
    'Портал сообщает, что манифест недоступен для {method}.'
  ),
  // Refusals of one method to credentials that otherwise work are 'permanent' for the items that
  // need that method, not 'auth': the rest of the portal's work goes on, and the person fixes the
  // permission in Bitrix24 and retries the failed items. 'auth' means nothing works until the
  // credentials themselves change (see classify() in outbox/retry-policy.ts for the batch side).
  insufficient_scope: spec(
    'permanent',
    403,
    'The webhook or application has no “{scope}” permission (scope), which {method} needs; other work on the portal goes on. In Bitrix24, add “{scope}” to the permissions of the webhook (Developer resources) or of the application, then choose “Retry failed”.',
    'У вебхука или приложения нет права (scope) «{scope}», которое нужно для {method}; остальная работа с порталом продолжается. В Битрикс24 добавьте «{scope}» в права вебхука (Разработчикам) или приложения, затем нажмите «Повторить ошибки».'
  ),
  expired_token: spec(
    'auth',
    401,
    'The access token has expired and could not be renewed. Update the application’s tokens for this portal.',
    'Срок действия токена доступа истёк, и обновить его не удалось. Обновите токены приложения для этого портала.'
  ),
  invalid_token: spec(
    'auth',
    401,
    'The portal did not accept the access token. Update the application’s tokens for this portal.',
    'Портал не принял токен доступа. Обновите токены приложения для этого портала.'
  ),
  user_access_error: spec(
    'auth',
    403,
    'The user behind these credentials has no access to the application. In Bitrix24, allow this user to use the application, or use another user.',
    'У пользователя этих учётных данных нет доступа к приложению. Разрешите ему доступ в Битрикс24 или используйте другого пользователя.'
  ),
  PORTAL_DELETED: spec(
    'auth',
    500,
    'The portal was deleted or its public part is closed. Check the address, or remove the portal from B24 Desk.',
    'Портал удалён или его публичная часть закрыта. Проверьте адрес или удалите портал из B24 Desk.'
  ),
  APPLICATION_NOT_FOUND: spec(
    'auth',
    401,
    'The application is not installed on the portal. Install it again and update the tokens.',
    'Приложение не установлено на портале. Установите его снова и обновите токены.'
  ),
  CONNECTION_ERROR: spec(
    'transient',
    null,
    'The portal could not reach the Bitrix24 authorisation server. B24 Desk will try again later.',
    'Портал не смог связаться с сервером авторизации Битрикс24. B24 Desk повторит попытку позже.'
  ),
  authorization_error: spec(
    'auth',
    401,
    'The portal could not authorise the user behind these credentials. Check that the user is active, then update the credentials.',
    'Портал не смог авторизовать пользователя этих учётных данных. Проверьте, что пользователь активен, и обновите учётные данные.'
  ),
  WRONG_AUTH_TYPE: spec(
    'permanent',
    403,
    '{method} cannot be called with this kind of credentials. Use an application instead of a webhook (or the other way round).',
    '{method} нельзя вызвать с такими учётными данными. Используйте приложение вместо вебхука (или наоборот).'
  ),
  WRONG_LICENSE: spec(
    'permanent',
    403,
    'The portal’s license does not allow {method}. Check the portal’s plan.',
    'Лицензия портала не позволяет вызвать {method}. Проверьте тариф портала.'
  ),
  METHOD_CONFIRM_WAITING: spec(
    'permanent',
    401,
    'A portal administrator has to confirm that the application may use {method}. Ask them to confirm it in Bitrix24.',
    'Администратор портала должен подтвердить, что приложению можно вызывать {method}. Попросите его подтвердить это в Битрикс24.'
  ),
  METHOD_CONFIRM_DENIED: spec(
    'permanent',
    403,
    'A portal administrator refused the application the use of {method}. Ask them to allow it in Bitrix24.',
    'Администратор портала запретил приложению вызывать {method}. Попросите его разрешить это в Битрикс24.'
  ),
  ERROR_METHOD_NOT_FOUND: spec(
    'permanent',
    404,
    'The portal does not know the method {method}: the module may be missing or too old. Update the portal or check that the module is installed.',
    'Портал не знает метод {method}: модуль отсутствует или устарел. Обновите портал или проверьте, что модуль установлен.'
  ),
  WRONG_ENCODING: spec(
    'permanent',
    400,
    'The portal could not read the request encoding for {method}. This is a defect in B24 Desk; please report it.',
    'Портал не смог разобрать кодировку запроса {method}. Это ошибка B24 Desk; сообщите о ней.'
  ),
  ERROR_ARGUMENT: spec(
    'permanent',
    400,
    'The portal rejected an argument of {method}: {description}',
    'Портал отклонил аргумент {method}: {description}'
  ),

  // Authorisation server (OAuth refresh), docs/bitrix24.md#oauth
  invalid_client: spec(
    'auth',
    400,
    'The authorisation server rejected the application’s client id or secret, or the application is no longer installed. Check the client id and secret.',
    'Сервер авторизации отклонил client id или secret приложения, либо приложение больше не установлено. Проверьте client id и secret.'
  ),
  invalid_grant: spec(
    'auth',
    400,
    'The application’s refresh token is no longer valid (expired, or already used by another copy of the app), so B24 Desk cannot renew access. Reconnect the application: reinstall or reauthorise it in Bitrix24, then enter the new tokens in the portal’s credentials.',
    'Refresh-токен приложения больше не действителен (истёк или уже использован другой копией приложения), поэтому B24 Desk не может продлить доступ. Подключите приложение заново: переустановите или заново авторизуйте его в Битрикс24 и введите новые токены в учётные данные портала.'
  ),
  invalid_request: spec(
    'auth',
    400,
    'The authorisation server rejected the token request. Check the OAuth server address and the application’s credentials.',
    'Сервер авторизации отклонил запрос токена. Проверьте адрес OAuth-сервера и данные приложения.'
  ),
  invalid_scope: spec(
    'auth',
    400,
    'The application does not have the scopes it asked for. Grant “landing” and “crm” to the application in Bitrix24.',
    'У приложения нет запрошенных прав. Выдайте приложению права «landing» и «crm» в Битрикс24.'
  ),
  PAYMENT_REQUIRED: spec(
    'auth',
    402,
    'The application’s trial or paid period has ended. Renew the subscription in Bitrix24.',
    'Пробный или оплаченный период приложения закончился. Продлите подписку в Битрикс24.'
  ),

  // Landing methods, docs/bitrix24.md#landing
  MISSING_PARAMS: spec(
    'permanent',
    400,
    'The portal says parameters are missing for {method}: {description}. This is a defect in B24 Desk; please report it.',
    'Портал сообщает, что для {method} не хватает параметров: {description}. Это ошибка B24 Desk; сообщите о ней.'
  ),
  TYPE_ERROR: spec(
    'permanent',
    400,
    'The portal rejected a parameter type of {method}: {description}. This is a defect in B24 Desk; please report it.',
    'Портал отклонил тип параметра {method}: {description}. Это ошибка B24 Desk; сообщите о ней.'
  ),
  LANDING_ARGUMENT_TYPE_ERROR: spec(
    'permanent',
    400,
    'The portal rejected a parameter type of {method}: {description}. This is a defect in B24 Desk; please report it.',
    'Портал отклонил тип параметра {method}: {description}. Это ошибка B24 Desk; сообщите о ней.'
  ),
  SYSTEM_ERROR: spec(
    'permanent',
    400,
    'The portal failed while running {method}. Try again later; if it repeats, contact the portal administrator.',
    'Портал не смог выполнить {method}. Повторите позже; если ошибка повторится, обратитесь к администратору портала.'
  ),
  LANDING_NOT_EXIST: spec(
    'permanent',
    400,
    'The page does not exist any more, is in the trash, or you cannot see it. Refresh the list of pages.',
    'Страница больше не существует, находится в корзине или недоступна вам. Обновите список страниц.'
  ),
  PUBLIC_PAGE_REACHED: spec(
    'permanent',
    400,
    'The portal’s plan does not allow more published pages. Unpublish other pages or upgrade the plan.',
    'Тариф портала не позволяет опубликовать больше страниц. Снимите с публикации другие страницы или смените тариф.'
  ),
  PUBLIC_SITE_REACHED: spec(
    'permanent',
    400,
    'The portal’s plan does not allow more published sites. Unpublish another site or upgrade the plan.',
    'Тариф портала не позволяет опубликовать больше сайтов. Снимите с публикации другой сайт или смените тариф.'
  ),
  PUBLIC_SITE_REACHED_FREE: spec(
    'permanent',
    400,
    'Publishing sites is available only on paid plans of this portal. Upgrade the plan.',
    'Публикация сайтов на этом портале доступна только на платных тарифах. Смените тариф.'
  ),
  LANDING_PAYMENT_FAILED: spec(
    'permanent',
    400,
    'The page comes from a Marketplace application that needs a subscription. Renew the Marketplace subscription.',
    'Страница создана приложением Маркета, для которого нужна подписка. Продлите подписку Маркета.'
  ),
  LANDING_PAYMENT_FAILED_BLOCK: spec(
    'permanent',
    400,
    'A block on the page comes from a Marketplace application that needs a subscription. Renew the subscription or remove the block.',
    'Блок на странице создан приложением Маркета, для которого нужна подписка. Продлите подписку или удалите блок.'
  ),
  PUBLIC_HTML_DISALLOWED: spec(
    'permanent',
    400,
    'The portal’s plan does not allow custom HTML blocks ({description}). Remove the HTML block or upgrade the plan.',
    'Тариф портала не позволяет блоки с произвольным HTML ({description}). Удалите HTML-блок или смените тариф.'
  ),
  PHONE_NOT_CONFIRMED: spec(
    'permanent',
    400,
    'The portal requires a confirmed phone number before publishing. Confirm it in Bitrix24.',
    'Портал требует подтвердить номер телефона перед публикацией. Подтвердите его в Битрикс24.'
  ),
  EMAIL_NOT_CONFIRMED: spec(
    'permanent',
    400,
    'The portal requires a confirmed e-mail address before publishing. Confirm it in Bitrix24.',
    'Портал требует подтвердить адрес e-mail перед публикацией. Подтвердите его в Битрикс24.'
  ),
  URLCHECKER_FAIL: spec(
    'permanent',
    400,
    'Bitrix24 found suspicious content on the page and refused to publish it. Review the page’s content.',
    'Битрикс24 нашёл подозрительное содержимое на странице и отказался её публиковать. Проверьте содержимое страницы.'
  ),
  LICENSE_EXPIRED: spec(
    'permanent',
    400,
    'The portal’s license has expired. Renew it to publish.',
    'Лицензия портала истекла. Продлите её, чтобы публиковать.'
  ),

  // Document generator, docs/bitrix24.md#documents
  DOCGEN_ACCESS_ERROR: spec(
    'permanent',
    400,
    'You have no right to change this CRM document. Ask a portal administrator for document generator rights.',
    'У вас нет права изменять этот документ CRM. Попросите у администратора портала права на генератор документов.'
  ),
  '0': spec(
    'permanent',
    400,
    'The CRM document was not found; it may have been deleted. Refresh the list of documents.',
    'Документ CRM не найден; возможно, он удалён. Обновите список документов.'
  ),
  // D7 controllers send an empty code for "no permission to view documents" and "module not installed".
  '': spec(
    'permanent',
    400,
    'The portal refused {method}: {description}. Usually the document generator module is not installed or you may not view documents; ask a portal administrator.',
    'Портал отказал в {method}: {description}. Обычно это значит, что модуль генератора документов не установлен или у вас нет права просматривать документы; обратитесь к администратору портала.'
  ),
  '100': spec(
    'permanent',
    400,
    'The portal rejected the request to {method}: {description}. This is a defect in B24 Desk; please report it.',
    'Портал отклонил запрос {method}: {description}. Это ошибка B24 Desk; сообщите о ней.'
  ),

  // Codes B24 Desk gives failures that never reached a portal's REST handler.
  NETWORK_UNREACHABLE: spec(
    'unreachable',
    null,
    'The portal cannot be reached ({description}). Check the address, your network or VPN; B24 Desk keeps checking and resumes when it is back.',
    'Портал недоступен ({description}). Проверьте адрес, сеть или VPN; B24 Desk продолжит проверять и возобновит работу, когда портал станет доступен.'
  ),
  NETWORK_ERROR: spec(
    'transient',
    null,
    'The connection to the portal broke ({description}). B24 Desk will try again.',
    'Соединение с порталом прервалось ({description}). B24 Desk повторит попытку.'
  ),
  TIMEOUT: spec(
    'transient',
    null,
    'The portal did not answer {method} in time. B24 Desk will try again; if it keeps happening, the portal may be overloaded.',
    'Портал не ответил на {method} вовремя. B24 Desk повторит попытку; если так будет и дальше, портал, возможно, перегружен.'
  ),
  TLS_CERTIFICATE: spec(
    'unreachable',
    null,
    'The portal’s certificate is not trusted ({description}). If this is your own server, add its CA certificate to the portal’s settings; otherwise the connection may be intercepted.',
    'Сертификат портала не является доверенным ({description}). Если это ваш сервер, добавьте его сертификат CA в настройки портала; иначе соединение может быть перехвачено.'
  ),
  PORTAL_REDIRECTED: spec(
    'auth',
    null,
    'The portal did not answer {method} itself: it sent B24 Desk to another address ({description}). B24 Desk does not follow such redirects, so the webhook code or token never goes anywhere else. If the portal has moved (a new domain, or a proxy in front of it), open its address in a browser to see where it is now, then enter its credentials again with that address.',
    'Портал не ответил на {method} сам, а отправил B24 Desk на другой адрес ({description}). B24 Desk не переходит по таким перенаправлениям, поэтому код вебхука или токен никуда больше не уходят. Если портал переехал (новый домен или прокси перед ним), откройте его адрес в браузере, чтобы узнать, где он теперь, и введите учётные данные заново с этим адресом.'
  ),
  PORTAL_IDENTITY_CHANGED: spec(
    'auth',
    null,
    'The portal at {description} now answers as a different portal than the one added to B24 Desk (its member_id changed: it was deleted and its address given to a new one, or the address points elsewhere). Its queued work is held and nothing is sent. If this really is the same portal, enter its credentials again; otherwise remove it.',
    'Портал по адресу {description} теперь отвечает как другой портал, не тот, что добавлен в B24 Desk (изменился его member_id: портал удалён и его адрес отдан новому, или адрес указывает в другое место). Его очередь задержана, ничего не отправляется. Если это действительно тот же портал, введите учётные данные заново; иначе удалите его.'
  ),
  LIST_TOO_LONG: spec(
    'permanent',
    null,
    'The portal’s answer to {method} does not end: {description}. B24 Desk stopped reading it rather than run out of memory. If the portal really holds this much, narrow what is read (fewer sites or portals at once).',
    'Ответ портала на {method} не заканчивается: {description}. B24 Desk прекратил чтение, чтобы не исчерпать память. Если на портале действительно столько данных, сузьте выборку (меньше сайтов или порталов за раз).'
  ),
  RESPONSE_TOO_LARGE: spec(
    'permanent',
    null,
    'The portal’s answer to {method} is larger than B24 Desk accepts ({description}). Nothing was read from it.',
    'Ответ портала на {method} больше, чем принимает B24 Desk ({description}). Из него ничего не прочитано.'
  ),
  NON_JSON_RESPONSE: spec(
    'transient',
    null,
    'The portal answered {method} with a web page instead of data (HTTP {status}). It may be overloaded or under maintenance; B24 Desk will try again later.',
    'Портал ответил на {method} веб-страницей вместо данных (HTTP {status}). Возможно, он перегружен или на обслуживании; B24 Desk повторит попытку позже.'
  )
}

/** Codes that carry a variable suffix, e.g. `PUBLIC_HTML_DISALLOWED[L123]`. */
export const PREFIX_CODES = ['PUBLIC_HTML_DISALLOWED'] as const
