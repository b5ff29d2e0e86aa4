import { useSyncExternalStore } from 'react'

const listeners = new Set<() => void>()
let now = Date.now()
let timer: ReturnType<typeof setInterval> | null = null

const subscribe = (listener: () => void) => {
  listeners.add(listener)
  if (timer === null) now = Date.now()
  // One second: a countdown that jumps by fifteen reads as broken in its last minute.
  timer ??= setInterval(() => {
    now = Date.now()
    listeners.forEach((l) => l())
  }, 1000)
  return () => {
    listeners.delete(listener)
    if (listeners.size === 0 && timer) {
      clearInterval(timer)
      timer = null
    }
  }
}

/** The current time, every second, for countdowns; runs only while something on screen counts down. */
export const useClock = (): number =>
  useSyncExternalStore(subscribe, () => {
    if (timer === null) now = Date.now()
    return now
  })
