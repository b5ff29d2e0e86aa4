import { isoWithOffset } from '../envelope.ts'
import type { MethodTable } from './context.ts'

export const systemMethods: MethodTable = {
  scope: { scope: null, handle: (ctx) => ({ result: [...ctx.scopes] }) },
  profile: {
    scope: null,
    handle: (ctx) => ({
      result: {
        ID: String(ctx.userId),
        ADMIN: true,
        NAME: 'Anna',
        LAST_NAME: 'Admin',
        PERSONAL_GENDER: 'F',
        PERSONAL_PHOTO: '',
        TIME_ZONE: 'Europe/Moscow',
        TIME_ZONE_OFFSET: ctx.env.utcOffsetMinutes * 60
      }
    })
  },
  'server.time': {
    scope: null,
    handle: (ctx) => ({ result: isoWithOffset(ctx.env.now(), ctx.env.utcOffsetMinutes) })
  }
}
