import { eq } from 'drizzle-orm';
import type { FastifyInstance } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { v7 as uuidv7 } from 'uuid';
import { actorOf } from '../../server/core/access.js';
import { AppError } from '../../server/core/errors.js';
import type { ModuleContext } from '../../server/core/module.js';
import { recordAudit } from '../audit/audit.service.js';
import { findPersonByEmail, getPerson } from '../people/people.service.js';
import { accountByCard, ensureAccount } from './accounts.service.js';
import { pointsReport, pointsReportDisposition, pointsReportXlsx } from './points.reports.js';
import {
  adjustmentBody,
  birthdayBody,
  entrySchema,
  historyPageSchema,
  historyQuery,
  lookupQuery,
  meLoyaltySchema,
  personLedgerSchema,
  personParams,
  reportQuery,
  reportSchema,
} from './points.schema.js';
import { adjustPoints, grantWelcome, pointsBalance, pointsHistory, presentEntry } from './points.service.js';
import { getPointsSettings, pointsSettingsSchema, savePointsSettings } from './points.settings.js';
import { loyaltyBirthdays } from './points.tables.js';
import { tierOf, tierProgressOf } from './tiers.service.js';

const tags = ['loyalty'];
const manage = { access: { permission: 'loyalty.manage' as const } };
const me = { access: { signedIn: true as const } };

/** Bonus points: the person's balance and history, staff adjustments, rules and reports (docs/loyalty.md). */
export function pointsRoutes(app: FastifyInstance, { db }: ModuleContext): void {
  const api = app.withTypeProvider<ZodTypeProvider>();

  api.get(
    '/me/loyalty',
    {
      config: me,
      schema: {
        tags,
        summary:
          'My bonus points: balance, expiry schedule («сроки сгорания»), accrual rate and tier progress',
        response: { 200: meLoyaltySchema },
      },
    },
    async (request) => {
      const personId = actorOf(request).id;
      const now = new Date();
      // The first loyalty read opens the account and gives the welcome bonus (once, by key).
      await grantWelcome(db, personId, now);
      const [balance, settings, tier, progress, [birthday]] = await Promise.all([
        pointsBalance(db, personId, now),
        getPointsSettings(db),
        tierOf(db, personId),
        tierProgressOf(db, personId, now),
        db.select().from(loyaltyBirthdays).where(eq(loyaltyBirthdays.personId, personId)),
      ]);
      const soon = now.getTime() + 30 * 86_400_000;
      return {
        balance: balance.points,
        pointValue: settings.pointValue,
        balanceValue: balance.points * settings.pointValue,
        expiring: balance.expiring,
        expiringSoon: balance.expiring
          .filter((e) => new Date(e.at).getTime() <= soon)
          .reduce((sum, e) => sum + e.points, 0),
        accrualBp: tier?.accrualBp ?? settings.baseAccrualBp,
        maxShareBp: settings.maxShareBp,
        tier: progress,
        birthDate: birthday?.birthDate ?? null,
      };
    },
  );

  api.get(
    '/me/loyalty/history',
    {
      config: me,
      schema: {
        tags,
        summary: 'My bonus-point movements, newest first (order, reason, expiry of each)',
        querystring: historyQuery,
        response: { 200: historyPageSchema },
      },
    },
    async (request) => pointsHistory(db, actorOf(request).id, request.query),
  );

  api.put(
    '/me/loyalty/birthday',
    {
      config: me,
      schema: {
        tags,
        summary: 'Tells the loyalty programme my birth date (for the birthday bonus); set once',
        body: birthdayBody,
        response: { 200: birthdayBody },
      },
    },
    async (request) => {
      const personId = actorOf(request).id;
      const date = request.body.birthDate;
      if (date > new Date().toISOString().slice(0, 10) || date < '1900-01-01')
        throw new AppError('VALIDATION_FAILED', 'Not a birth date', [
          { path: 'birthDate', message: 'Between 1900 and today' },
        ]);
      const [existing] = await db
        .select()
        .from(loyaltyBirthdays)
        .where(eq(loyaltyBirthdays.personId, personId));
      if (existing && existing.birthDate !== date)
        throw new AppError('CONFLICT', 'The birth date is already set; ask support to change it');
      if (!existing)
        await db.insert(loyaltyBirthdays).values({ personId, birthDate: date }).onConflictDoNothing();
      return { birthDate: date };
    },
  );

  api.get(
    '/admin/loyalty/settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Bonus-point rules',
        response: { 200: pointsSettingsSchema.meta({ id: 'LoyaltyPointsSettings' }) },
      },
    },
    async () => getPointsSettings(db),
  );

  api.put(
    '/admin/loyalty/settings',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Changes the bonus-point rules',
        body: pointsSettingsSchema,
        response: { 200: pointsSettingsSchema },
      },
    },
    async (request) => {
      const before = await getPointsSettings(db);
      await db.transaction(async (tx) => {
        await savePointsSettings(tx, request.body);
        await recordAudit(tx, request, {
          action: 'loyalty.settings',
          details: { before, after: request.body },
        });
      });
      return request.body;
    },
  );

  api.get(
    '/admin/loyalty/people',
    {
      config: manage,
      schema: {
        tags,
        summary: 'Finds a loyalty member by e-mail or card number',
        querystring: lookupQuery,
        response: { 200: personParams },
      },
    },
    async (request) => {
      const q = request.query.q;
      const person = /^\d{13}$/.test(q)
        ? await accountByCard(db, q).then((a) => (a ? getPerson(db, a.personId) : null))
        : await findPersonByEmail(db, q);
      if (!person) throw new AppError('NOT_FOUND', 'No such person');
      return { personId: person.id };
    },
  );

  api.get(
    '/admin/loyalty/people/:personId',
    {
      config: manage,
      schema: {
        tags,
        summary: "A person's bonus ledger: balance, expiry schedule and movements",
        params: personParams,
        querystring: historyQuery,
        response: { 200: personLedgerSchema },
      },
    },
    async (request) => {
      const person = await getPerson(db, request.params.personId);
      if (!person) throw new AppError('NOT_FOUND', 'No such person');
      const account = await ensureAccount(db, person.id);
      const [balance, entries] = await Promise.all([
        pointsBalance(db, person.id),
        pointsHistory(db, person.id, request.query),
      ]);
      return {
        person: { id: person.id, name: person.name, email: person.email },
        balance: balance.points,
        expiring: balance.expiring,
        cardNumber: account.cardNumber,
        tierCode: account.tierCode,
        entries,
      };
    },
  );

  api.post(
    '/admin/loyalty/people/:personId/adjustments',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'A manual adjustment (+ credit, − debit) with a mandatory reason; audited; Idempotency-Key repeats return the first',
        params: personParams,
        body: adjustmentBody,
        response: { 201: entrySchema },
      },
    },
    async (request, reply) => {
      const person = await getPerson(db, request.params.personId);
      if (!person) throw new AppError('NOT_FOUND', 'No such person');
      const header = request.headers['idempotency-key'];
      const key = typeof header === 'string' && header.length > 0 && header.length <= 200 ? header : uuidv7();
      const actor = actorOf(request);
      const entry = await db.transaction(async (tx) => {
        const row = await adjustPoints(tx, {
          personId: person.id,
          points: request.body.points,
          reason: request.body.reason,
          actorId: actor.id,
          key: `${actor.id}:${key}`,
          now: new Date(),
        });
        await recordAudit(tx, request, {
          action: 'loyalty.adjustment',
          subject: person.id,
          details: { points: request.body.points, reason: request.body.reason, entryId: row.id },
        });
        return row;
      });
      return reply.code(201).send(presentEntry(entry));
    },
  );

  const period = (q: { from?: string | undefined; to?: string | undefined }) => {
    const to = q.to ? new Date(`${q.to}T00:00:00Z`) : new Date();
    const endExclusive = q.to ? new Date(to.getTime() + 86_400_000) : to;
    const from = q.from
      ? new Date(`${q.from}T00:00:00Z`)
      : new Date(Date.UTC(to.getUTCFullYear(), to.getUTCMonth() - 11, 1));
    if (from >= endExclusive)
      throw new AppError('VALIDATION_FAILED', 'The period is empty', [
        { path: 'from', message: 'Before `to`' },
      ]);
    return { from, to: endExclusive };
  };

  api.get(
    '/admin/loyalty/reports',
    {
      config: manage,
      schema: {
        tags,
        summary:
          'Points issued, spent and expired by month; liability; tier distribution (default: 12 months)',
        querystring: reportQuery,
        response: { 200: reportSchema },
      },
    },
    async (request) => {
      const { from, to } = period(request.query);
      return pointsReport(db, from, to);
    },
  );

  api.get(
    '/admin/loyalty/reports.xlsx',
    {
      config: manage,
      schema: {
        tags,
        summary: 'The loyalty report as an Excel workbook; ?lang=ru|en',
        querystring: reportQuery,
      },
    },
    async (request, reply) => {
      const { from, to } = period(request.query);
      const report = await pointsReport(db, from, to);
      const lang = request.query.lang ?? (actorOf(request).locale === 'en' ? 'en' : 'ru');
      return reply
        .header('content-type', 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet')
        .header('content-disposition', pointsReportDisposition(report, lang))
        .header('x-content-type-options', 'nosniff')
        .header('cache-control', 'private, no-store')
        .send(await pointsReportXlsx(report, lang));
    },
  );
}
