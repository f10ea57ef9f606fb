import { Checkbox, Group, NumberInput, Select, Switch, TextInput } from '@mantine/core';
import { useQuery } from '@tanstack/react-query';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Audience, type Kind, type Method, warehousesQuery } from './api';
import { EditModal } from './EditModal';

const kinds: Kind[] = ['pickup', 'courier', 'transport_company'];

/** Creates or edits a method: a pickup names a catalog warehouse, a transport company its carrier. */
export function MethodModal({ method, onClose }: { method: Method | null; onClose: () => void }) {
  const { t } = useTranslation();
  const warehouses = useQuery(warehousesQuery);
  const [kind, setKind] = useState<Kind>(method?.kind ?? 'courier');
  const [name, setName] = useState(method?.name ?? '');
  const [nameEn, setNameEn] = useState(method?.nameEn ?? '');
  const [carrier, setCarrier] = useState(method?.carrier ?? '');
  const [warehouseId, setWarehouseId] = useState<string | null>(method?.warehouseId ?? null);
  const [audiences, setAudiences] = useState<string[]>(method?.audiences ?? ['retail', 'company']);
  const [lead, setLead] = useState<number | string>(method?.leadTimeDays ?? 0);
  const [position, setPosition] = useState<number | string>(method?.position ?? 0);
  const [active, setActive] = useState(method?.isActive ?? true);
  return (
    <EditModal
      title={method?.name ?? t('delivery-admin.methods.create')}
      path="/methods"
      id={method?.id ?? null}
      onClose={onClose}
      body={() => ({
        kind,
        name: name.trim(),
        nameEn: nameEn.trim() || null,
        ...(kind === 'transport_company' ? { carrier: carrier.trim() } : {}),
        ...(kind === 'pickup' && warehouseId ? { warehouseId } : {}),
        audiences: audiences as Audience[],
        leadTimeDays: typeof lead === 'number' ? lead : 0,
        position: typeof position === 'number' ? position : 0,
        isActive: active,
      })}
    >
      {(e) => (
        <>
          <Select
            label={t('delivery-admin.methods.kind')}
            data={kinds.map((k) => ({ value: k, label: t(`delivery-admin.kinds.${k}`) }))}
            value={kind}
            onChange={(v) => setKind((v as Kind | null) ?? 'courier')}
            allowDeselect={false}
            error={e.kind}
          />
          <TextInput
            label={t('delivery-admin.methods.name')}
            required
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            error={e.name}
          />
          <TextInput
            label={t('delivery-admin.methods.nameEn')}
            value={nameEn}
            onChange={(ev) => setNameEn(ev.currentTarget.value)}
            error={e.nameEn}
          />
          {kind === 'transport_company' ? (
            <TextInput
              label={t('delivery-admin.methods.carrier')}
              required
              value={carrier}
              onChange={(ev) => setCarrier(ev.currentTarget.value)}
              error={e.carrier}
            />
          ) : null}
          {kind === 'pickup' ? (
            <Select
              label={t('delivery-admin.methods.warehouse')}
              required
              data={(warehouses.data ?? []).map((w) => ({ value: w.id, label: w.name }))}
              value={warehouseId}
              onChange={setWarehouseId}
              error={e.warehouseId}
            />
          ) : null}
          <Checkbox.Group
            label={t('delivery-admin.methods.audiences')}
            value={audiences}
            onChange={setAudiences}
            error={e.audiences}
          >
            <Group mt={4}>
              <Checkbox value="retail" label={t('delivery-admin.audiences.retail')} />
              <Checkbox value="company" label={t('delivery-admin.audiences.company')} />
            </Group>
          </Checkbox.Group>
          <NumberInput
            label={t('delivery-admin.methods.leadTimeDays')}
            min={0}
            max={365}
            value={lead}
            onChange={setLead}
            error={e.leadTimeDays}
          />
          <NumberInput
            label={t('delivery-admin.position')}
            min={0}
            max={10_000}
            value={position}
            onChange={setPosition}
          />
          <Switch
            label={t('delivery-admin.methods.active')}
            checked={active}
            onChange={(ev) => setActive(ev.currentTarget.checked)}
          />
        </>
      )}
    </EditModal>
  );
}
