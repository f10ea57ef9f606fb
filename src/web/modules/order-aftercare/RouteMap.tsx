import { useTranslation } from 'react-i18next';
import type { TrackingEvent } from './api';

const width = 320;
const height = 200;
const pad = 28;

/**
 * The shipment's route as an inline SVG: the tracking points (lat/lon) projected onto the box (longitude
 * shrunk by the cosine of the middle latitude), joined in time order, labelled, the last one highlighted.
 * No tiles and no network: it works offline and leaks nothing to a map provider.
 */
export function RouteMap({ events, label }: { events: TrackingEvent[]; label: string }) {
  const { t } = useTranslation();
  const points = events.filter((e) => e.lat !== null && e.lon !== null) as (TrackingEvent & {
    lat: number;
    lon: number;
  })[];
  if (points.length === 0) return null;
  const midLat = points.reduce((s, p) => s + p.lat, 0) / points.length;
  const k = Math.cos((midLat * Math.PI) / 180);
  const xs = points.map((p) => p.lon * k);
  const ys = points.map((p) => p.lat);
  const [minX, maxX, minY, maxY] = [Math.min(...xs), Math.max(...xs), Math.min(...ys), Math.max(...ys)];
  const span = Math.max(maxX - minX, maxY - minY, 0.01);
  const scale = Math.min((width - 2 * pad) / span, (height - 2 * pad) / span);
  const project = (p: { lat: number; lon: number }) => ({
    x: width / 2 + (p.lon * k - (minX + maxX) / 2) * scale,
    y: height / 2 - (p.lat - (minY + maxY) / 2) * scale,
  });
  const projected = points.map((p) => ({ ...project(p), event: p }));
  const last = projected[projected.length - 1];
  return (
    <svg
      viewBox={`0 0 ${width} ${height}`}
      role="img"
      aria-label={label}
      data-testid="route-map"
      style={{
        width: '100%',
        maxWidth: 560,
        height: 'auto',
        background: 'var(--mantine-color-gray-0)',
        borderRadius: 8,
      }}
    >
      <title>{label}</title>
      <polyline
        points={projected.map((p) => `${p.x},${p.y}`).join(' ')}
        fill="none"
        stroke="var(--mantine-color-blue-5)"
        strokeWidth={2}
        strokeDasharray="4 3"
      />
      {projected.map((p, i) => {
        const isLast = p === last;
        return (
          <g key={p.event.id} data-testid="route-point">
            <circle
              cx={p.x}
              cy={p.y}
              r={isLast ? 7 : 4}
              fill={isLast ? 'var(--mantine-color-red-6)' : 'var(--mantine-color-blue-6)'}
              stroke="white"
              strokeWidth={1.5}
            />
            <text x={p.x + 9} y={p.y + (i % 2 ? 12 : -6)} fontSize={10} fill="var(--mantine-color-dark-7)">
              {p.event.location ?? `${p.event.lat.toFixed(2)}, ${p.event.lon.toFixed(2)}`}
              {isLast ? ` · ${t('order-aftercare.tracking.here')}` : ''}
            </text>
          </g>
        );
      })}
    </svg>
  );
}
