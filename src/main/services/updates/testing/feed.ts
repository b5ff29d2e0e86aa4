import { createHash } from 'node:crypto'
import { request, type RequestOptions } from 'node:https'
import type { ClientRequest, IncomingMessage } from 'node:http'
import { mkdirSync, writeFileSync } from 'node:fs'
import { join } from 'node:path'
import {
  HttpExecutor,
  configureRequestOptions,
  configureRequestUrl,
  type DownloadOptions
} from 'builder-util-runtime'
import type { AppAdapter } from 'electron-updater/out/AppAdapter'
import type { LocalHttps } from '../../bitrix/testing/local-https'

/**
 * electron-updater's HTTP client for Node: Electron's `net` is not here. It trusts exactly the test
 * server's CA, as the app trusts the system's CAs.
 */
export class LoopbackHttpExecutor extends HttpExecutor<ClientRequest> {
  constructor(private readonly ca: string) {
    super()
  }

  createRequest(options: RequestOptions, callback: (response: IncomingMessage) => void): ClientRequest {
    const host = String(options.hostname ?? options.host ?? '')
    if (host !== '127.0.0.1' && host !== 'localhost') throw new Error(`test refused to reach ${host}`)
    return request({ ...options, ca: this.ca, agent: false }, callback)
  }

  /** What ElectronHttpExecutor.download does, over Node's https. */
  download(url: URL, destination: string, options: DownloadOptions): Promise<string> {
    return options.cancellationToken.createPromise((resolve, reject, onCancel) => {
      const requestOptions: RequestOptions = { headers: options.headers ?? undefined }
      configureRequestUrl(url, requestOptions)
      configureRequestOptions(requestOptions)
      this.doDownload(
        requestOptions,
        {
          destination,
          options,
          onCancel,
          callback: (error) => (error == null ? resolve(destination) : reject(error)),
          responseHandler: null
        },
        0
      )
    })
  }
}

/** The app as electron-updater sees it, with its folders in `dir`. */
export const testAppAdapter = (dir: string, version: string, feedUrl: string): AppAdapter => {
  mkdirSync(join(dir, 'userData'), { recursive: true })
  mkdirSync(join(dir, 'cache'), { recursive: true })
  const appUpdateConfigPath = join(dir, 'app-update.yml')
  // What electron-builder writes into resources/ from the `publish` setting.
  writeFileSync(
    appUpdateConfigPath,
    `provider: generic\nurl: ${feedUrl}\nupdaterCacheDirName: b24-desk-updater\n`
  )
  return {
    version,
    name: 'B24 Desk',
    isPackaged: true,
    appUpdateConfigPath,
    userDataPath: join(dir, 'userData'),
    baseCachePath: join(dir, 'cache'),
    whenReady: () => Promise.resolve(),
    relaunch: () => {},
    quit: () => {},
    onQuit: () => {}
  }
}

export const sha512 = (data: Buffer) => createHash('sha512').update(data).digest('base64')

export interface Release {
  version: string
  artifact: Buffer
  /** What latest-linux.yml claims; the artifact's own hash unless a test lies. */
  sha512?: string
  stagingPercentage?: number
  releaseNotes?: string
}

/** Serves latest-linux.yml and the .deb it names, as a generic feed does. */
export const serveRelease = (server: LocalHttps, release: Release) => {
  const file = `b24-desk_${release.version}_amd64.deb`
  const yml = [
    `version: ${release.version}`,
    'files:',
    `  - url: ${file}`,
    `    sha512: ${release.sha512 ?? sha512(release.artifact)}`,
    `    size: ${release.artifact.length}`,
    `path: ${file}`,
    `sha512: ${release.sha512 ?? sha512(release.artifact)}`,
    `releaseDate: '2026-12-01T10:00:00.000Z'`,
    ...(release.stagingPercentage !== undefined ? [`stagingPercentage: ${release.stagingPercentage}`] : []),
    ...(release.releaseNotes !== undefined ? [`releaseNotes: ${JSON.stringify(release.releaseNotes)}`] : [])
  ].join('\n')
  server.handle((req, res) => {
    const path = req.url.split('?')[0]
    if (path === '/feed/latest-linux.yml') res.writeHead(200, { 'content-type': 'text/yaml' }).end(yml)
    else if (path === `/feed/${file}`)
      res.writeHead(200, { 'content-length': release.artifact.length }).end(release.artifact)
    else res.writeHead(404).end()
  })
}
