import type { StateCreator } from 'zustand'
import type { AppInfo } from '../../../shared/ipc/contract'
import type { RootState } from './index'

export interface AppSlice {
  info: AppInfo | null
  infoError: string | null
  online: boolean | null
  setInfo(info: AppInfo): void
  setInfoError(message: string): void
  setOnline(online: boolean): void
}

export const createAppSlice: StateCreator<RootState, [], [], AppSlice> = (set) => ({
  info: null,
  infoError: null,
  online: null,
  setInfo: (info) => set({ info, infoError: null }),
  setInfoError: (infoError) => set({ infoError }),
  setOnline: (online) => set({ online })
})
