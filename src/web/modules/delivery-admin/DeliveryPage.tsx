import { ActionIcon, Badge, Button, Group, Stack, Table, Tabs, Text } from '@mantine/core';
import { IconPencil, IconPlus, IconTruckDelivery } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { NoAccess } from '../backoffice/NoAccess';
import { type Method, methodsQuery, money, type Tariff, tariffsQuery, type Zone, zonesQuery } from './api';
import { MethodModal } from './MethodModal';
import { TariffModal } from './TariffModal';
import { ZoneModal } from './ZoneModal';

type Section = 'methods' | 'zones' | 'tariffs';
type Editing =
  | { section: 'zones'; row: Zone | null }
  | { section: 'methods'; row: Method | null }
  | { section: 'tariffs'; row: Tariff | null };

/** Back office: delivery methods, zones and tariffs, one tab each; rows open in a modal. */
export function DeliveryPage() {
  const { t } = useTranslation();
  usePageTitle(t('delivery-admin.title'));
  const zones = useQuery(zonesQuery);
  const methods = useQuery(methodsQuery);
  const tariffs = useQuery(tariffsQuery);
  const [tab, setTab] = useState<Section>('methods');
  const [editing, setEditing] = useState<Editing | null>(null);
  const failed = [zones, methods, tariffs].find((q) => q.isError);
  let body: React.ReactNode;
  if (zones.isPending || methods.isPending || tariffs.isPending) body = <ListSkeleton />;
  else if (isApiError(failed?.error, 401, 403)) body = <NoAccess />;
  else if (failed) body = <ErrorState error={failed.error} onRetry={() => void failed.refetch()} />;
  else
    body = (
      <Tabs value={tab} onChange={(v) => setTab((v as Section | null) ?? 'methods')}>
        <Tabs.List mb="md" style={{ flexWrap: 'wrap' }} aria-label={t('delivery-admin.title')}>
          {(['methods', 'zones', 'tariffs'] as const).map((s) => (
            <Tabs.Tab key={s} value={s}>
              {t(`delivery-admin.${s}.title`)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="methods">
          <MethodsTable rows={methods.data ?? []} onEdit={(row) => setEditing({ section: 'methods', row })} />
        </Tabs.Panel>
        <Tabs.Panel value="zones">
          <ZonesTable rows={zones.data ?? []} onEdit={(row) => setEditing({ section: 'zones', row })} />
        </Tabs.Panel>
        <Tabs.Panel value="tariffs">
          <TariffsTable
            rows={tariffs.data ?? []}
            methods={methods.data ?? []}
            zones={zones.data ?? []}
            onEdit={(row) => setEditing({ section: 'tariffs', row })}
          />
        </Tabs.Panel>
      </Tabs>
    );
  const close = () => setEditing(null);
  return (
    <>
      <PageHeader
        title={t('delivery-admin.title')}
        actions={
          <Button
            leftSection={<IconPlus size={16} />}
            onClick={() => setEditing({ section: tab, row: null })}
          >
            {t(`delivery-admin.${tab}.create`)}
          </Button>
        }
      />
      {body}
      {editing?.section === 'zones' ? <ZoneModal zone={editing.row} onClose={close} /> : null}
      {editing?.section === 'methods' ? <MethodModal method={editing.row} onClose={close} /> : null}
      {editing?.section === 'tariffs' ? (
        <TariffModal
          tariff={editing.row}
          methods={methods.data ?? []}
          zones={zones.data ?? []}
          onClose={close}
        />
      ) : null}
    </>
  );
}

function Empty({ section }: { section: Section }) {
  const { t } = useTranslation();
  return (
    <StateMessage
      role="status"
      icon={<IconTruckDelivery size={28} />}
      title={t(`delivery-admin.${section}.empty`)}
    />
  );
}

function EditButton({ name, onClick }: { name: string; onClick: () => void }) {
  const { t } = useTranslation();
  return (
    <ActionIcon variant="subtle" aria-label={t('delivery-admin.edit', { name })} onClick={onClick}>
      <IconPencil size={16} />
    </ActionIcon>
  );
}

/** A table that scrolls sideways on a phone instead of squeezing its columns. */
function Scroll({ children }: { children: React.ReactNode }) {
  return (
    <Table.ScrollContainer minWidth={520}>
      <Table striped withTableBorder verticalSpacing="xs">
        {children}
      </Table>
    </Table.ScrollContainer>
  );
}

function MethodsTable({ rows, onEdit }: { rows: Method[]; onEdit: (row: Method) => void }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty section="methods" />;
  return (
    <Scroll>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('delivery-admin.methods.name')}</Table.Th>
          <Table.Th>{t('delivery-admin.methods.kind')}</Table.Th>
          <Table.Th>{t('delivery-admin.methods.audiences')}</Table.Th>
          <Table.Th>{t('delivery-admin.methods.leadTimeDays')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((m) => (
          <Table.Tr key={m.id}>
            <Table.Td>
              <Group gap="xs">
                <Text fw={500}>{m.name}</Text>
                {m.isActive ? null : <Badge color="gray">{t('delivery-admin.methods.inactive')}</Badge>}
              </Group>
              {m.carrier ? (
                <Text size="sm" c="dimmed">
                  {m.carrier}
                </Text>
              ) : null}
            </Table.Td>
            <Table.Td>{t(`delivery-admin.kinds.${m.kind}`)}</Table.Td>
            <Table.Td>{m.audiences.map((a) => t(`delivery-admin.audiences.${a}`)).join(', ')}</Table.Td>
            <Table.Td>{m.leadTimeDays}</Table.Td>
            <Table.Td>
              <EditButton name={m.name} onClick={() => onEdit(m)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Scroll>
  );
}

function ZonesTable({ rows, onEdit }: { rows: Zone[]; onEdit: (row: Zone) => void }) {
  const { t } = useTranslation();
  if (rows.length === 0) return <Empty section="zones" />;
  return (
    <Scroll>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('delivery-admin.zones.name')}</Table.Th>
          <Table.Th>{t('delivery-admin.zones.prefixes')}</Table.Th>
          <Table.Th>{t('delivery-admin.zones.places')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((z) => (
          <Table.Tr key={z.id}>
            <Table.Td>
              <Group gap="xs">
                <Text fw={500}>{z.name}</Text>
                {z.isDefault ? <Badge>{t('delivery-admin.zones.default')}</Badge> : null}
              </Group>
            </Table.Td>
            <Table.Td>{z.postalPrefixes.join(', ') || '—'}</Table.Td>
            <Table.Td style={{ overflowWrap: 'anywhere' }}>
              {[...z.regions, ...z.cities].join(', ') || '—'}
            </Table.Td>
            <Table.Td>
              <EditButton name={z.name} onClick={() => onEdit(z)} />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Scroll>
  );
}

function TariffsTable({
  rows,
  methods,
  zones,
  onEdit,
}: {
  rows: Tariff[];
  methods: Method[];
  zones: Zone[];
  onEdit: (row: Tariff) => void;
}) {
  const { t, i18n } = useTranslation();
  if (rows.length === 0) return <Empty section="tariffs" />;
  const nameOf = (list: { id: string; name: string }[], id: string) =>
    list.find((x) => x.id === id)?.name ?? '—';
  return (
    <Scroll>
      <Table.Thead>
        <Table.Tr>
          <Table.Th>{t('delivery-admin.tariffs.method')}</Table.Th>
          <Table.Th>{t('delivery-admin.tariffs.zone')}</Table.Th>
          <Table.Th>{t('delivery-admin.tariffs.baseCost')}</Table.Th>
          <Table.Th>{t('delivery-admin.tariffs.days')}</Table.Th>
          <Table.Th />
        </Table.Tr>
      </Table.Thead>
      <Table.Tbody>
        {rows.map((r) => (
          <Table.Tr key={r.id}>
            <Table.Td>{nameOf(methods, r.methodId)}</Table.Td>
            <Table.Td>{nameOf(zones, r.zoneId)}</Table.Td>
            <Table.Td>
              <Stack gap={0}>
                <Text>{money(r.baseCost, i18n.language)}</Text>
                {r.perKgCost > 0 ? (
                  <Text size="sm" c="dimmed">
                    {t('delivery-admin.tariffs.perKgShort', { cost: money(r.perKgCost, i18n.language) })}
                  </Text>
                ) : null}
              </Stack>
            </Table.Td>
            <Table.Td>{r.daysMin === r.daysMax ? r.daysMin : `${r.daysMin}–${r.daysMax}`}</Table.Td>
            <Table.Td>
              <EditButton
                name={`${nameOf(methods, r.methodId)} · ${nameOf(zones, r.zoneId)}`}
                onClick={() => onEdit(r)}
              />
            </Table.Td>
          </Table.Tr>
        ))}
      </Table.Tbody>
    </Scroll>
  );
}
