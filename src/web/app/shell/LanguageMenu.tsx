import { Button, Menu, useMatches } from '@mantine/core';
import { IconCheck, IconLanguage } from '@tabler/icons-react';
import { useTranslation } from 'react-i18next';
import { changeLanguage } from '../../i18n';
import { usePortalLanguages } from '../portal';
import type { Language } from '../preferences';

/** Each language's name in that language, so a person finds their own whatever the UI shows now. */
const NATIVE_NAMES: Record<Language, string> = { ru: 'Русский', en: 'English' };

/** Language switch (ru/en); the choice is kept in localStorage and sets <html lang>. */
export function LanguageMenu() {
  const { t, i18n } = useTranslation();
  const languages = usePortalLanguages();
  const current = i18n.language as Language;
  // On a phone the header is narrow: the language code alone is enough.
  const icon = useMatches({ base: null, xs: <IconLanguage size={18} stroke={1.8} aria-hidden="true" /> });
  if (languages.length < 2) return null;
  return (
    <Menu position="bottom-end" width={180} shadow="md" withInitialFocusPlaceholder={false}>
      <Menu.Target>
        <Button
          variant="default"
          size="compact-md"
          h={34}
          px={8}
          radius="md"
          leftSection={icon}
          aria-label={t('shell.language.label', { language: NATIVE_NAMES[current] ?? current })}
          data-testid="language-menu"
        >
          {current.toUpperCase()}
        </Button>
      </Menu.Target>
      <Menu.Dropdown>
        <Menu.Label>{t('shell.language.title')}</Menu.Label>
        {languages.map((language) => (
          <Menu.Item
            key={language}
            lang={language}
            onClick={() => void changeLanguage(language)}
            rightSection={language === current ? <IconCheck size={16} aria-hidden="true" /> : null}
            aria-current={language === current ? 'true' : undefined}
            data-testid={`language-${language}`}
          >
            {NATIVE_NAMES[language]}
          </Menu.Item>
        ))}
      </Menu.Dropdown>
    </Menu>
  );
}
