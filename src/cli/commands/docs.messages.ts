import { defineMessages } from '../i18n'

/** Texts of `docs`: the documents' public links. */
export const docsText = defineMessages(
  'docs',
  {
    details:
      'LINK says whether the public link is on, with its URL: what the last read of the document, or the\n' +
      'read-back after "b24desk link on|off", found. --links asks the portal about each document whose link is\n' +
      'not known yet (one request per document). With --json, "publicUrl" is the URL, null when the link is\n' +
      'off, and absent when not known; "link" is "on", "off" or "unknown".\n',
    on: 'on',
    off: 'off',
    unknown: '?'
  },
  {
    details:
      'ССЫЛКА говорит, включена ли публичная ссылка, и её адрес: что нашло последнее чтение документа или\n' +
      'перечитывание после "b24desk link on|off". --links спрашивает портал о каждом документе, состояние ссылки\n' +
      'которого ещё неизвестно (по запросу на документ). С --json "publicUrl" — адрес, null, если ссылка\n' +
      'выключена, и отсутствует, если неизвестно; "link" — "on", "off" или "unknown".\n',
    on: 'вкл.',
    off: 'выкл.',
    unknown: '?'
  }
)
