import { call, subscribe } from '../ipc/client'
import { useStore } from './index'

/** Subscribes to every pushed event, then tells main the renderer is ready for them. */
export const bootstrap = (): (() => void) => {
  const s = useStore.getState()
  const offs = [subscribe('app:status', ({ online }) => useStore.getState().setOnline(online))]
  call('app:info')
    .then((info) => s.setInfo(info))
    .catch((err: Error) => s.setInfoError(err.message))
  void call('app:ready')
  return () => offs.forEach((off) => off())
}
