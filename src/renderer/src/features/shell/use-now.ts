import { useSyncExternalStore } from 'react'

const listeners = new Set<() => void>()
let now = Date.now()
let timer: ReturnType<typeof setInterval> | null = null

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  // One shared clock for every "5 minutes ago" on screen, running only while someone shows one.
  if (timer === null) now = Date.now()
  timer ??= setInterval(() => {
    now = Date.now()
    listeners.forEach((l) => l())
  }, 15_000)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  }
}

/** The current time, refreshed every 15 s; render code reads it instead of calling Date.now(). */
export const useNow = (): number =>
  useSyncExternalStore(subscribe, () => {
    if (timer === null) now = Date.now()
    return now
  })
