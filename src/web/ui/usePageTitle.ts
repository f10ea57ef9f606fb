import { useEffect } from 'react';
import { useSettings } from '../app/portal';

/** Sets document.title to "<page> · <business name>" (or just the business name). */
export function usePageTitle(title?: string): void {
  const { name } = useSettings();
  useEffect(() => {
    document.title = title ? `${title} · ${name}` : name;
  }, [title, name]);
}
