import { defineModule } from '../../server/core/module.js';
import { slaRoutes } from './sla.routes.js';

export {
  addBusinessMinutes,
  type BusinessCalendar,
  businessMinutesBetween as calendarMinutesBetween,
} from './business-time.js';
export { calendarFor } from './sla.calendar.js';
export { businessMinutesBetween, type SlaPriority, slaDeadlines, slaPriorities } from './sla.service.js';

/**
 * SLA engine (docs/sla.md): the support calendar (business hours, holidays, transferred working days), the
 * first-response and resolution targets by priority and customer group, and the deadlines they give a ticket.
 */
export const slaModule = defineModule({ name: 'sla', routes: async (app, ctx) => slaRoutes(app, ctx) });
