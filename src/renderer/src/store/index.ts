import { create } from 'zustand'
import { createAppSlice, type AppSlice } from './app-slice'

export type RootState = AppSlice

/** One store of slices; IPC events are fed into it from `bootstrap.ts` only. */
export const useStore = create<RootState>()((...a) => ({
  ...createAppSlice(...a)
}))
