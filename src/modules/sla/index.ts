export { businessMinutesBetween, type SlaPriority, slaDeadlines, slaPriorities } from './sla.service.js';
