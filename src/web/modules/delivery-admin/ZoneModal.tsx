import { NumberInput, Switch, TextInput } from '@mantine/core';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { joinList, splitList, type Zone } from './api';
import { EditModal } from './EditModal';

/** Creates or edits a zone: postal-code prefixes, regions and cities as comma-separated lists. */
export function ZoneModal({ zone, onClose }: { zone: Zone | null; onClose: () => void }) {
  const { t } = useTranslation();
  const [name, setName] = useState(zone?.name ?? '');
  const [prefixes, setPrefixes] = useState(joinList(zone?.postalPrefixes ?? []));
  const [regions, setRegions] = useState(joinList(zone?.regions ?? []));
  const [cities, setCities] = useState(joinList(zone?.cities ?? []));
  const [isDefault, setDefault] = useState(zone?.isDefault ?? false);
  const [position, setPosition] = useState<number | string>(zone?.position ?? 0);
  return (
    <EditModal
      title={zone?.name ?? t('delivery-admin.zones.create')}
      path="/zones"
      id={zone?.id ?? null}
      onClose={onClose}
      body={() => ({
        name: name.trim(),
        postalPrefixes: splitList(prefixes),
        regions: splitList(regions),
        cities: splitList(cities),
        isDefault,
        position: typeof position === 'number' ? position : 0,
      })}
    >
      {(e) => (
        <>
          <TextInput
            label={t('delivery-admin.zones.name')}
            required
            value={name}
            onChange={(ev) => setName(ev.currentTarget.value)}
            error={e.name}
          />
          <TextInput
            label={t('delivery-admin.zones.prefixes')}
            description={t('delivery-admin.zones.prefixesHint')}
            value={prefixes}
            onChange={(ev) => setPrefixes(ev.currentTarget.value)}
            error={Object.entries(e).find(([k]) => k.startsWith('postalPrefixes'))?.[1]}
          />
          <TextInput
            label={t('delivery-admin.zones.regions')}
            value={regions}
            onChange={(ev) => setRegions(ev.currentTarget.value)}
          />
          <TextInput
            label={t('delivery-admin.zones.cities')}
            value={cities}
            onChange={(ev) => setCities(ev.currentTarget.value)}
          />
          <NumberInput
            label={t('delivery-admin.position')}
            min={0}
            max={10_000}
            value={position}
            onChange={setPosition}
          />
          <Switch
            label={t('delivery-admin.zones.isDefault')}
            checked={isDefault}
            onChange={(ev) => setDefault(ev.currentTarget.checked)}
          />
        </>
      )}
    </EditModal>
  );
}
