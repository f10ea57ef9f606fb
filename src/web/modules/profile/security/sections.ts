import type { ComponentType } from 'react';
import { PasswordSection } from './PasswordSection';
import { PhoneSection } from './PhoneSection';

/**
 * The sections of the security page, top to bottom. Each is a self-contained card (its own queries and
 * mutations); a sign-in method adds its card here.
 */
export const securitySections: { id: string; component: ComponentType }[] = [
  { id: 'password', component: PasswordSection },
  { id: 'phone', component: PhoneSection },
];
