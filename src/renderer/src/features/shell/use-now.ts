import { useSyncExternalStore } from 'react'

/**
 * A shared clock ticking every `periodMs`, running only while something on screen reads it. Render
 * code reads it instead of calling Date.now(), so a re-render never shows a time of its own.
 */
const sharedClock = (periodMs: number) => {
  const listeners = new Set<() => void>()
  let now = Date.now()
  let timer: ReturnType<typeof setInterval> | null = null
  const subscribe = (listener: () => void) => {
    listeners.add(listener)
    if (timer === null) now = Date.now()
    timer ??= setInterval(() => {
      now = Date.now()
      listeners.forEach((l) => l())
    }, periodMs)
    return () => {
      listeners.delete(listener)
      if (listeners.size === 0 && timer) {
        clearInterval(timer)
        timer = null
      }
    }
  }
  const read = () => {
    if (timer === null) now = Date.now()
    return now
  }
  return () => useSyncExternalStore(subscribe, read)
}

/** The current time, refreshed every 15 s: one clock for every "5 minutes ago" on screen. */
export const useNow: () => number = sharedClock(15_000)

/** The current time, every second, for countdowns: one that jumps by fifteen reads as broken in its last minute. */
export const useClock: () => number = sharedClock(1000)
