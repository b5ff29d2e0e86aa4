// Where `npm start` finds Electron's binary, how it gets one when it is missing, and what it tells a
// person when it cannot. Electron 45 no longer downloads its binary at install time: the first
// `require('electron')` does, and electron-vite 6 only reads `node_modules/electron/path.txt`
// (it stops with "Error: Electron uninstall" when that file is missing). So `npm start` runs the
// Electron package's own installer (`install.js`, which honours ELECTRON_MIRROR, the proxy settings
// and the package's checksums) before electron-vite, and hands it the path through
// ELECTRON_EXEC_PATH, the one variable electron-vite reads.
import { spawn } from 'node:child_process'
import { lookup } from 'node:dns/promises'
import { connect } from 'node:net'
import { existsSync, readFileSync } from 'node:fs'
import { join } from 'node:path'

/** The executable inside an unpacked Electron, as the Electron package's installer names it. */
export const platformPath = (platform = process.platform) => {
  switch (platform) {
    case 'darwin':
    case 'mas':
      return 'Electron.app/Contents/MacOS/Electron'
    case 'win32':
      return 'electron.exe'
    default:
      return 'electron'
  }
}

const readText = (file) => {
  try {
    return readFileSync(file, 'utf8').trim()
  } catch {
    return null
  }
}

/**
 * Finds a usable Electron without downloading anything.
 * @returns {{ state: 'ready', execPath: string, source: string }
 *   | { state: 'broken', variable: string, execPath: string }
 *   | { state: 'missing', version: string }}
 */
export const locateElectron = ({ electronDir, env = process.env, platform = process.platform }) => {
  const version = JSON.parse(readFileSync(join(electronDir, 'package.json'), 'utf8')).version
  if (env.ELECTRON_EXEC_PATH) {
    return existsSync(env.ELECTRON_EXEC_PATH)
      ? { state: 'ready', execPath: env.ELECTRON_EXEC_PATH, source: 'ELECTRON_EXEC_PATH' }
      : { state: 'broken', variable: 'ELECTRON_EXEC_PATH', execPath: env.ELECTRON_EXEC_PATH }
  }
  if (env.ELECTRON_OVERRIDE_DIST_PATH) {
    const execPath = join(env.ELECTRON_OVERRIDE_DIST_PATH, platformPath(platform))
    return existsSync(execPath)
      ? { state: 'ready', execPath, source: 'ELECTRON_OVERRIDE_DIST_PATH' }
      : { state: 'broken', variable: 'ELECTRON_OVERRIDE_DIST_PATH', execPath }
  }
  const recorded = readText(join(electronDir, 'path.txt'))
  const installed = readText(join(electronDir, 'dist', 'version'))
  if (recorded && installed?.replace(/^v/, '') === version) {
    const execPath = join(electronDir, 'dist', recorded)
    if (existsSync(execPath)) return { state: 'ready', execPath, source: 'node_modules/electron' }
  }
  return { state: 'missing', version }
}

/** Runs the Electron package's own installer, echoing what it prints and keeping it for the diagnosis. */
export const runElectronInstaller = ({ electronDir, env = process.env, echo = true }) =>
  new Promise((resolve) => {
    const child = spawn(process.execPath, [join(electronDir, 'install.js')], {
      cwd: electronDir,
      env,
      stdio: ['ignore', 'pipe', 'pipe']
    })
    let output = ''
    const keep = (stream) => (chunk) => {
      output += chunk
      if (echo) stream.write(chunk)
    }
    child.stdout.on('data', keep(process.stdout))
    child.stderr.on('data', keep(process.stderr))
    child.on('error', (err) => resolve({ code: 1, output: output + String(err) }))
    child.on('close', (code) => resolve({ code: code ?? 1, output }))
  })

/**
 * Why the installer could not get Electron, from what it printed. Each cause names what to do;
 * every answer ends with the two ways that need no download.
 */
export const explainInstallFailure = (output, { version, env = process.env, reach = null }) => {
  const mirror = env.ELECTRON_MIRROR || env.npm_config_electron_mirror
  // @electron/get's fetch reports only "fetch failed"; the probe of the host says what failed.
  const has = (re) => re.test(output) || (reach !== null && re.test(reach))
  let cause
  let advice = []
  if (has(/ENOTFOUND|EAI_AGAIN|getaddrinfo/)) {
    cause = 'this computer cannot look up the download host (no network, or DNS is blocked)'
    advice = [
      'Connect to the internet, or point ELECTRON_MIRROR at a mirror your network reaches ' +
        '(for example an internal Artifactory or Nexus proxy of Electron releases).'
    ]
  } else if (has(/\b407\b|Proxy Authentication/i)) {
    cause = 'the proxy asks for credentials'
    advice = [
      'Put the credentials in the proxy URL: GLOBAL_AGENT_HTTPS_PROXY=http://user:password@proxy:port ' +
        'with ELECTRON_GET_USE_PROXY=1.'
    ]
  } else if (has(/ECONNREFUSED|ETIMEDOUT|ECONNRESET|socket hang up|ENETUNREACH|EHOSTUNREACH/)) {
    cause = 'the connection to the download host was refused or timed out (a firewall or a proxy in the way)'
    advice = [
      'Behind a proxy: set ELECTRON_GET_USE_PROXY=1 and GLOBAL_AGENT_HTTPS_PROXY=http://proxy:port, then run npm start again.',
      'Or point ELECTRON_MIRROR at a mirror your network reaches.'
    ]
  } else if (has(/self[- ]signed|UNABLE_TO_GET_ISSUER_CERT|UNABLE_TO_VERIFY_LEAF_SIGNATURE|CERT_/)) {
    cause = "the download's TLS certificate is not trusted (a proxy that inspects HTTPS?)"
    advice = [
      "Give Node your organisation's root certificate: NODE_EXTRA_CA_CERTS=/path/to/root-ca.pem, then run npm start again."
    ]
  } else if (has(/\b404\b|Not Found/)) {
    cause = mirror
      ? `the mirror ${mirror} has no Electron ${version} for this platform`
      : `the download host has no Electron ${version} for this platform`
    advice = [
      `Check ELECTRON_MIRROR (it should end with a slash; the file is v${version}/electron-v${version}-<platform>-<arch>.zip).`
    ]
  } else if (has(/checksum|sha256|SHASUMS/i)) {
    cause =
      'the downloaded file does not match the checksum the Electron package ships (a broken or altered download)'
    advice = [
      "Run npm start again; if it persists, clear Electron's download cache (set electron_config_cache to an empty folder)."
    ]
  } else if (has(/ENOSPC/)) {
    cause = 'the disk is full'
    advice = ['Free some space, then run npm start again.']
  } else if (has(/fetch failed/)) {
    cause = 'the download did not get through (no network, or a firewall or proxy in the way)'
    advice = [
      'Behind a proxy: set ELECTRON_GET_USE_PROXY=1 and GLOBAL_AGENT_HTTPS_PROXY=http://proxy:port.',
      'Or point ELECTRON_MIRROR at a mirror your network reaches.'
    ]
  } else {
    cause = 'the installer stopped (its own message is above)'
  }
  const or = advice.length ? 'Or u' : 'U'
  return {
    cause,
    advice: [
      ...advice,
      `${or}npack Electron ${version} for this platform yourself and set ELECTRON_OVERRIDE_DIST_PATH=/path/to/that/folder.`,
      "Or open the same window in this computer's Chromium, against the same services and data: npm run start:browser"
    ]
  }
}

/**
 * Where the installer downloads from, and whether this computer gets there: a name lookup, then a
 * TCP connection (5 s). Answers with the error code, or 'ok'. Used only after the installer failed.
 */
export const probeDownloadHost = async (env = process.env) => {
  const base =
    env.ELECTRON_MIRROR ||
    env.npm_config_electron_mirror ||
    'https://github.com/electron/electron/releases/download/'
  let host
  try {
    host = new URL(base).hostname
  } catch {
    return 'ok'
  }
  try {
    await lookup(host)
  } catch (err) {
    return String(err.code ?? 'ENOTFOUND')
  }
  return new Promise((resolve) => {
    const socket = connect({ host, port: 443, timeout: 5000 })
    socket.once('connect', () => {
      socket.destroy()
      resolve('ok')
    })
    socket.once('timeout', () => {
      socket.destroy()
      resolve('ETIMEDOUT')
    })
    socket.once('error', (err) => resolve(String(err.code ?? 'ECONNREFUSED')))
  })
}

/**
 * What `npm start` does before electron-vite: finds Electron, or installs it with the package's own
 * installer, and says exactly why not when neither works.
 * @returns {Promise<{ ok: true, execPath: string, installed: boolean } | { ok: false, message: string }>}
 */
export const ensureElectron = async ({
  electronDir,
  env = process.env,
  platform = process.platform,
  echo = true,
  install = () => runElectronInstaller({ electronDir, env, echo }),
  probe = () => probeDownloadHost(env)
}) => {
  const found = locateElectron({ electronDir, env, platform })
  if (found.state === 'ready') return { ok: true, execPath: found.execPath, installed: false }
  if (found.state === 'broken') {
    return {
      ok: false,
      message:
        `${found.variable} is set, but there is no Electron executable at ${found.execPath}.\n` +
        (found.variable === 'ELECTRON_OVERRIDE_DIST_PATH'
          ? `It should name the folder of an unpacked Electron (the one holding ${platformPath(platform)}).\n`
          : 'It should name the Electron executable itself.\n') +
        'Fix or unset it, then run npm start again.'
    }
  }
  const { code, output } = await install()
  const after = locateElectron({ electronDir, env, platform })
  if (after.state === 'ready') return { ok: true, execPath: after.execPath, installed: true }
  const reach = /fetch failed/.test(output) ? await probe() : null
  const { cause, advice } = explainInstallFailure(code === 0 ? `${output}\n(no binary)` : output, {
    version: found.version,
    env,
    reach
  })
  return {
    ok: false,
    message:
      `B24 Desk cannot start: Electron ${found.version}'s binary is not installed, and its installer could not get it: ${cause}.\n` +
      advice.map((line) => `  - ${line}`).join('\n')
  }
}
