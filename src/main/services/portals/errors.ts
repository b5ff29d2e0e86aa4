import { AppError } from '../errors'
import { localize } from '../app/language'
import { messages } from './messages'

/** A portal id that is not (or no longer) in the registry: the catalog and previews say it the same way. */
export const unknownPortal = (): AppError =>
  new AppError('PORTAL_NOT_FOUND', localize(messages.unknownPortal), { category: 'permanent' })
