import { describe, expect, it } from 'vitest'
import {
  confirmExternalWith,
  decideExternalLink,
  isAllowedExternalUrl,
  isAppUrl,
  type QuestionBox
} from './external-url'
import { createAppHandlers } from './app-handlers'
import { createAppEvents } from '../events'
import { setLanguage } from './language'

describe('external links', () => {
  it('lets only https links out to the system browser', () => {
    expect(isAllowedExternalUrl('https://portal.bitrix24.com/sites/')).toBe(true)
    for (const url of [
      'http://portal.example',
      'file:///etc/passwd',
      'javascript:alert(1)',
      'smb://host/share',
      'nonsense',
      'https://user:pw@host/'
    ]) {
      expect(isAllowedExternalUrl(url)).toBe(false)
    }
  })

  it('recognises the app own pages and nothing else', () => {
    const app = 'app://b24desk/index.html'
    expect(isAppUrl('app://b24desk/index.html#/sites', app)).toBe(true)
    expect(isAppUrl('app://b24desk/assets/index.js', app)).toBe(true)
    expect(isAppUrl('app://b24desk', app)).toBe(true)
    // Custom schemes have an opaque origin ("null"): another app:// host or scheme must not match.
    expect(isAppUrl('app://evil/index.html', app)).toBe(false)
    expect(isAppUrl('evil://b24desk/index.html', app)).toBe(false)
    expect(isAppUrl('https://b24desk/index.html', app)).toBe(false)
    expect(isAppUrl('file:///opt/b24/resources/app.asar/out/renderer/index.html', app)).toBe(false)
    expect(isAppUrl('app://user@b24desk/index.html', app)).toBe(false)
    expect(isAppUrl('http://localhost:5173/#/sites', 'http://localhost:5173')).toBe(true)
    expect(isAppUrl('http://localhost:5174/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl('https://localhost:5173/', 'http://localhost:5173')).toBe(false)
    expect(isAppUrl(undefined, app)).toBe(false)
    expect(isAppUrl('about:blank', app)).toBe(false)
  })

  it('never takes a file:// or opaque page for the app', () => {
    const built = 'file:///opt/b24/resources/app/out/renderer/index.html'
    expect(isAppUrl(built, built)).toBe(false)
    expect(isAppUrl('data:text/html,hi', 'data:text/html,hi')).toBe(false)
  })
})

describe('where a link opens', () => {
  const portals = ['acme.bitrix24.com', '127.0.0.1:8443']

  it('opens the portals own hosts and Bitrix24 public hosts directly', () => {
    for (const url of [
      'https://acme.bitrix24.com/crm/deal/',
      'https://ACME.bitrix24.com/sites/',
      'https://127.0.0.1:8443/rest/',
      'https://shop.bitrix24.site/promo/',
      'https://helpdesk.bitrix24.com/open/1/',
      'https://www.bitrix24.ru/'
    ])
      expect(decideExternalLink(url, portals), url).toEqual({ action: 'open' })
  })

  it('shows any other host and asks first', () => {
    for (const [url, host] of [
      ['https://evil.example/login', 'evil.example'],
      ['https://other.bitrix24.com/', 'other.bitrix24.com'],
      ['https://127.0.0.1:9443/', '127.0.0.1:9443'],
      ['https://acme.bitrix24.com.evil.example/', 'acme.bitrix24.com.evil.example'],
      ['https://bitrix24.site.evil.example/', 'bitrix24.site.evil.example'],
      ['https://shop.bitrix24.site:444/', 'shop.bitrix24.site:444']
    ])
      expect(decideExternalLink(url, portals), url).toEqual({ action: 'ask', host })
  })

  it('refuses anything that is not plain https', () => {
    for (const url of ['http://acme.bitrix24.com/', 'https://u:p@acme.bitrix24.com/', 'file:///etc/passwd'])
      expect(decideExternalLink(url, portals), url).toEqual({ action: 'refuse' })
  })
})

describe('the openExternal request', () => {
  const make = (answer: boolean) => {
    const opened: string[] = []
    const asked: Array<[string, string]> = []
    const handlers = createAppHandlers({
      name: 'B24 Desk',
      version: '0',
      platform: 'linux',
      dataDir: '/nonexistent',
      events: createAppEvents(),
      openExternal: async (url) => {
        opened.push(url)
      },
      portalHosts: () => ['acme.bitrix24.com'],
      confirmExternal: async (host, url) => {
        asked.push([host, url])
        return answer
      }
    })
    return { open: (url: string) => handlers['app:openExternal']({ url }), opened, asked }
  }

  it('opens a portal link without asking', async () => {
    const h = make(false)
    await h.open('https://acme.bitrix24.com/sites/')
    expect(h.opened).toEqual(['https://acme.bitrix24.com/sites/'])
    expect(h.asked).toEqual([])
  })

  it('opens a link to another host only when the person agrees, after showing its host', async () => {
    const declined = make(false)
    await declined.open('https://evil.example/x')
    expect(declined.asked).toEqual([['evil.example', 'https://evil.example/x']])
    expect(declined.opened).toEqual([])
    const agreed = make(true)
    await agreed.open('https://evil.example/x')
    expect(agreed.opened).toEqual(['https://evil.example/x'])
  })

  it('refuses a plain http link with a message in the chosen language', async () => {
    setLanguage('ru')
    try {
      await expect(make(true).open('http://acme.bitrix24.com/')).rejects.toThrow(/только ссылки https/)
    } finally {
      setLanguage('en')
    }
  })

  it('builds the question with the host in the message', async () => {
    let box: QuestionBox | null = null
    const ok = await confirmExternalWith(async (b) => {
      box = b
      return { response: 1 }
    })('evil.example', 'https://evil.example/x')
    expect(ok).toBe(false)
    expect(box).toMatchObject({ message: 'Open a link to evil.example?', cancelId: 1, defaultId: 1 })
  })
})
