import { useQuery } from '@tanstack/react-query';
import { useCallback } from 'react';
import { useTranslation } from 'react-i18next';
import { rolesQuery } from './api';

/** A function naming a staff role in the UI language (its key while the roles load). */
export function useStaffRoleName(): (key: string) => string {
  const { i18n } = useTranslation();
  const roles = useQuery(rolesQuery);
  return useCallback(
    (key: string) => {
      const role = roles.data?.items.find((r) => r.key === key);
      if (!role) return key;
      return i18n.language === 'en' ? role.name.en : role.name.ru;
    },
    [roles.data, i18n.language],
  );
}
