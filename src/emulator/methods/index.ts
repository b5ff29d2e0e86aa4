import type { MethodTable } from './context.ts'
import { docgenMethods } from './docgen.ts'
import { landingPageMethods } from './landing-page.ts'
import { landingSiteMethods } from './landing-site.ts'
import { systemMethods } from './system.ts'

/** Every method the emulated portal knows, by lowercased name; `batch` is handled by the router. */
export const allMethods: MethodTable = {
  ...systemMethods,
  ...landingSiteMethods,
  ...landingPageMethods,
  ...docgenMethods,
  batch: { scope: null, handle: () => ({ result: null }) }
}
