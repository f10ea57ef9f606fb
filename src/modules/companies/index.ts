import { defineModule } from '../../server/core/module.js';
import { companiesAdminRoutes } from './admin.routes.js';
import { companiesPersonalData } from './companies.personal-data.js';
import { companiesRoutes } from './companies.routes.js';
import { invitationsRoutes } from './invitations.routes.js';
import { membersRoutes } from './members.routes.js';

export { getCompanies, getCompany, listCustomerGroups, membershipsOf } from './companies.service.js';

export const companiesModule = defineModule({
  name: 'companies',
  routes: (app, ctx) => {
    companiesRoutes(app, ctx);
    membersRoutes(app, ctx);
    invitationsRoutes(app, ctx);
    companiesAdminRoutes(app, ctx);
  },
  personalData: companiesPersonalData,
});
