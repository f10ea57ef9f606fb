import { defineModule } from '../../server/core/module.js';
import { notificationsPersonalData } from './notifications.personal-data.js';
import { notificationsRoutes } from './notifications.routes.js';

export {
  type Bilingual,
  listNotifications,
  markRead,
  type NotifyInput,
  notify,
  notifyEach,
  unreadCount,
} from './notifications.service.js';

/** In-app notifications of a person: the bell, its unread badge and the full list (docs/notifications.md). */
export const notificationsModule = defineModule({
  name: 'notifications',
  routes: notificationsRoutes,
  personalData: notificationsPersonalData,
});
