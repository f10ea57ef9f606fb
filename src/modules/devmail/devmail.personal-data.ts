import { desc, eq, sql } from 'drizzle-orm';
import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { devMailbox } from './devmail.tables.js';

/**
 * Mail the development mailbox kept for the person's address. The export lists subjects only: the
 * bodies hold one-time links.
 */
export const devmailPersonalData: PersonalDataProvider[] = [
  {
    key: 'dev-mailbox',
    export: async ({ db, person }) =>
      db
        .select({ subject: devMailbox.subject, createdAt: devMailbox.createdAt })
        .from(devMailbox)
        .where(eq(sql`lower(${devMailbox.to})`, person.email.toLowerCase()))
        .orderBy(desc(devMailbox.createdAt)),
    erase: async ({ db, person }) => {
      await db.delete(devMailbox).where(eq(sql`lower(${devMailbox.to})`, person.email.toLowerCase()));
    },
  },
];
