import { Anchor, Badge, Group, Paper, Skeleton, Stack, Text, Title } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import type { ReactNode } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { can, sessionQuery } from '../../app/portal';
import { useFormat } from '../../ui/format';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { formatDay, formatRub } from '../finance/api';
import { type CustomerOverview, type CustomerTicket, customerOverviewQuery } from './api';

export interface Customer360PanelProps {
  personId: string;
  companyId: string | null;
}

/** A titled block of the panel; `testId` lets the e2e find a section. */
function Section({ title, testId, children }: { title: string; testId: string; children: ReactNode }) {
  return (
    <Paper withBorder p="sm" component="section" data-testid={testId}>
      <Title order={3} size="h5" mb={6}>
        {title}
      </Title>
      {children}
    </Paper>
  );
}

function Empty({ children }: { children: ReactNode }) {
  return (
    <Text size="sm" c="dimmed">
      {children}
    </Text>
  );
}

/** A two-line row: what (left, may wrap) and a figure or date (right). */
function Row({ main, side, sub }: { main: ReactNode; side?: ReactNode; sub?: ReactNode }) {
  return (
    <div>
      <Group justify="space-between" gap={6} wrap="nowrap" align="flex-start">
        <Text size="sm" style={{ minWidth: 0, overflowWrap: 'anywhere' }}>
          {main}
        </Text>
        {side ? (
          <Text size="sm" ta="right" style={{ flexShrink: 0 }}>
            {side}
          </Text>
        ) : null}
      </Group>
      {sub ? (
        <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
          {sub}
        </Text>
      ) : null}
    </div>
  );
}

function PanelSkeleton() {
  return (
    <Stack gap="sm" data-testid="c360-loading" aria-busy="true">
      {[0, 1, 2, 3].map((i) => (
        <Paper withBorder p="sm" key={i}>
          <Skeleton h={14} w="50%" mb={10} />
          <Skeleton h={10} mb={6} />
          <Skeleton h={10} w="80%" />
        </Paper>
      ))}
    </Stack>
  );
}

function Tickets({ title, items, testId }: { title: string; items: CustomerTicket[]; testId: string }) {
  const { t } = useTranslation();
  const f = useFormat();
  return (
    <Section title={title} testId={testId}>
      {items.length === 0 ? <Empty>{t('customer360.tickets.empty')}</Empty> : null}
      <Stack gap={6}>
        {items.map((x) => (
          <Row
            key={x.id}
            main={
              <>
                <b>{x.number}</b> {x.subject}
              </>
            }
            side={<Badge variant="light">{t(`customer360.tickets.status.${x.status}`)}</Badge>}
            sub={[
              f.dateTime(x.createdAt),
              x.csatRating ? t('customer360.tickets.csat', { rating: x.csatRating }) : null,
            ]
              .filter(Boolean)
              .join(' · ')}
          />
        ))}
      </Stack>
    </Section>
  );
}

function CompanySections({ company }: { company: NonNullable<CustomerOverview['company']> }) {
  const { t, i18n } = useTranslation();
  const f = useFormat();
  const session = useQuery(sessionQuery);
  const rub = (v: number) => formatRub(v, i18n.language);
  const day = (d: string) => formatDay(d, i18n.language);
  const ordersLinked = can(session.data, 'orders.manage');
  const money = company.finance;
  return (
    <>
      <Section title={t('customer360.orders.title')} testId="c360-orders">
        {company.orders.length === 0 ? <Empty>{t('customer360.orders.empty')}</Empty> : null}
        <Stack gap={6}>
          {company.orders.map((o) => (
            <Row
              key={o.id}
              main={
                ordersLinked ? (
                  <Anchor
                    fw={600}
                    size="sm"
                    renderRoot={(props) => <Link to="/admin/orders/$id" params={{ id: o.id }} {...props} />}
                  >
                    {o.number}
                  </Anchor>
                ) : (
                  <b>{o.number}</b>
                )
              }
              side={rub(o.total)}
              sub={[
                f.dateTime(o.createdAt),
                t(`orders.status.${o.status}` as 'orders.status.new'),
                t(`customer360.paymentState.${o.paymentState}` as 'customer360.paymentState.paid'),
              ].join(' · ')}
            />
          ))}
        </Stack>
      </Section>
      <Section title={t('customer360.finance.title')} testId="c360-finance">
        <Stack gap={4}>
          <Row main={t('customer360.finance.balance')} side={rub(money.balance)} />
          <Row main={t('customer360.finance.receivable')} side={rub(money.receivable)} />
          <Row
            main={t('customer360.finance.overdue')}
            side={
              <Text
                span
                size="sm"
                c={money.overdue > 0 ? 'red.8' : undefined}
                fw={money.overdue > 0 ? 700 : 400}
              >
                {rub(money.overdue)}
              </Text>
            }
          />
          <Row
            main={t('customer360.finance.creditAvailable')}
            side={money.creditLimit === null ? t('customer360.finance.noCredit') : rub(money.creditAvailable)}
          />
        </Stack>
      </Section>
      <Section title={t('customer360.payments.title')} testId="c360-payments">
        {company.payments.length === 0 ? <Empty>{t('customer360.payments.empty')}</Empty> : null}
        <Stack gap={4}>
          {company.payments.map((p) => (
            <Row
              key={p.id}
              main={day(p.paidOn)}
              side={rub(p.amount)}
              sub={p.number ? t('customer360.payments.number', { number: p.number }) : undefined}
            />
          ))}
        </Stack>
      </Section>
      <Section title={t('customer360.documents.title')} testId="c360-documents">
        {company.documents.length === 0 ? <Empty>{t('customer360.documents.empty')}</Empty> : null}
        <Stack gap={4}>
          {company.documents.map((d) => (
            <Row
              key={d.id}
              main={`${t(`customer360.documents.kind.${d.kind}` as 'customer360.documents.kind.invoice')} ${d.number}`}
              side={d.amount !== null ? rub(d.amount) : undefined}
              sub={`${day(d.date)} · ${t(`customer360.documents.status.${d.status}` as 'customer360.documents.status.paid')}`}
            />
          ))}
        </Stack>
      </Section>
    </>
  );
}

/**
 * Everything about the person beside their request (docs/support-reports.md, "Customer 360"): contact,
 * companies, the company's orders, money and documents, previous requests and recent actions. Compact
 * sections that fit a 320–360 px column.
 */
export function Customer360Panel({ personId, companyId }: Customer360PanelProps) {
  const { t } = useTranslation();
  const f = useFormat();
  const session = useQuery(sessionQuery);
  const overview = useQuery(customerOverviewQuery(personId, companyId));
  if (overview.isPending) return <PanelSkeleton />;
  if (overview.isError) {
    if (isApiError(overview.error, 404)) return <StateMessage icon="?" title={t('customer360.notFound')} />;
    return <ErrorState error={overview.error} onRetry={() => void overview.refetch()} />;
  }
  const { person, companies, company, tickets, actions } = overview.data;
  const peopleLinked = can(session.data, 'people.read');
  const companiesLinked = can(session.data, 'companies.read');
  return (
    <Stack gap="sm" data-testid="customer360">
      <Section title={t('customer360.person.title')} testId="c360-person">
        <Stack gap={2}>
          <Group gap={6}>
            {peopleLinked ? (
              <Anchor
                fw={700}
                renderRoot={(props) => (
                  <Link to="/admin/people/$userId" params={{ userId: person.id }} {...props} />
                )}
              >
                {person.name}
              </Anchor>
            ) : (
              <Text fw={700}>{person.name}</Text>
            )}
            {person.blocked ? (
              <Badge color="red" variant="light">
                {t('customer360.person.blocked')}
              </Badge>
            ) : null}
          </Group>
          <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
            <Anchor href={`mailto:${person.email}`} size="sm">
              {person.email}
            </Anchor>
          </Text>
          {person.phone ? (
            <Text size="sm">
              <Anchor href={`tel:${person.phone}`} size="sm">
                {person.phone}
              </Anchor>
            </Text>
          ) : null}
          <Text size="xs" c="dimmed">
            {t('customer360.person.language')}: {f.language(person.locale)} ·{' '}
            {t('customer360.person.registered')}: {f.dateTime(person.registeredAt)}
          </Text>
          <Text size="xs" c="dimmed">
            {t('customer360.person.lastSignIn')}:{' '}
            {person.lastSignInAt ? f.relative(person.lastSignInAt) : t('customer360.person.never')}
          </Text>
        </Stack>
      </Section>
      <Section title={t('customer360.companies.title')} testId="c360-companies">
        {companies.length === 0 ? <Empty>{t('customer360.companies.empty')}</Empty> : null}
        <Stack gap={6}>
          {companies.map((c) => (
            <div key={c.id}>
              {companiesLinked ? (
                <Anchor
                  size="sm"
                  fw={c.id === companyId ? 700 : 500}
                  renderRoot={(props) => (
                    <Link to="/admin/companies/$companyId" params={{ companyId: c.id }} {...props} />
                  )}
                >
                  {c.name}
                </Anchor>
              ) : (
                <Text size="sm" fw={c.id === companyId ? 700 : 500}>
                  {c.name}
                </Text>
              )}
              <Text size="xs" c="dimmed" style={{ overflowWrap: 'anywhere' }}>
                {[
                  c.inn ? `${t('customer360.companies.inn')} ${c.inn}` : null,
                  c.customerGroup ? `${t('customer360.companies.group')}: ${c.customerGroup.name}` : null,
                  `${t('customer360.companies.manager')}: ${c.manager?.name ?? t('customer360.companies.noManager')}`,
                ]
                  .filter(Boolean)
                  .join(' · ')}
              </Text>
            </div>
          ))}
        </Stack>
      </Section>
      {company ? (
        <CompanySections company={company} />
      ) : companies.length > 0 ? (
        <Empty>{t('customer360.noCompany')}</Empty>
      ) : null}
      <Tickets title={t('customer360.tickets.person')} items={tickets.person} testId="c360-tickets-person" />
      {company ? (
        <Tickets
          title={t('customer360.tickets.company')}
          items={tickets.company}
          testId="c360-tickets-company"
        />
      ) : null}
      <Section title={t('customer360.actions.title')} testId="c360-actions">
        {actions.length === 0 ? <Empty>{t('customer360.actions.empty')}</Empty> : null}
        <Stack gap={4} component="ol" style={{ listStyle: 'none', padding: 0, margin: 0 }}>
          {actions.map((a) => (
            <li key={`${a.kind}-${a.at}-${a.label}`}>
              <Row
                main={t(`customer360.actions.kind.${a.kind}`, { label: a.label })}
                sub={f.dateTime(a.at)}
              />
            </li>
          ))}
        </Stack>
      </Section>
    </Stack>
  );
}
