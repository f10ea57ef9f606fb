import { Anchor, List, Paper, Text } from '@mantine/core';
import { useDebouncedValue } from '@mantine/hooks';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { useCurrentOrgId } from '../../app/contexts';
import { helpBase, kbSuggestQuery } from './api';

/** Fewer characters than this suggest nothing (the server ignores them too). */
export const suggestMinChars = 4;

interface KbSuggestionsProps {
  /** What the person is typing: a request's subject and text. */
  query: string;
  /** At most this many articles (5 by default). */
  limit?: number;
}

/**
 * Help articles that may answer what the person is typing, shown under a request form: debounced, up to five
 * links, nothing at all while the text is short or nothing matches.
 */
export function KbSuggestions({ query, limit = 5 }: KbSuggestionsProps) {
  const { t } = useTranslation();
  const org = useCurrentOrgId();
  const [debounced] = useDebouncedValue(query.trim(), 350);
  const enabled = debounced.length >= suggestMinChars;
  const suggestions = useQuery({ ...kbSuggestQuery(debounced, org, limit), enabled });
  const items = enabled ? (suggestions.data?.items ?? []) : [];
  if (items.length === 0) return null;
  return (
    <Paper withBorder p="sm" radius="md" data-testid="kb-suggestions" aria-live="polite">
      <Text size="sm" fw={600} mb={6}>
        {t('kb.suggestions.title')}
      </Text>
      <List size="sm" spacing={4}>
        {items.map((item) => (
          <List.Item key={item.id}>
            <Anchor component={Link} to={`${helpBase(org)}/${item.slug}`} size="sm">
              {item.title}
            </Anchor>
            {item.summary ? (
              <Text size="xs" c="dimmed" lineClamp={2}>
                {item.summary}
              </Text>
            ) : null}
          </List.Item>
        ))}
      </List>
    </Paper>
  );
}
