import type { Actor } from '../../server/core/access.js';
import type { Db } from '../../server/core/db.js';
import { getCompany, membershipIn } from '../companies/companies.service.js';
import { employeeRecordOf } from '../people/people.service.js';
import { type KbAudience, kbAudiences } from './kb.tables.js';

/**
 * The one place that decides which articles a request may read: a guest reads `public`; a signed-in person
 * adds `customer` (and `employee` when they work for the business); acting in a company they belong to
 * (`org`) adds `company`, and `supplier` when that company is a supplier; back-office staff read every
 * audience. Only published articles are ever shown outside the editor, whatever the audience.
 */
export async function audiencesOf(db: Db, actor: Actor | null, orgId?: string): Promise<KbAudience[]> {
  if (!actor) return ['public'];
  if (actor.kind === 'operator' || actor.permissions.length > 0) return [...kbAudiences];
  const audiences: KbAudience[] = ['public', 'customer'];
  const [employee, membership] = await Promise.all([
    employeeRecordOf(db, actor.id),
    orgId ? membershipIn(db, orgId, actor.id) : Promise.resolve(null),
  ]);
  if (employee) audiences.push('employee');
  if (membership && orgId) {
    audiences.push('company');
    const company = await getCompany(db, orgId);
    if (company?.kinds.includes('supplier')) audiences.push('supplier');
  }
  return audiences;
}
