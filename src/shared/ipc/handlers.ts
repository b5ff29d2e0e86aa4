import type { z } from 'zod'
import { requests, type ParsedInput, type RequestChannel, type RequestOutput } from './contract'

/** What main does for one request channel: takes the validated input, answers the contract's output. */
export type Handler<C extends RequestChannel> = (
  input: ParsedInput<C>
) => Promise<RequestOutput<C>> | RequestOutput<C>

/** One handler per request channel of the contract: main's side of the IPC map. */
export type Handlers = { [C in RequestChannel]: Handler<C> }

/** One thing wrong with a request's input: where (`meta.color`, '' for the whole input) and what. */
export interface InputProblem {
  path: string
  message: string
}

/** Enough to say what is wrong without flooding a dialog or a terminal. */
const MAX_PROBLEMS = 10

/**
 * A request's input does not match the contract's schema. Thrown before any handler runs by the one
 * check every front end shares (`invokeChecked`); each says it its own way: IPC answers
 * IPC_INVALID_INPUT, the command line a usage error naming the option.
 */
export class ContractInputError extends Error {
  readonly channel: RequestChannel
  /** zod's issues, as it reported them. */
  readonly issues: readonly z.core.$ZodIssue[]
  /** The first few issues, with dotted paths. */
  readonly problems: InputProblem[]

  constructor(channel: RequestChannel, issues: readonly z.core.$ZodIssue[]) {
    const problems = issues
      .slice(0, MAX_PROBLEMS)
      .map((i) => ({ path: i.path.map(String).join('.'), message: i.message }))
    const where = problems.map((p) => (p.path ? `${p.path}: ${p.message}` : p.message)).join('; ')
    super(`Invalid input for ${channel}: ${where}`)
    this.name = 'ContractInputError'
    this.channel = channel
    this.issues = issues
    this.problems = problems
  }
}

/** Whether `channel` is one of the contract's request channels (a renderer may send any string). */
export const isRequestChannel = (channel: string): channel is RequestChannel =>
  Object.hasOwn(requests, channel)

/** The input as the handler gets it (defaults applied), or a ContractInputError. */
export const parseInput = <C extends RequestChannel>(channel: C, rawInput: unknown): ParsedInput<C> => {
  const schema: z.ZodType = requests[channel].input
  const parsed = schema.safeParse(rawInput)
  if (!parsed.success) throw new ContractInputError(channel, parsed.error.issues)
  return parsed.data as ParsedInput<C>
}

/**
 * Calls one handler the way every front end must: the input is checked against the contract first,
 * so the window and the command line meet the same limits and the handler sees only valid input.
 * `handlers` may be a function that opens them (the command line's services): it is called only
 * once the input passed, so bad input opens nothing.
 */
export const invokeChecked = async <C extends RequestChannel>(
  handlers: Pick<Handlers, C> | (() => Promise<Pick<Handlers, C>>),
  channel: C,
  rawInput: unknown
): Promise<RequestOutput<C>> => {
  if (!isRequestChannel(channel)) throw new Error(`No such request channel: ${String(channel).slice(0, 100)}`)
  const input = parseInput(channel, rawInput)
  const map = typeof handlers === 'function' ? await handlers() : handlers
  const handler = map[channel] as Handler<C>
  return handler(input)
}
