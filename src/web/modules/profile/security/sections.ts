import type { ComponentType } from 'react';
import { LinkedAccountsSection } from '../../external/LinkedAccountsSection';
import { PasskeysSection } from '../../external/PasskeysSection';
import { TwoFactorSection } from '../../twofactor/TwoFactorSection';
import { PasswordSection } from './PasswordSection';
import { PhoneSection } from './PhoneSection';
import { SessionsSection } from './SessionsSection';

/**
 * The sections of the security page, top to bottom. Each is a self-contained card (its own queries and
 * mutations); a sign-in method adds its card here.
 */
export const securitySections: { id: string; component: ComponentType }[] = [
  { id: 'password', component: PasswordSection },
  { id: 'phone', component: PhoneSection },
  { id: 'two-factor', component: TwoFactorSection },
  { id: 'passkeys', component: PasskeysSection },
  { id: 'linked-accounts', component: LinkedAccountsSection },
  { id: 'sessions', component: SessionsSection },
];
