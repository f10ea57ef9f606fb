import { defineModule } from '../../server/core/module.js';
import { auditPersonalData } from './audit.personal-data.js';
import { auditRoutes } from './audit.routes.js';

export { listAudit } from './audit.service.js';

export const auditModule = defineModule({
  name: 'audit',
  routes: auditRoutes,
  personalData: auditPersonalData,
});
