import { Paper, Stack, Text, Title } from '@mantine/core';

/** A titled block of the page. */
export function Section({
  title,
  hint,
  children,
  id,
}: {
  title: string;
  hint?: string;
  id: string;
  children: React.ReactNode;
}) {
  return (
    <Paper withBorder p={{ base: 'sm', sm: 'md' }} radius="md" component="section" aria-labelledby={id}>
      <Stack gap="sm">
        <div>
          <Title order={2} size="h4" id={id}>
            {title}
          </Title>
          {hint ? (
            <Text size="sm" c="dimmed">
              {hint}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}
