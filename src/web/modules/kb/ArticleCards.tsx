import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { categoryName, helpBase, type KbArticleCard } from './api';
import classes from './kb.module.css';

/** Found or listed articles: title link, category, and the search snippet with the matched words in bold. */
export function ArticleCards({ items, org }: { items: KbArticleCard[]; org: string | null }) {
  const { i18n } = useTranslation();
  return (
    <Stack gap="sm" data-testid="kb-results">
      {items.map((item) => (
        <Paper key={item.id} withBorder p="md" radius="md" component="article">
          <Group justify="space-between" align="flex-start" gap="xs" wrap="wrap">
            <Anchor component={Link} to={`${helpBase(org)}/${item.slug}`} fw={600} className={classes.title}>
              {item.title}
            </Anchor>
            {item.category ? (
              <Badge variant="light" size="sm">
                {categoryName(item.category, i18n.language)}
              </Badge>
            ) : null}
          </Group>
          {item.snippet ? (
            <Text
              size="sm"
              mt={6}
              className={classes.snippet}
              data-testid="kb-snippet"
              // The server keeps only <b> in snippets (kb.service.ts cleanSnippet).
              // biome-ignore lint/security/noDangerouslySetInnerHtml: sanitized on the server
              dangerouslySetInnerHTML={{ __html: `…${item.snippet}…` }}
            />
          ) : item.summary ? (
            <Text size="sm" c="dimmed" mt={6}>
              {item.summary}
            </Text>
          ) : null}
        </Paper>
      ))}
    </Stack>
  );
}
