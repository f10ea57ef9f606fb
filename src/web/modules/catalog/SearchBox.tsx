import { ActionIcon, TextInput } from '@mantine/core';
import { IconSearch } from '@tabler/icons-react';
import { type FormEvent, useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';

interface SearchBoxProps {
  value: string | undefined;
  onSearch: (q: string | undefined) => void;
}

/** The catalog search: name, description, SKU or barcode; typos are forgiven by the API (trigram). */
export function SearchBox({ value, onSearch }: SearchBoxProps) {
  const { t } = useTranslation();
  const [text, setText] = useState(value ?? '');
  useEffect(() => setText(value ?? ''), [value]);
  const submit = (event: FormEvent) => {
    event.preventDefault();
    onSearch(text.trim() || undefined);
  };
  return (
    <search aria-label={t('catalog.search.label')}>
      <form onSubmit={submit}>
        <TextInput
          type="search"
          aria-label={t('catalog.search.label')}
          placeholder={t('catalog.search.placeholder')}
          value={text}
          onChange={(event) => setText(event.currentTarget.value)}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          rightSectionWidth={42}
          rightSection={
            <ActionIcon
              type="submit"
              variant="filled"
              aria-label={t('catalog.search.submit')}
              data-testid="search-submit"
            >
              <IconSearch size={16} aria-hidden="true" />
            </ActionIcon>
          }
          data-testid="catalog-search"
        />
      </form>
    </search>
  );
}
