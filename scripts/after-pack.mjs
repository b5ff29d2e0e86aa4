// electron-builder's afterPack hook: flips Electron's fuses in the packed binary, before signing
// (electron-builder signs after this hook, so the signature covers the flipped bytes), then reads
// them back so a package never leaves with fuses other than these.
import { join } from 'node:path'
import { FuseV1Options, FuseVersion, flipFuses, getCurrentFuseWire } from '@electron/fuses'
import { Arch } from 'electron-builder'

const ON = 49 // '1' in the fuse wire
const OFF = 48 // '0'

/** The fuses B24 Desk ships with; the others keep Electron's defaults. */
export const FUSES = {
  // The binary can never run as plain Node (ELECTRON_RUN_AS_NODE), nor take Node options or a
  // debugger from the environment or the command line: nobody can run code as the app that way.
  [FuseV1Options.RunAsNode]: false,
  [FuseV1Options.EnableNodeOptionsEnvironmentVariable]: false,
  [FuseV1Options.EnableNodeCliInspectArguments]: false,
  // Only the signed app.asar is loaded, and its integrity is checked on macOS and Windows.
  [FuseV1Options.EnableEmbeddedAsarIntegrityValidation]: true,
  [FuseV1Options.OnlyLoadAppFromAsar]: true,
  // Cookies on disk are encrypted with an OS-held key.
  [FuseV1Options.EnableCookieEncryption]: true,
  // The window is served from app://; file:// pages get no extra powers.
  [FuseV1Options.GrantFileProtocolExtraPrivileges]: false
}

/** The file that holds the fuse wire: the app's executable (the .app bundle on macOS). */
export const electronBinaryPath = (context) => {
  const { appOutDir, electronPlatformName, packager } = context
  if (electronPlatformName === 'darwin' || electronPlatformName === 'mas') {
    return join(appOutDir, `${packager.appInfo.productFilename}.app`)
  }
  if (electronPlatformName === 'win32') return join(appOutDir, `${packager.appInfo.productFilename}.exe`)
  return join(appOutDir, packager.executableName)
}

/** Throws unless every fuse in FUSES reads back as set. */
export const checkFuses = (wire) => {
  const wrong = Object.entries(FUSES)
    .filter(([index, on]) => wire[index] !== (on ? ON : OFF))
    .map(([index]) => FuseV1Options[index])
  if (wrong.length) throw new Error(`Electron fuses not set as required after packing: ${wrong.join(', ')}`)
}

export const afterPack = async (context) => {
  const binary = electronBinaryPath(context)
  // An arm64 macOS binary must carry a valid (ad-hoc) signature to start at all; flipping bytes breaks
  // it, so it is re-signed here. A real identity signs over it afterwards.
  const arm64Mac = context.electronPlatformName === 'darwin' && context.arch === Arch.arm64
  await flipFuses(binary, { version: FuseVersion.V1, resetAdHocDarwinSignature: arm64Mac, ...FUSES })
  checkFuses(await getCurrentFuseWire(binary))
  console.log(`  • fuses flipped  file=${binary}`)
}

export default afterPack
