import { Button, Checkbox, Group, NumberInput, Select, Stack, Switch, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Facets, Warehouse } from './api';
import type { CatalogFilters } from './search-params';

interface FiltersPanelProps {
  facets: Facets | undefined;
  filters: CatalogFilters;
  /** Warehouses are a company's filter (persons and guests see only a stock level): empty for them. */
  warehouses: Warehouse[];
  onChange: (patch: Partial<CatalogFilters>) => void;
  onReset: () => void;
}

function toggled(values: string[] | undefined, value: string, on: boolean): string[] | undefined {
  const next = on ? [...(values ?? []), value] : (values ?? []).filter((v) => v !== value);
  return next.length > 0 ? next : undefined;
}

/** Faceted filters: availability, warehouse, price range, brand and the category's filterable properties. */
export function FiltersPanel({ facets, filters, warehouses, onChange, onReset }: FiltersPanelProps) {
  const { t } = useTranslation();
  const listProps = (facets?.properties ?? []).filter((p) => p.type === 'list' && p.options.length > 0);
  return (
    <Stack gap="md" data-testid="filters">
      <Switch
        label={t('catalog.filters.inStock')}
        checked={filters.inStock ?? false}
        onChange={(event) => onChange({ inStock: event.currentTarget.checked || undefined })}
        data-testid="filter-in-stock"
      />
      {warehouses.length > 0 ? (
        <Select
          label={t('catalog.filters.warehouse')}
          placeholder={t('catalog.filters.anyWarehouse')}
          clearable
          data={warehouses.map((w) => ({ value: w.id, label: w.name }))}
          value={filters.warehouse ?? null}
          onChange={(value) => onChange({ warehouse: value ?? undefined })}
        />
      ) : null}
      <fieldset style={{ border: 0, padding: 0, margin: 0 }}>
        <Text component="legend" size="sm" fw={500} mb={4}>
          {t('catalog.filters.price')}
        </Text>
        <Group gap="xs" grow wrap="nowrap">
          <NumberInput
            aria-label={t('catalog.filters.priceMin')}
            placeholder={
              facets?.price ? String(Math.floor(facets.price.min / 100)) : t('catalog.filters.from')
            }
            min={0}
            hideControls
            value={filters.priceMin ?? ''}
            onBlur={(event) => {
              const value = Number(event.currentTarget.value.replace(/\s/g, '').replace(',', '.'));
              onChange({ priceMin: event.currentTarget.value && Number.isFinite(value) ? value : undefined });
            }}
          />
          <NumberInput
            aria-label={t('catalog.filters.priceMax')}
            placeholder={facets?.price ? String(Math.ceil(facets.price.max / 100)) : t('catalog.filters.to')}
            min={0}
            hideControls
            value={filters.priceMax ?? ''}
            onBlur={(event) => {
              const value = Number(event.currentTarget.value.replace(/\s/g, '').replace(',', '.'));
              onChange({ priceMax: event.currentTarget.value && Number.isFinite(value) ? value : undefined });
            }}
          />
        </Group>
      </fieldset>
      {(facets?.brands.length ?? 0) > 0 ? (
        <Checkbox.Group
          label={t('catalog.filters.brand')}
          value={filters.brand ?? []}
          onChange={(value) => onChange({ brand: value.length > 0 ? value : undefined })}
        >
          <Stack gap={6} mt={4}>
            {(facets?.brands ?? []).map((brand) => (
              <Checkbox key={brand.brand} value={brand.brand} label={`${brand.brand} (${brand.count})`} />
            ))}
          </Stack>
        </Checkbox.Group>
      ) : null}
      {listProps.map((property) => (
        <Stack key={property.propertyId} gap={4}>
          <Text size="sm" fw={500} id={`facet-${property.propertyId}`}>
            {property.unit ? `${property.name}, ${property.unit}` : property.name}
          </Text>
          <Stack gap={6} role="group" aria-labelledby={`facet-${property.propertyId}`}>
            {property.options.map((option) => (
              <Checkbox
                key={option.optionId}
                label={`${option.value} (${option.count})`}
                checked={filters.props?.[property.propertyId]?.includes(option.optionId) ?? false}
                onChange={(event) => {
                  const next = { ...(filters.props ?? {}) };
                  const values = toggled(
                    next[property.propertyId],
                    option.optionId,
                    event.currentTarget.checked,
                  );
                  if (values) next[property.propertyId] = values;
                  else delete next[property.propertyId];
                  onChange({ props: Object.keys(next).length > 0 ? next : undefined });
                }}
              />
            ))}
          </Stack>
        </Stack>
      ))}
      <Button variant="subtle" onClick={onReset} data-testid="filters-reset">
        {t('catalog.filters.reset')}
      </Button>
    </Stack>
  );
}
