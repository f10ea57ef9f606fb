import { z } from 'zod';
import { defineJob, type JobDefinition } from '../../server/core/jobs/job-definition.js';
import type { ModuleContext } from '../../server/core/module.js';
import { autoCloseResolved } from './requests.service.js';
import {
  notifyAssigneeJob,
  notifyRequesterJob,
  sendAssigneeNotice,
  sendRequesterReplyNotice,
  ticketCreatedTopic,
} from './support.mail.js';

export const autoCloseJob = 'support.autoCloseResolved';

const outboxPayload = z.object({
  eventId: z.string(),
  topic: z.string(),
  payload: z.record(z.string(), z.unknown()),
});

/** Jobs of the requester side: notices after a request is filed or answered, and the auto-close of resolved ones. */
export function requestJobs(ctx: ModuleContext): JobDefinition[] {
  return [
    defineJob({
      name: notifyAssigneeJob,
      payload: outboxPayload,
      handler: ({ payload, db }) =>
        sendAssigneeNotice(db, ctx.config.publicUrl, String(payload.payload.ticketId)),
    }),
    defineJob({
      name: notifyRequesterJob,
      payload: z.object({ ticketId: z.uuid(), messageId: z.uuid() }),
      handler: ({ payload, db }) => sendRequesterReplyNotice(db, ctx.config.publicUrl, payload),
    }),
    defineJob({
      name: autoCloseJob,
      payload: z.object({}).passthrough(),
      maxAttempts: 3,
      handler: async ({ db }) => {
        await autoCloseResolved(db);
      },
    }),
  ] as JobDefinition[];
}

/** The assignee hears of a new request from the outbox; resolved requests are swept for auto-close hourly. */
export function wireRequests(ctx: ModuleContext): void {
  ctx.jobs.subscribe(ticketCreatedTopic, notifyAssigneeJob);
  ctx.jobs.schedule(autoCloseJob, '17 * * * *');
}
