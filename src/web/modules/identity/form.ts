import { useCallback, useRef, useState } from 'react';
import { flushSync } from 'react-dom';
import { ApiError } from '../../app/api';
import type { TranslationKey } from '../../i18n/types';

type FieldValue = string | boolean;
export type FieldErrors<T> = Partial<Record<keyof T, TranslationKey>>;

/**
 * Plain controlled form state (no form library): values, per-field error keys (i18n, translated at render so a
 * language switch re-translates them), and `validate`, which shows the errors and focuses the first bad field.
 */
export function useFields<T extends Record<string, FieldValue>>(initial: T) {
  const [values, setValues] = useState(initial);
  const [errors, setErrors] = useState<FieldErrors<T>>({});
  const formRef = useRef<HTMLFormElement>(null);

  const set = useCallback(<K extends keyof T>(key: K, value: T[K]) => {
    setValues((current) => ({ ...current, [key]: value }));
    // Typing into a field clears its error; the next submit checks again.
    setErrors((current) => (current[key] ? { ...current, [key]: undefined } : current));
  }, []);

  /**
   * Shows `found` (dropping empty entries); returns true when there is nothing wrong. The first field marked
   * aria-invalid gets the focus (Mantine marks text inputs itself; PasswordInput and Checkbox get it from the page).
   */
  const showErrors = useCallback((found: FieldErrors<T>) => {
    const entries = Object.entries(found).filter(([, key]) => Boolean(key));
    flushSync(() => setErrors(Object.fromEntries(entries) as FieldErrors<T>));
    if (entries.length === 0) return true;
    formRef.current?.querySelector<HTMLElement>('[aria-invalid="true"]')?.focus();
    return false;
  }, []);

  return { values, errors, set, showErrors, formRef };
}

/** The i18n key for a failed request that has no more specific message. */
export function requestErrorKey(error: unknown): TranslationKey {
  return error instanceof ApiError && error.status === 0
    ? 'identity.errors.network'
    : 'identity.errors.generic';
}
