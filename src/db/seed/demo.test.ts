import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { buildTestApp, type TestApp } from '../../test/app.js';
import { categories, companies, companyMembers, products, staffMembers, users } from '../schema.js';
import { seedDemo } from './demo.js';
import { demoPeople } from './demo-data.js';

let t: TestApp;
beforeAll(async () => {
  t = await buildTestApp();
});
afterAll(async () => t?.close());

const counts = async () => ({
  users: await t.db.$count(users),
  staff: await t.db.$count(staffMembers),
  companies: await t.db.$count(companies),
  members: await t.db.$count(companyMembers),
  categories: await t.db.$count(categories),
  products: await t.db.$count(products),
});

describe('demo business', () => {
  it('uses the default branding before seeding', async () => {
    const res = await t.app.inject({ url: '/api/v1/public/settings' });
    expect(res.json()).toMatchObject({ name: 'Kabinet', languages: ['ru', 'en'], defaultLanguage: 'ru' });
  });

  it('seeds people with the documented e-mails, companies and products, once', async () => {
    expect(await seedDemo(t.db, { publicUrl: 'http://localhost:3000', password: 'demo-password-1' })).toBe(
      true,
    );
    const first = await counts();
    expect(first).toMatchObject({ users: 7, staff: 2, companies: 3, members: 4, categories: 6 });
    expect(first.products).toBeGreaterThanOrEqual(15);
    const emails = (await t.db.select({ email: users.email }).from(users)).map((u) => u.email).sort();
    expect(emails).toEqual(
      [
        'admin@demo.kabinet.local',
        'customer@demo.kabinet.local',
        'buyer@dealer.demo.kabinet.local',
        'employee@demo.kabinet.local',
        'supplier@demo.kabinet.local',
        'owner@dealer.demo.kabinet.local',
        'support@demo.kabinet.local',
      ].sort(),
    );
    expect(await seedDemo(t.db, { publicUrl: 'http://localhost:3000', password: 'demo-password-1' })).toBe(
      false,
    );
    expect(await counts()).toEqual(first);
  });

  it('brands the portal and welcomes the admin through the mail queue', async () => {
    const settings = await t.app.inject({ url: '/api/v1/public/settings' });
    expect(settings.json()).toMatchObject({ name: 'АкваТехника', primaryColor: '#0b7285' });
    await t.drainJobs();
    const cookie = await t.operator();
    const mail = await t.app.inject({
      url: `/api/v1/admin/dev-mailbox?to=${demoPeople.admin.email}`,
      headers: { cookie },
    });
    expect(mail.json().items).toHaveLength(1);
    expect(mail.json().items[0].subject).toContain('Kabinet');
  });
});
