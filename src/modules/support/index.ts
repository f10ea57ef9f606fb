import { defineModule } from '../../server/core/module.js';
import { deskJobs, wireDesk } from './desk.jobs.js';
import { deskRoutes } from './desk.routes.js';
import { insightsRoutes } from './insights.routes.js';
import { requestJobs, wireRequests } from './requests.jobs.js';
import { requestRoutes } from './requests.routes.js';

/**
 * The support desk (docs/support.md): requests (tickets) people file from their cabinet with the context they
 * were in, and the operators' side — queues, assignment, SLA clocks and escalation, internal notes, canned
 * replies, macros — plus the customer-360 view and the support reports.
 */
export const supportModule = defineModule({
  name: 'support',
  routes: (app, ctx) => {
    requestRoutes(app, ctx);
    deskRoutes(app, ctx);
    insightsRoutes(app, ctx);
  },
  jobs: (ctx) => [...requestJobs(ctx), ...deskJobs(ctx)],
  wire: (ctx) => {
    wireRequests(ctx);
    wireDesk(ctx);
  },
});
