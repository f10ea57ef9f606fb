import type { NavSection } from '../../app/module-types';
import { webModules } from '../../app/modules';
import type { TranslationKey } from '../../i18n/types';

/** Web sections a role or customer group can be given: the web modules with nav items in `section`. */
export function sectionChoices(section: NavSection): { id: string; label: TranslationKey }[] {
  return webModules.flatMap((module) => {
    const item = module.nav?.find((i) => i.section === section);
    return item ? [{ id: module.id, label: item.label }] : [];
  });
}
