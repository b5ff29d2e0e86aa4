import type { z } from 'zod'

/** A request channel: a zod schema for what the renderer sends, a phantom type for what main answers. */
export interface RequestDef<I extends z.ZodType, O> {
  readonly input: I
  readonly output?: O
}

/** An event channel main pushes to the renderer; only its payload type matters at run time. */
export interface EventDef<P> {
  readonly payload?: P
}

export const request =
  <O>() =>
  <I extends z.ZodType>(input: I): RequestDef<I, O> => ({ input })

export const event = <P>(): EventDef<P> => ({})

/** What crosses IPC for every request: errors travel as data so their code and details survive. */
export type IpcResult<T> = { ok: true; value: T } | { ok: false; error: IpcError }

export interface IpcError {
  code: string
  message: string
  category?: string
  details?: unknown
}
