// electron-builder configuration for B24 Desk's installers. `npm run dist` (scripts/dist.mjs) uses it;
// so does a plain `npx electron-builder`. README "Installers" says how to build on each OS.
/* eslint-disable @typescript-eslint/no-require-imports -- electron-builder loads this file as CommonJS */
const { existsSync, readFileSync } = require('node:fs')
const { dirname, join, relative, sep } = require('node:path')

const root = __dirname
const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'))

/**
 * Where to take Electron from: B24DESK_ELECTRON_DIST (a folder holding an unpacked Electron for the
 * target OS, e.g. where Electron cannot be downloaded), else the binary `electron` installed for
 * this machine, else electron-builder downloads the version in package.json.
 */
const electronDist = () => {
  if (process.env.B24DESK_ELECTRON_DIST) return process.env.B24DESK_ELECTRON_DIST
  const installed = join(root, 'node_modules', 'electron', 'dist')
  return existsSync(installed) ? installed : undefined
}

/**
 * Dependencies of production packages that the app never loads: keytar loads only its prebuilt
 * `.node` file; prebuild-install and node-addon-api are for installing and compiling it.
 */
const BUILD_TIME_ONLY = { keytar: ['prebuild-install', 'node-addon-api'] }

/** Where Node would find package `name` required from `fromDir`, within this project. */
const packageDir = (name, fromDir) => {
  for (let dir = fromDir; dir.startsWith(root); dir = dirname(dir)) {
    const candidate = join(dir, 'node_modules', name)
    if (existsSync(join(candidate, 'package.json'))) return candidate
    if (dir === root) break
  }
  return null
}

/** Package folders reachable from package.json's dependencies, optionally skipping build-time edges. */
const reachable = (skipBuildTime) => {
  const seen = new Set()
  const visit = (dir) => {
    if (!dir || seen.has(dir)) return
    seen.add(dir)
    const meta = JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8'))
    const skip = skipBuildTime ? (BUILD_TIME_ONLY[meta.name] ?? []) : []
    for (const dep of Object.keys({ ...meta.dependencies, ...meta.optionalDependencies })) {
      if (!skip.includes(dep)) visit(packageDir(dep, dir))
    }
  }
  for (const dep of Object.keys(pkg.dependencies ?? {})) visit(packageDir(dep, root))
  return seen
}

const nameOf = (dir) => JSON.parse(readFileSync(join(dir, 'package.json'), 'utf8')).name

/**
 * `!node_modules/...` patterns for production packages only needed to install the app. A name the
 * app needs is never excluded: electron-builder re-hoists the production tree, so a nested copy
 * (electron-updater's semver) may land where the excluded one was.
 */
const notNeededAtRunTime = () => {
  const needed = reachable(true)
  const neededNames = new Set([...needed].map(nameOf))
  return [...reachable(false)]
    .filter((dir) => !needed.has(dir) && !neededNames.has(nameOf(dir)))
    .map((dir) => `!${relative(root, dir).split(sep).join('/')}{,/**}`)
}

/**
 * The generic HTTPS feed the updater reads (latest.yml, latest-mac.yml, latest-linux.yml and the
 * installers they name). A release build sets B24DESK_UPDATE_URL; an organisation can point the
 * installed app elsewhere, or turn updates off, with a policy file (build/b24desk-policy.example.yml).
 */
const UPDATE_FEED = process.env.B24DESK_UPDATE_URL ?? 'https://updates.b24desk.example/stable/'
if (!UPDATE_FEED.startsWith('https://')) throw new Error('B24DESK_UPDATE_URL must be an https:// address')

/** @type {import('electron-builder').Configuration} */
const config = {
  appId: 'com.b24desk.app',
  productName: 'B24 Desk',
  copyright: 'Copyright © B24 Desk contributors',
  directories: { output: 'dist', buildResources: 'build' },
  // The built app only: main, preload and renderer bundles (not the command line, which runs on
  // Node from a checkout), package.json and production dependencies. No sources, tests, source maps
  // or type declarations.
  files: [
    'out/main/**',
    'out/preload/**',
    'out/renderer/**',
    'package.json',
    '!**/*.map',
    '!**/*.{ts,mts,cts,tsx}',
    '!**/*.{test,spec}.{js,cjs,mjs}',
    '!**/{test,tests,__tests__,__mocks__,testing}/**',
    '!**/node_modules/@types/**',
    '!**/node_modules/@bitrix24/b24jssdk/dist/{esm,umd}/**',
    '!**/node_modules/keytar/{src,binding.gyp}{,/**}',
    '!**/node_modules/keytar/build/{Makefile,*.Makefile,*.mk,config.gypi}',
    '!**/node_modules/keytar/build/Release/{obj.target,.deps}{,/**}',
    ...notNeededAtRunTime()
  ],
  extraMetadata: { main: './out/main/index.js' },
  asar: true,
  // Native modules cannot be loaded from inside an asar archive.
  asarUnpack: ['**/*.node'],
  // keytar is N-API: its prebuilt binary works in Electron as is. Nothing is rebuilt or downloaded.
  npmRebuild: false,
  nodeGypRebuild: false,
  buildDependenciesFromSource: false,
  ...(electronDist() ? { electronDist: electronDist() } : {}),
  afterPack: './scripts/after-pack.mjs',

  // Updates (electron-updater): written into resources/app-update.yml; latest*.yml carry sha512.
  publish: [{ provider: 'generic', url: UPDATE_FEED }],
  // b24desk:// links open a job, a portal or a snapshot in the running app.
  protocols: [{ name: 'B24 Desk link', schemes: ['b24desk'] }],
  // The tray icon and the documentation Help opens, next to app.asar.
  extraResources: [
    { from: 'build/icon.png', to: 'icon.png' },
    { from: 'README.md', to: 'README.md' }
  ],
  // Next to the executable: where an organisation may put b24desk-policy.yml, with what it may say.
  extraFiles: [{ from: 'build/b24desk-policy.example.yml', to: 'b24desk-policy.example.yml' }],

  win: {
    target: [{ target: 'nsis', arch: ['x64'] }],
    icon: 'build/icon.ico'
  },
  nsis: {
    // Per-user by default (no administrator rights needed); the installer's first page offers
    // "Anyone who uses this computer", which asks for elevation. Silent: /currentuser or /allusers.
    oneClick: false,
    perMachine: false,
    allowElevation: true,
    allowToChangeInstallationDirectory: true,
    createDesktopShortcut: true,
    createStartMenuShortcut: true,
    shortcutName: 'B24 Desk',
    // Uninstalling keeps the data folder: the outbox may hold unsent work.
    deleteAppDataOnUninstall: false,
    artifactName: 'B24-Desk-Setup-${version}.${ext}'
  },

  mac: {
    target: ['dmg', 'zip'],
    category: 'public.app-category.business',
    icon: 'build/icon.icns',
    hardenedRuntime: true,
    gatekeeperAssess: false,
    entitlements: 'build/entitlements.mac.plist',
    entitlementsInherit: 'build/entitlements.mac.plist',
    artifactName: 'B24-Desk-${version}-${arch}.${ext}'
  },
  dmg: { artifactName: 'B24-Desk-${version}-${arch}.${ext}' },

  linux: {
    target: ['AppImage', 'deb'],
    icon: 'build/icon.png',
    category: 'Office',
    executableName: 'b24-desk',
    synopsis: 'Administration of many Bitrix24 portals',
    description: pkg.description,
    // The deb's Maintainer field: put your organisation's contact here.
    maintainer: 'B24 Desk maintainers <b24desk@example.invalid>',
    artifactName: 'B24-Desk-${version}-${arch}.${ext}',
    // The .desktop entry claims b24desk:// links.
    mimeTypes: ['x-scheme-handler/b24desk']
  },
  deb: {
    // Electron's usual runtime libraries, and libsecret for the keychain (keytar).
    depends: [
      'libgtk-3-0',
      'libnotify4',
      'libnss3',
      'libxss1',
      'libxtst6',
      'xdg-utils',
      'libatspi2.0-0',
      'libuuid1',
      'libsecret-1-0'
    ]
  }
}

module.exports = config
