import { z } from 'zod';
import { pageOf, pageQuery } from '../../server/core/pagination.js';

/** The language a notification is shown in. */
export type NotificationLocale = 'ru' | 'en';

export const notificationListQuery = pageQuery.extend({
  /** `true` lists only unread notifications. */
  unreadOnly: z
    .enum(['true', 'false'])
    .optional()
    .transform((v) => v === 'true'),
});

/** Which notifications to mark read: exactly one of `ids` or `all: true`. */
export const markReadBody = z.union([
  z.strictObject({ ids: z.array(z.uuid()).min(1).max(100) }),
  z.strictObject({ all: z.literal(true) }),
]);

export const notificationSchema = z.object({
  id: z.uuid(),
  kind: z.string(),
  title: z.string(),
  body: z.string(),
  link: z.string().nullable(),
  data: z.record(z.string(), z.unknown()),
  createdAt: z.iso.datetime({ offset: true }),
  readAt: z.iso.datetime({ offset: true }).nullable(),
});

export const notificationPageSchema = pageOf(notificationSchema);
export const unreadCountSchema = z.object({ count: z.number().int() });
export const markReadResultSchema = z.object({
  /** How many notifications this request marked read. */
  marked: z.number().int(),
  /** Unread notifications left, for the badge. */
  count: z.number().int(),
});
