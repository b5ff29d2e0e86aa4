import { localize } from '../app/language'
import type { MenuItemSpec } from './keep-running'

export interface AppMenuActions {
  saveDiagnostics(): void
  openDocs(): void
  about(): void
  checkForUpdates(): void
}

const L = {
  file: { en: '&File', ru: '&Файл' },
  saveDiagnostics: { en: 'Save Diagnostics…', ru: 'Сохранить диагностику…' },
  quit: { en: 'Quit', ru: 'Выйти' },
  edit: { en: '&Edit', ru: '&Правка' },
  undo: { en: 'Undo', ru: 'Отменить' },
  redo: { en: 'Redo', ru: 'Повторить' },
  cut: { en: 'Cut', ru: 'Вырезать' },
  copy: { en: 'Copy', ru: 'Копировать' },
  paste: { en: 'Paste', ru: 'Вставить' },
  selectAll: { en: 'Select All', ru: 'Выделить всё' },
  view: { en: '&View', ru: '&Вид' },
  reload: { en: 'Reload', ru: 'Перезагрузить' },
  devTools: { en: 'Toggle Developer Tools', ru: 'Инструменты разработчика' },
  resetZoom: { en: 'Actual Size', ru: 'Исходный размер' },
  zoomIn: { en: 'Zoom In', ru: 'Увеличить' },
  zoomOut: { en: 'Zoom Out', ru: 'Уменьшить' },
  fullScreen: { en: 'Toggle Full Screen', ru: 'Полноэкранный режим' },
  window: { en: '&Window', ru: '&Окно' },
  minimize: { en: 'Minimize', ru: 'Свернуть' },
  close: { en: 'Close Window', ru: 'Закрыть окно' },
  help: { en: '&Help', ru: '&Справка' },
  docs: { en: 'Documentation', ru: 'Документация' },
  updates: { en: 'Check for Updates…', ru: 'Проверить обновления…' },
  about: { en: 'About B24 Desk', ru: 'О программе B24 Desk' }
}

const t = (k: keyof typeof L) => localize(L[k])

/**
 * The standard application menu, in the app's language: File (diagnostics, quit), Edit (copy and
 * paste work in every field through these roles), View (zoom), Window, Help (docs, updates,
 * diagnostics, About). Reload and DevTools only in an unpackaged build.
 */
export const appMenu = (opts: {
  platform: string
  packaged: boolean
  actions: AppMenuActions
}): MenuItemSpec[] => {
  const { actions } = opts
  const mac = opts.platform === 'darwin'
  const menu: MenuItemSpec[] = []
  if (mac) {
    menu.push({
      label: 'B24 Desk',
      submenu: [
        { label: t('about'), click: actions.about },
        { label: t('updates'), click: actions.checkForUpdates },
        { type: 'separator' },
        { role: 'hide' },
        { role: 'hideOthers' },
        { role: 'unhide' },
        { type: 'separator' },
        { role: 'quit', label: t('quit') }
      ]
    })
  }
  menu.push({
    label: t('file'),
    submenu: [
      { id: 'save-diagnostics', label: t('saveDiagnostics'), click: actions.saveDiagnostics },
      ...(mac
        ? []
        : [{ type: 'separator' as const }, { role: 'quit', label: t('quit'), accelerator: 'CmdOrCtrl+Q' }])
    ]
  })
  menu.push({
    label: t('edit'),
    submenu: [
      { role: 'undo', label: t('undo') },
      { role: 'redo', label: t('redo') },
      { type: 'separator' },
      { role: 'cut', label: t('cut') },
      { role: 'copy', label: t('copy') },
      { role: 'paste', label: t('paste') },
      { role: 'selectAll', label: t('selectAll') }
    ]
  })
  menu.push({
    label: t('view'),
    submenu: [
      ...(opts.packaged
        ? []
        : [
            { role: 'reload', label: t('reload') },
            { role: 'toggleDevTools', label: t('devTools') },
            { type: 'separator' as const }
          ]),
      { role: 'resetZoom', label: t('resetZoom') },
      { role: 'zoomIn', label: t('zoomIn') },
      { role: 'zoomOut', label: t('zoomOut') },
      { type: 'separator' },
      { role: 'togglefullscreen', label: t('fullScreen') }
    ]
  })
  menu.push({
    label: t('window'),
    role: 'window',
    submenu: [
      { role: 'minimize', label: t('minimize') },
      { role: 'close', label: t('close') }
    ]
  })
  menu.push({
    label: t('help'),
    role: 'help',
    submenu: [
      { id: 'docs', label: t('docs'), click: actions.openDocs },
      { label: t('updates'), click: actions.checkForUpdates },
      { label: t('saveDiagnostics'), click: actions.saveDiagnostics },
      ...(mac
        ? []
        : [{ type: 'separator' as const }, { id: 'about', label: t('about'), click: actions.about }])
    ]
  })
  return menu
}
