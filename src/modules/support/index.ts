import { defineModule } from '../../server/core/module.js';
import { deskJobs, wireDesk } from './desk.jobs.js';
import { deskRoutes } from './desk.routes.js';
import { insightsRoutes } from './insights.routes.js';
import { requestJobs, wireRequests } from './requests.jobs.js';
import { requestRoutes } from './requests.routes.js';
import { supportPersonalData } from './support.personal-data.js';

export {
  autoCloseAfterDays,
  autoCloseResolved,
  type TicketOverview,
  ticketsOfCompany,
  ticketsOfPerson,
} from './requests.service.js';
export { assignRoundRobin } from './support.assignment.js';
export { attachmentsOf, readTicketUpload, sendTicketAttachment, storeTicketFiles } from './support.files.js';
export { deskLink, notifyRequesterOfReply, requesterLink } from './support.mail.js';
export { nextTicketNumber } from './support.numbers.js';
export { seedDemoSupport } from './support.seed.js';

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
  personalData: supportPersonalData,
});
