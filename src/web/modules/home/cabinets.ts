import type { TablerIcon } from '@tabler/icons-react';
import { IconBuildingStore, IconId, IconShieldLock, IconTruckDelivery, IconUser } from '@tabler/icons-react';

export type CabinetId = 'personal' | 'company' | 'employee' | 'supplier' | 'backOffice';

export interface CabinetInfo {
  id: CabinetId;
  icon: TablerIcon;
  /** Mantine colour of the card's icon. */
  color: string;
}

/** The cabinets the portal will have (texts in i18n under `home.cabinets.<id>`). */
export const CABINETS: CabinetInfo[] = [
  { id: 'personal', icon: IconUser, color: 'brand' },
  { id: 'company', icon: IconBuildingStore, color: 'indigo' },
  { id: 'employee', icon: IconId, color: 'teal' },
  { id: 'supplier', icon: IconTruckDelivery, color: 'orange' },
  { id: 'backOffice', icon: IconShieldLock, color: 'grape' },
];
