import type { StateCreator } from 'zustand'
import type { AppSlice, RootState } from './types'

export const createAppSlice: StateCreator<RootState, [], [], AppSlice> = (set) => ({
  info: null,
  infoError: null,
  online: null,
  setInfo: (info) => set({ info, infoError: null }),
  setInfoError: (infoError) => set({ infoError }),
  setOnline: (online) => set({ online })
})
