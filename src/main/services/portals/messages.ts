import { registerTexts } from '../app/language'

/** User-facing texts of the portals service, in both languages; registered with i18next and said with `localize`. */
export const messages = registerTexts('portals', {
  nameTaken: {
    en: 'A portal named “{name}” already exists. Choose another name.',
    ru: 'Портал с именем «{name}» уже есть. Выберите другое имя.'
  },
  unknownPortal: {
    en: 'There is no such portal in B24 Desk (it may have been removed).',
    ru: 'Такого портала нет в B24 Desk (возможно, он удалён).'
  },
  noCredentials: {
    en: 'This portal has no stored credentials (it was imported, or its keychain entry was removed). Enter its webhook or application credentials again.',
    ru: 'Для этого портала нет сохранённых учётных данных (он импортирован или запись в хранилище паролей удалена). Введите вебхук или данные приложения заново.'
  },
  duplicateOAuth: {
    en: 'This portal is already in B24 Desk as “{name}” ({host}, the same application). A second copy would get its own queue while both share the portal’s request limits. Use “{name}”, or change its credentials there.',
    ru: 'Этот портал уже есть в B24 Desk под именем «{name}» ({host}, то же приложение). У второй копии была бы своя очередь, а лимиты запросов портала — общие. Используйте «{name}» или измените учётные данные у него.'
  },
  duplicateWebhook: {
    en: 'This portal is already in B24 Desk as “{name}” ({host}, a webhook of the same user). A second copy would get its own queue while both share the portal’s request limits. Use “{name}”, or change its credentials there.',
    ru: 'Этот портал уже есть в B24 Desk под именем «{name}» ({host}, вебхук того же пользователя). У второй копии была бы своя очередь, а лимиты запросов портала — общие. Используйте «{name}» или измените учётные данные у него.'
  },
  hostChanged: {
    en: 'These credentials are for {newHost}, but “{name}” is the portal at {host}. Its queued and scheduled work, snapshots and cached lists belong to {host}, so B24 Desk does not move it to another portal. Add {newHost} as a new portal instead.',
    ru: 'Эти учётные данные — для {newHost}, а «{name}» — портал {host}. Его очередь, запланированные задания, снимки и кэш списков относятся к {host}, поэтому B24 Desk не переносит его на другой портал. Добавьте {newHost} как новый портал.'
  },
  credentialsBoundElsewhere: {
    en: 'The saved credentials of “{name}” were given for another {what} than the portal list now holds. B24 Desk does not send them there. If you did not change this portal, its data may have been altered; enter its credentials again to use it.',
    ru: 'Сохранённые учётные данные «{name}» были введены для другого значения ({what}), чем теперь записано в списке порталов. B24 Desk не отправляет их туда. Если вы не меняли этот портал, его данные могли быть изменены; введите учётные данные заново, чтобы продолжить.'
  },
  demoCa: {
    en: 'The demo portal trusts the certificate of the emulator B24 Desk runs for it; it cannot be changed.',
    ru: 'Демо-портал доверяет сертификату эмулятора, который запускает для него B24 Desk; его нельзя изменить.'
  },
  caRefused: {
    en: '“{name}” was called with the new certificate and did not answer, so nothing was changed (it keeps the certificate it trusted): {reason}',
    ru: '«{name}» не ответил при проверке с новым сертификатом, поэтому ничего не изменено (остаётся прежний доверенный сертификат): {reason}'
  },
  importInvalid: {
    en: 'This file is not a B24 Desk portal list (exported with “Export portals”).',
    ru: 'Этот файл не является списком порталов B24 Desk (созданным командой «Экспорт порталов»).'
  },
  importCaDropped: {
    en: 'The certificate to trust that came with it in the file was not imported: only a portal on this computer may bring its own. If this portal really needs one, give it again with the credentials.',
    ru: 'Доверенный сертификат, который был в файле, не импортирован: свой сертификат может быть только у портала на этом компьютере. Если он действительно нужен, укажите его снова вместе с учётными данными.'
  },
  importOAuthServerDropped: {
    en: 'The OAuth server address in the file was not imported: it must start with https://.',
    ru: 'Адрес сервера OAuth из файла не импортирован: он должен начинаться с https://.'
  },
  keychainUnavailable: {
    en: 'No OS keychain (Secret Service) is available, so B24 Desk cannot store the portal’s credentials safely. It never stores them in plain text. Start a keyring (for example GNOME Keyring or KWallet) and unlock it, then try again.',
    ru: 'Системное хранилище паролей (Secret Service) недоступно, поэтому B24 Desk не может надёжно сохранить учётные данные портала. В открытом виде он их не хранит. Запустите и разблокируйте хранилище ключей (например, GNOME Keyring или KWallet) и повторите попытку.'
  }
})

/** The parts of where a secret may be used, named in credentialsBoundElsewhere. */
export const bindingParts = registerTexts('portals binding parts', {
  host: { en: 'portal address', ru: 'адрес портала' },
  oauthServer: { en: 'OAuth server', ru: 'сервер OAuth' },
  ca: { en: 'trusted certificate', ru: 'доверенный сертификат' }
})
