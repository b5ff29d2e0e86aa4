export const en = {
  app: {
    title: 'B24 Desk',
    version: 'Version {{version}}',
    dataDir: 'Data folder',
    dataDirHealthy: 'Data folder is writable',
    dataDirBroken: 'Data folder problem: {{error}}',
    online: 'Online',
    offline: 'Offline',
    loading: 'Loading…'
  }
}
export type Translation = typeof en
