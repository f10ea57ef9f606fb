import { defineModule } from '../../server/core/module.js';
import { companiesPersonalData } from './companies.personal-data.js';
import { companiesRoutes } from './companies.routes.js';

export const companiesModule = defineModule({
  name: 'companies',
  routes: companiesRoutes,
  personalData: companiesPersonalData,
});
