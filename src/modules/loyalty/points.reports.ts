import { sql } from 'drizzle-orm';
import ExcelJS from 'exceljs';
import { type Db, queryRows } from '../../server/core/db.js';
import { getPointsSettings } from './points.settings.js';

/** One month of the ledger: what was issued, spent, given back, taken back and burnt (points). */
export interface PointsMonth {
  month: string;
  issued: number;
  spent: number;
  returned: number;
  takenBack: number;
  expired: number;
  adjusted: number;
}

export interface PointsReport {
  from: string;
  to: string;
  months: PointsMonth[];
  /** Points on balances now (unspent, not yet burnt) and what they are worth. */
  liability: { points: number; kopecks: number };
  tiers: { tierCode: string | null; accounts: number }[];
}

/** The loyalty report of `[from, to)` by calendar month (UTC). */
export async function pointsReport(db: Db, from: Date, to: Date): Promise<PointsReport> {
  const settings = await getPointsSettings(db);
  const rows = await queryRows<{ month: string; kind: string; plus: number; minus: number }>(
    db,
    sql`select to_char(date_trunc('month', created_at at time zone 'UTC'), 'YYYY-MM') as month, kind,
          coalesce(sum(points) filter (where points > 0), 0)::int as plus,
          coalesce(-sum(points) filter (where points < 0), 0)::int as minus
        from loyalty_point_entries where created_at >= ${from} and created_at < ${to}
        group by 1, 2 order by 1`,
  );
  const months = new Map<string, PointsMonth>();
  for (const r of rows) {
    const m = months.get(r.month) ?? {
      month: r.month,
      issued: 0,
      spent: 0,
      returned: 0,
      takenBack: 0,
      expired: 0,
      adjusted: 0,
    };
    if (r.kind === 'accrual' || r.kind === 'bonus') m.issued += r.plus;
    else if (r.kind === 'redemption') m.spent += r.minus;
    else if (r.kind === 'redemption_reversal') m.returned += r.plus;
    else if (r.kind === 'accrual_reversal') m.takenBack += r.minus;
    else if (r.kind === 'expiration') m.expired += r.minus;
    else if (r.kind === 'adjustment') m.adjusted += r.plus - r.minus;
    months.set(r.month, m);
  }
  const [liability] = await queryRows<{ n: number }>(
    db,
    sql`select coalesce(sum(points), 0)::int as n from loyalty_point_entries`,
  );
  const tiers = await queryRows<{ tier_code: string | null; n: number }>(
    db,
    sql`select tier_code, count(*)::int as n from loyalty_accounts group by tier_code order by tier_code nulls first`,
  );
  const points = liability?.n ?? 0;
  return {
    from: from.toISOString(),
    to: to.toISOString(),
    months: [...months.values()],
    liability: { points, kopecks: points * settings.pointValue },
    tiers: tiers.map((t) => ({ tierCode: t.tier_code, accounts: t.n })),
  };
}

const words = {
  ru: {
    months: 'По месяцам',
    summary: 'Сводка',
    month: 'Месяц',
    issued: 'Начислено',
    spent: 'Списано в оплату',
    returned: 'Возвращено',
    takenBack: 'Отозвано',
    expired: 'Сгорело',
    adjusted: 'Корректировки',
    liabilityPoints: 'Обязательства, баллов',
    liabilityRub: 'Обязательства, ₽',
    tier: 'Уровень',
    noTier: 'Без уровня',
    accounts: 'Участников',
    period: 'Период',
    file: 'Отчёт по баллам',
  },
  en: {
    months: 'By month',
    summary: 'Summary',
    month: 'Month',
    issued: 'Issued',
    spent: 'Spent',
    returned: 'Given back',
    takenBack: 'Taken back',
    expired: 'Expired',
    adjusted: 'Adjustments',
    liabilityPoints: 'Liability, points',
    liabilityRub: 'Liability, RUB',
    tier: 'Tier',
    noTier: 'No tier',
    accounts: 'Members',
    period: 'Period',
    file: 'Points report',
  },
};

/** The report as an Excel workbook (a summary sheet and a sheet by month). */
export async function pointsReportXlsx(report: PointsReport, lang: 'ru' | 'en'): Promise<Buffer> {
  const w = words[lang];
  const book = new ExcelJS.Workbook();
  const summary = book.addWorksheet(w.summary);
  summary.columns = [
    { header: w.summary, key: 'k', width: 32 },
    { header: '', key: 'v', width: 20 },
  ];
  summary.addRow({ k: w.period, v: `${report.from.slice(0, 10)} — ${report.to.slice(0, 10)}` });
  summary.addRow({ k: w.liabilityPoints, v: report.liability.points });
  summary.addRow({ k: w.liabilityRub, v: report.liability.kopecks / 100 });
  summary.addRow({});
  summary.addRow({ k: w.tier, v: w.accounts });
  for (const t of report.tiers) summary.addRow({ k: t.tierCode ?? w.noTier, v: t.accounts });
  const sheet = book.addWorksheet(w.months);
  sheet.columns = (['month', 'issued', 'spent', 'returned', 'takenBack', 'expired', 'adjusted'] as const).map(
    (key) => ({ header: w[key], key, width: 18 }),
  );
  for (const m of report.months) sheet.addRow(m);
  sheet.getRow(1).font = { bold: true };
  return Buffer.from(await book.xlsx.writeBuffer());
}

/** `attachment; filename=…` of the workbook. */
export function pointsReportDisposition(report: PointsReport, lang: 'ru' | 'en'): string {
  const name = `${words[lang].file} ${report.from.slice(0, 10)}_${report.to.slice(0, 10)}.xlsx`;
  return `attachment; filename="points-report.xlsx"; filename*=UTF-8''${encodeURIComponent(name)}`;
}
