import { PortalData } from '../state.ts'
import type { SeedName } from '../types.ts'
import { demoSeed } from './demo.ts'
import { largeSeed } from './large.ts'

export function buildSeed(name: SeedName): PortalData {
  if (name === 'demo') return demoSeed()
  if (name === 'large') return largeSeed()
  return new PortalData()
}
