import { seedDemoAgreement } from '../../modules/agreements/index.js';
import { addBankAccount, listBankAccounts } from '../../modules/companies/bank-accounts.service.js';
import { ensureCompany, ensureMember, updateCompany } from '../../modules/companies/companies.service.js';
import { createCustomerGroup } from '../../modules/companies/customer-groups.service.js';
import { seedDemoDelivery } from '../../modules/delivery/delivery.seed.js';
import { hashPassword, setPasswordHash } from '../../modules/identity/passwords.js';
import { seedDemoKnowledgeBase } from '../../modules/kb/index.js';
import { type LoyaltyDemo, seedDemoPoints, seedDemoTiers } from '../../modules/loyalty/index.js';
import { seedDemoOffers } from '../../modules/offers/index.js';
import {
  countPeople,
  ensureEmployee,
  ensurePerson,
  ensureStaff,
} from '../../modules/people/people.service.js';
import { seedDemoPromotions } from '../../modules/promotions/index.js';
import { seedDemoReferrals } from '../../modules/referrals/index.js';
import { saveBranding, saveSellerRequisites } from '../../modules/settings/settings.service.js';
import { seedDemoSubscriptions } from '../../modules/subscriptions/index.js';
import { seedDemoDesk } from '../../modules/support/desk.seed.js';
import { seedDemoSupport } from '../../modules/support/index.js';
import type { Db } from '../../server/core/db.js';
import { queueMail } from '../../server/core/mail/mailer.js';
import { defineMailTemplate, escapeHtml } from '../../server/core/mail/templates.js';
import type { FileStorage } from '../../server/core/storage.js';
import { seedDemoCatalog } from './demo-catalog.js';
import {
  demoBranding,
  demoCompanies,
  demoCustomerGroups,
  demoDealerBankAccounts,
  demoPeople,
  demoSellerRequisites,
} from './demo-data.js';

export const demoWelcomeMail = defineMailTemplate<{ name: string; url: string; business: string }>(
  'demo.welcome',
  {
    ru: (v) => ({
      subject: `Добро пожаловать в Kabinet — ${v.business}`,
      text: `Здравствуйте, ${v.name}!\n\nДемонстрационный портал «${v.business}» готов: ${v.url}\n\nЭто письмо попало в почтовый ящик разработчика, потому что SMTP не настроен.`,
      html: `<p>Здравствуйте, ${escapeHtml(v.name)}!</p><p>Демонстрационный портал «${escapeHtml(v.business)}» готов: <a href="${escapeHtml(v.url)}">${escapeHtml(v.url)}</a></p><p>Это письмо попало в почтовый ящик разработчика, потому что SMTP не настроен.</p>`,
    }),
    en: (v) => ({
      subject: `Welcome to Kabinet — ${v.business}`,
      text: `Hello ${v.name},\n\nThe demo portal "${v.business}" is ready: ${v.url}\n\nThis message is in the developer mailbox because SMTP is not configured.`,
    }),
  },
);

/**
 * Seeds the demo business on an empty database. Every step is idempotent (natural keys: e-mail, INN+KPP,
 * SKU, slug), so a seed interrupted halfway completes on the next start. Returns true when it seeded.
 */
export async function seedDemo(
  db: Db,
  {
    publicUrl,
    password,
    storage,
  }: {
    publicUrl: string;
    password: string;
    /** Where the demo's files go (the contract in review); without it the demo has no agreement. */
    storage?: FileStorage;
  },
): Promise<boolean> {
  if ((await countPeople(db)) > 0) return false;
  await db.transaction(async (tx) => {
    await saveBranding(tx, demoBranding);
    await saveSellerRequisites(tx, demoSellerRequisites);
    const passwordHash = await hashPassword(password);
    const ids = {} as Record<keyof typeof demoPeople, string>;
    for (const [key, person] of Object.entries(demoPeople)) {
      const id = await ensurePerson(tx, { ...person, emailVerified: true, phoneVerified: true });
      ids[key as keyof typeof demoPeople] = id;
      await setPasswordHash(tx, id, passwordHash);
    }
    await ensureStaff(tx, ids.admin, ['admin']);
    await ensureStaff(tx, ids.support, ['support']);
    await ensureEmployee(tx, ids.employee, {
      position: 'Менеджер по продажам',
      department: 'Отдел продаж',
      hiredOn: '2023-03-01',
    });

    const dealer = await ensureCompany(tx, demoCompanies.dealer);
    const client = await ensureCompany(tx, demoCompanies.client);
    const supplier = await ensureCompany(tx, demoCompanies.supplier);
    await ensureMember(tx, dealer, ids.buyer, 'buyer');
    await ensureMember(tx, client, ids.buyer, 'viewer');
    await ensureMember(tx, supplier, ids.supplier, 'owner');
    await ensureMember(tx, dealer, ids.owner, 'owner');
    await ensureMember(tx, dealer, ids.accountant, 'accountant');
    const groups = [];
    for (const group of demoCustomerGroups)
      groups.push(await createCustomerGroup(tx, group, { ensure: true }));
    await updateCompany(tx, dealer, {
      managerId: ids.admin,
      customerGroupId: groups[0],
      creditLimit: 50_000_000,
    });
    if ((await listBankAccounts(tx, dealer)).length === 0) {
      for (const account of demoDealerBankAccounts) await addBankAccount(tx, dealer, account);
    }

    await seedDemoCatalog(tx, {
      dealerGroupId: groups[0] as string,
      dealerCompanyId: dealer,
      clientCompanyId: client,
      customerId: ids.customer,
    });
    await seedDemoDelivery(tx);
    await seedDemoSupport(tx, {
      // The dealer's manager (the admin in the demo) answers beside the support agent.
      staff: [
        { id: ids.support, name: demoPeople.support.name },
        { id: ids.admin, name: demoPeople.admin.name },
      ],
      customer: { id: ids.customer, name: demoPeople.customer.name },
      dealer: { id: dealer, member: { id: ids.buyer, name: demoPeople.buyer.name } },
    });
    await seedDemoDesk(tx, {
      adminId: ids.admin,
      customerId: ids.customer,
      customerName: demoPeople.customer.name,
    });
    await seedDemoKnowledgeBase(tx, { id: ids.support, name: demoPeople.support.name });
    const loyaltyDemo: LoyaltyDemo = {
      customerId: ids.customer,
      customerName: demoPeople.customer.name,
      adminId: ids.admin,
      buyerId: ids.buyer,
      dealerCompanyId: dealer,
      clientCompanyId: client,
      now: new Date(),
    };
    await seedDemoTiers(tx, loyaltyDemo);
    await seedDemoPoints(tx, loyaltyDemo);
    await seedDemoPromotions(tx, loyaltyDemo);
    await seedDemoOffers(tx, loyaltyDemo);
    await seedDemoReferrals(tx, loyaltyDemo);
    await seedDemoSubscriptions(tx, loyaltyDemo);
    if (storage) {
      await seedDemoAgreement(tx, storage, {
        company: { id: dealer, ...demoCompanies.dealer },
        staff: { id: ids.admin, name: demoPeople.admin.name, email: demoPeople.admin.email },
        publicUrl,
      });
    }
    await queueMail(tx, {
      to: demoPeople.admin.email,
      template: demoWelcomeMail.name,
      locale: 'ru',
      vars: { name: demoPeople.admin.name, url: publicUrl, business: demoBranding.name },
    });
  });
  return true;
}
