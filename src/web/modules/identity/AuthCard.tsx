import { Container, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { type ReactNode, useEffect, useRef } from 'react';
import { Trans } from 'react-i18next';
import classes from './identity.module.css';

interface AuthCardProps {
  title: ReactNode;
  lead?: ReactNode;
  children: ReactNode;
  /** A line under the card, e.g. "No account yet? Create one". */
  footer?: ReactNode;
  testId?: string;
}

/** The narrow centred card the sign-in, sign-up and password pages sit in. */
export function AuthCard({ title, lead, children, footer, testId }: AuthCardProps) {
  return (
    <Container size={460} px={0} py={{ base: 0, sm: 'xl' }} data-testid={testId}>
      <Paper withBorder p={{ base: 'lg', sm: 'xl' }} shadow="xs">
        <Stack gap={6} mb="lg">
          <Title order={1} className={classes.title}>
            {title}
          </Title>
          {lead ? (
            <Text c="dimmed" size="sm">
              {lead}
            </Text>
          ) : null}
        </Stack>
        {children}
      </Paper>
      {footer ? (
        <Text ta="center" size="sm" mt="md">
          {footer}
        </Text>
      ) : null}
    </Container>
  );
}

interface AuthResultProps {
  icon: ReactNode;
  color?: string;
  title: ReactNode;
  children?: ReactNode;
  actions?: ReactNode;
  testId?: string;
}

/**
 * The outcome of an auth step ("Check your e-mail", "Password changed", "The link is not valid"). Its heading
 * takes the focus when it appears, so a screen reader announces the new state after the form goes away.
 */
export function AuthResult({ icon, color, title, children, actions, testId }: AuthResultProps) {
  const headingRef = useRef<HTMLHeadingElement>(null);
  useEffect(() => headingRef.current?.focus(), []);
  return (
    <Container size={460} px={0} py={{ base: 0, sm: 'xl' }} data-testid={testId}>
      <Paper withBorder p={{ base: 'lg', sm: 'xl' }} shadow="xs">
        <Stack align="center" ta="center" gap="md">
          <ThemeIcon size={56} radius="xl" variant="light" color={color} aria-hidden="true">
            {icon}
          </ThemeIcon>
          <Title order={1} ref={headingRef} tabIndex={-1} className={classes.title}>
            {title}
          </Title>
          {children}
          {actions}
        </Stack>
      </Paper>
    </Container>
  );
}

type EmailTextKey =
  | 'identity.signUp.checkMail.text'
  | 'identity.forgot.sent.text'
  | 'identity.signIn.notVerified.text';

/** A message naming the e-mail address it concerns, the address in bold (and free to break anywhere). */
export function EmailText({ i18nKey, email }: { i18nKey: EmailTextKey; email: string }) {
  return (
    <Trans i18nKey={i18nKey} values={{ email }} components={{ b: <strong className={classes.email} /> }} />
  );
}
