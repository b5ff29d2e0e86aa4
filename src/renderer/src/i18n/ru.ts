import type { Translation } from './en'

export const ru: Translation = {
  app: {
    title: 'B24 Desk',
    version: 'Версия {{version}}',
    dataDir: 'Папка данных',
    dataDirHealthy: 'Папка данных доступна для записи',
    dataDirBroken: 'Проблема с папкой данных: {{error}}',
    online: 'В сети',
    offline: 'Нет сети',
    loading: 'Загрузка…'
  }
}
