import { contextBridge, ipcRenderer, type IpcRendererEvent } from 'electron'
import { eventChannels, requestChannels, type RendererApi } from '../shared/ipc/contract'

const allowedRequests = new Set<string>(requestChannels)
const allowedEvents = new Set<string>(eventChannels)

/** Exactly the contract's channels, nothing of ipcRenderer itself. */
const api: RendererApi = {
  invoke: (channel: string, ...args: unknown[]) => {
    if (!allowedRequests.has(channel)) {
      return Promise.resolve({
        ok: false,
        error: { code: 'IPC_UNKNOWN_CHANNEL', message: `No such request: ${channel}` }
      })
    }
    return ipcRenderer.invoke(channel, args[0])
  },
  on: (channel: string, listener: (payload: unknown) => void) => {
    if (!allowedEvents.has(channel)) throw new Error(`No such event: ${channel}`)
    const wrapped = (_event: IpcRendererEvent, payload: unknown) => listener(payload)
    ipcRenderer.on(channel, wrapped)
    return () => {
      ipcRenderer.removeListener(channel, wrapped)
    }
  }
} as RendererApi

contextBridge.exposeInMainWorld('api', api)
