import { eq } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { listReminders } from './reminders.service.js';
import { preferencesOf } from './subscriptions.notices.js';
import { listSubscriptions, subscriptionDetail } from './subscriptions.service.js';
import { reminderPreferences, reorderReminders, subscriptions } from './subscriptions.tables.js';

/** A person's subscriptions (with history and periods), reminders and notice preferences; erased with them. */
export const subscriptionsPersonalData: PersonalDataProvider[] = [
  {
    key: 'subscriptions',
    export: async ({ db, userId }) => {
      const { items } = await listSubscriptions(db, userId);
      return {
        subscriptions: await Promise.all(items.map((s) => subscriptionDetail(db, userId, s.id))),
        reminders: await listReminders(db, userId),
        preferences: await preferencesOf(db, userId),
      };
    },
    erase: async ({ db, userId }) => {
      await db.delete(subscriptions).where(eq(subscriptions.personId, userId));
      await db.delete(reorderReminders).where(eq(reorderReminders.personId, userId));
      await db.delete(reminderPreferences).where(eq(reminderPreferences.personId, userId));
    },
  },
];
