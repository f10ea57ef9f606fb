import { NumberInput, Select, SimpleGrid } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { type Method, type Tariff, toKopecks, toNumber, type Zone } from './api';
import { EditModal } from './EditModal';

type Field = number | string;
const roubles = (kopecks: number | null | undefined): Field => (kopecks == null ? '' : kopecks / 100);

/** Creates or edits a tariff: money typed in roubles, kept in kopecks; empty limits mean none. */
export function TariffModal({
  tariff,
  methods,
  zones,
  onClose,
}: {
  tariff: Tariff | null;
  methods: Method[];
  zones: Zone[];
  onClose: () => void;
}) {
  const { t } = useTranslation();
  const [methodId, setMethodId] = useState<string | null>(tariff?.methodId ?? null);
  const [zoneId, setZoneId] = useState<string | null>(tariff?.zoneId ?? null);
  const [v, setV] = useState<Record<string, Field>>({
    baseCost: roubles(tariff?.baseCost ?? 0),
    includedWeightKg: tariff?.includedWeightKg ?? 0,
    perKgCost: roubles(tariff?.perKgCost ?? 0),
    perM3Cost: roubles(tariff?.perM3Cost ?? 0),
    volumetricFactor: tariff?.volumetricFactor ?? 0,
    maxWeightKg: tariff?.maxWeightKg ?? '',
    maxVolumeM3: tariff?.maxVolumeM3 ?? '',
    freeOverAmount: roubles(tariff?.freeOverAmount),
    daysMin: tariff?.daysMin ?? 1,
    daysMax: tariff?.daysMax ?? 3,
  });
  const num = (key: string, opts: { money?: boolean; scale?: number } = {}) => ({
    label: t(`delivery-admin.tariffs.${key}` as 'delivery-admin.tariffs.baseCost'),
    min: 0,
    decimalScale: opts.money ? 2 : (opts.scale ?? 0),
    value: v[key] ?? '',
    onChange: (value: Field) => setV((old) => ({ ...old, [key]: value })),
  });
  return (
    <EditModal
      title={t(tariff ? 'delivery-admin.tariffs.edit' : 'delivery-admin.tariffs.create')}
      path="/tariffs"
      id={tariff?.id ?? null}
      onClose={onClose}
      body={() => ({
        ...(tariff ? {} : { methodId, zoneId }),
        baseCost: toKopecks(v.baseCost ?? '') ?? 0,
        includedWeightKg: toNumber(v.includedWeightKg ?? '') ?? 0,
        perKgCost: toKopecks(v.perKgCost ?? '') ?? 0,
        perM3Cost: toKopecks(v.perM3Cost ?? '') ?? 0,
        volumetricFactor: toNumber(v.volumetricFactor ?? '') ?? 0,
        maxWeightKg: toNumber(v.maxWeightKg ?? ''),
        maxVolumeM3: toNumber(v.maxVolumeM3 ?? ''),
        freeOverAmount: toKopecks(v.freeOverAmount ?? ''),
        daysMin: toNumber(v.daysMin ?? '') ?? 0,
        daysMax: toNumber(v.daysMax ?? '') ?? 0,
      })}
    >
      {(e) => (
        <>
          <Select
            label={t('delivery-admin.tariffs.method')}
            required
            disabled={tariff !== null}
            data={methods.map((m) => ({ value: m.id, label: m.name }))}
            value={methodId}
            onChange={setMethodId}
            error={e.methodId}
          />
          <Select
            label={t('delivery-admin.tariffs.zone')}
            required
            disabled={tariff !== null}
            data={zones.map((z) => ({ value: z.id, label: z.name }))}
            value={zoneId}
            onChange={setZoneId}
            error={e.zoneId}
          />
          <SimpleGrid cols={{ base: 1, xs: 2 }} spacing="sm">
            <NumberInput {...num('baseCost', { money: true })} error={e.baseCost} />
            <NumberInput {...num('freeOverAmount', { money: true })} error={e.freeOverAmount} />
            <NumberInput {...num('includedWeightKg', { scale: 3 })} error={e.includedWeightKg} />
            <NumberInput {...num('perKgCost', { money: true })} error={e.perKgCost} />
            <NumberInput {...num('perM3Cost', { money: true })} error={e.perM3Cost} />
            <NumberInput {...num('volumetricFactor', { scale: 3 })} error={e.volumetricFactor} />
            <NumberInput {...num('maxWeightKg', { scale: 3 })} error={e.maxWeightKg} />
            <NumberInput {...num('maxVolumeM3', { scale: 6 })} error={e.maxVolumeM3} />
            <NumberInput {...num('daysMin')} max={365} error={e.daysMin} />
            <NumberInput {...num('daysMax')} max={365} error={e.daysMax} />
          </SimpleGrid>
        </>
      )}
    </EditModal>
  );
}
