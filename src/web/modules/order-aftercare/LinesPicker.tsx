import { NumberInput, Table, Text } from '@mantine/core';
import { useTranslation } from 'react-i18next';
import type { Shipment } from './api';

export interface PickLine {
  lineId: string;
  sku: string;
  name: string;
  max: number;
}

/** The lines that left the warehouse (of delivered shipments only, when asked), summed per order line. */
export function shippedLines(shipments: Shipment[], deliveredOnly: boolean): PickLine[] {
  const byLine = new Map<string, PickLine>();
  for (const s of shipments) {
    if (deliveredOnly && s.status !== 'delivered') continue;
    for (const l of s.lines) {
      const seen = byLine.get(l.lineId);
      if (seen) seen.max += l.quantity;
      else byLine.set(l.lineId, { lineId: l.lineId, sku: l.sku, name: l.name, max: l.quantity });
    }
  }
  return [...byLine.values()];
}

/** A quantity per line, 0 … what is available; scrolls sideways on a phone. */
export function LinesPicker({
  lines,
  value,
  onChange,
}: {
  lines: PickLine[];
  value: Record<string, number>;
  onChange: (v: Record<string, number>) => void;
}) {
  const { t } = useTranslation();
  if (lines.length === 0) return <Text c="dimmed">{t('order-aftercare.form.noLines')}</Text>;
  return (
    <Table.ScrollContainer minWidth={320}>
      <Table withTableBorder verticalSpacing="xs">
        <Table.Thead>
          <Table.Tr>
            <Table.Th>{t('order-aftercare.form.item')}</Table.Th>
            <Table.Th w={120}>{t('order-aftercare.form.quantity')}</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {lines.map((l) => (
            <Table.Tr key={l.lineId}>
              <Table.Td>
                {l.name}{' '}
                <Text span c="dimmed" size="xs">
                  {l.sku}
                </Text>
              </Table.Td>
              <Table.Td>
                <NumberInput
                  aria-label={t('order-aftercare.form.quantityOf', { name: l.name })}
                  min={0}
                  max={l.max}
                  value={value[l.lineId] ?? 0}
                  onChange={(v) => onChange({ ...value, [l.lineId]: typeof v === 'number' ? v : 0 })}
                />
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </Table.ScrollContainer>
  );
}

/** The chosen lines as the API takes them. */
export const chosen = (value: Record<string, number>) =>
  Object.entries(value)
    .filter(([, q]) => q > 0)
    .map(([lineId, quantity]) => ({ lineId, quantity }));
