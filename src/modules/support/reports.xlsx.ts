import ExcelJS from 'exceljs';
import type { SupportReport, TimingFigures } from './reports.service.js';

export type ReportLanguage = 'ru' | 'en';

const words = {
  ru: {
    sheets: { summary: 'Сводка', topics: 'По темам', operators: 'По операторам', days: 'По дням' },
    metric: 'Показатель',
    value: 'Значение',
    period: 'Период',
    created: 'Создано',
    resolved: 'Решено',
    openNow: 'Открыто сейчас',
    firstBreached: 'Просрочен первый ответ',
    resolutionBreached: 'Просрочено решение',
    frMedian: 'Первый ответ, медиана (мин)',
    frP90: 'Первый ответ, 90-й перцентиль (мин)',
    frWithin: 'Первый ответ в срок SLA, доля',
    rsMedian: 'Решение, медиана (мин)',
    rsP90: 'Решение, 90-й перцентиль (мин)',
    rsWithin: 'Решение в срок SLA, доля',
    csatAverage: 'CSAT, средняя оценка',
    csatCount: 'CSAT, оценок',
    csatSatisfied: 'CSAT, доля оценок 4–5',
    csatRating: (n: number) => `CSAT, оценка ${n}`,
    topic: 'Тема',
    noTopic: 'Без темы',
    medianFr: 'Первый ответ, медиана (мин)',
    csat: 'CSAT',
    operator: 'Оператор',
    assigned: 'Назначено',
    responded: 'С ответом',
    csatRatings: 'Оценок',
    date: 'Дата',
    file: 'Отчёт поддержки',
  },
  en: {
    sheets: { summary: 'Summary', topics: 'By topic', operators: 'By operator', days: 'By day' },
    metric: 'Metric',
    value: 'Value',
    period: 'Period',
    created: 'Created',
    resolved: 'Resolved',
    openNow: 'Open now',
    firstBreached: 'First response breached',
    resolutionBreached: 'Resolution breached',
    frMedian: 'First response, median (min)',
    frP90: 'First response, 90th percentile (min)',
    frWithin: 'First response within SLA, share',
    rsMedian: 'Resolution, median (min)',
    rsP90: 'Resolution, 90th percentile (min)',
    rsWithin: 'Resolution within SLA, share',
    csatAverage: 'CSAT, average',
    csatCount: 'CSAT, ratings',
    csatSatisfied: 'CSAT, share of 4–5',
    csatRating: (n: number) => `CSAT, rating ${n}`,
    topic: 'Topic',
    noTopic: 'No topic',
    medianFr: 'First response, median (min)',
    csat: 'CSAT',
    operator: 'Operator',
    assigned: 'Assigned',
    responded: 'Responded',
    csatRatings: 'Ratings',
    date: 'Date',
    file: 'Support report',
  },
} as const;

function sheet(
  workbook: ExcelJS.Workbook,
  name: string,
  header: string[],
  rows: (string | number | null)[][],
) {
  const ws = workbook.addWorksheet(name);
  ws.addRow(header).font = { bold: true };
  for (const row of rows) ws.addRow(row);
  ws.columns.forEach((c, i) => {
    c.width = i === 0 ? 40 : 18;
  });
  ws.views = [{ state: 'frozen', ySplit: 1 }];
}

/** The report as a workbook: summary, topics, operators, days (sheet names and headers in the language). */
export async function reportXlsx(r: SupportReport, lang: ReportLanguage): Promise<Buffer> {
  const w = words[lang];
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Kabinet';
  const timing = (t: TimingFigures, median: string, p90: string, within: string) => [
    [median, t.medianMinutes],
    [p90, t.p90Minutes],
    [within, t.withinSlaShare],
  ];
  sheet(
    workbook,
    w.sheets.summary,
    [w.metric, w.value],
    [
      [w.period, `${r.period.from} — ${r.period.to}`],
      [w.created, r.totals.created],
      [w.resolved, r.totals.resolved],
      [w.openNow, r.totals.openNow],
      [w.firstBreached, r.totals.firstResponseBreached],
      [w.resolutionBreached, r.totals.resolutionBreached],
      ...timing(r.firstResponse, w.frMedian, w.frP90, w.frWithin),
      ...timing(r.resolution, w.rsMedian, w.rsP90, w.rsWithin),
      [w.csatAverage, r.csat.average],
      [w.csatCount, r.csat.count],
      [w.csatSatisfied, r.csat.satisfiedShare],
      ...r.csat.distribution.map((d) => [w.csatRating(d.rating), d.count]),
    ],
  );
  sheet(
    workbook,
    w.sheets.topics,
    [w.topic, w.created, w.resolved, w.medianFr, w.csat],
    r.byTopic.map((t) => [
      (lang === 'ru' ? t.nameRu : t.nameEn) ?? w.noTopic,
      t.created,
      t.resolved,
      t.medianFirstResponseMinutes,
      t.csatAverage,
    ]),
  );
  sheet(
    workbook,
    w.sheets.operators,
    [w.operator, w.assigned, w.responded, w.resolved, w.medianFr, w.csat, w.csatRatings],
    r.operators.map((o) => [
      o.name,
      o.assigned,
      o.responded,
      o.resolved,
      o.medianFirstResponseMinutes,
      o.csatAverage,
      o.csatCount,
    ]),
  );
  sheet(
    workbook,
    w.sheets.days,
    [w.date, w.created, w.resolved],
    r.byDay.map((d) => [d.date, d.created, d.resolved]),
  );
  return Buffer.from(await workbook.xlsx.writeBuffer());
}

/** `attachment` with an ASCII name and the language's name as RFC 5987 `filename*`. */
export function reportDisposition(r: SupportReport, lang: ReportLanguage) {
  const suffix = `${r.period.from}_${r.period.to}.xlsx`;
  const local = encodeURIComponent(`${words[lang].file} ${suffix}`);
  return `attachment; filename="support-report-${suffix}"; filename*=UTF-8''${local}`;
}
