import type { PersonalDataProvider } from '../../server/core/personal-data.js';
import { eraseNotifications, exportNotifications } from './notifications.service.js';

/** A person's in-app notifications: exported in both languages, deleted on erasure. */
export const notificationsPersonalData: PersonalDataProvider[] = [
  {
    key: 'notifications',
    export: ({ db, userId }) => exportNotifications(db, userId),
    erase: ({ db, userId }) => eraseNotifications(db, userId),
  },
];
