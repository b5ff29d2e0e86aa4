import type { ParsedInput, RequestChannel, RequestOutput } from './contract'

/** What main does for one request channel: takes the validated input, answers the contract's output. */
export type Handler<C extends RequestChannel> = (
  input: ParsedInput<C>
) => Promise<RequestOutput<C>> | RequestOutput<C>

/** One handler per request channel of the contract: main's side of the IPC map. */
export type Handlers = { [C in RequestChannel]: Handler<C> }
