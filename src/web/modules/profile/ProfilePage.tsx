import {
  Alert,
  Anchor,
  Avatar,
  Button,
  FileButton,
  Group,
  Paper,
  Select,
  Stack,
  Text,
  TextInput,
  Title,
} from '@mantine/core';
import { notifications } from '@mantine/notifications';
import {
  IconAlertCircle,
  IconDeviceFloppy,
  IconMail,
  IconPhoto,
  IconTrash,
  IconUpload,
} from '@tabler/icons-react';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { type FormEvent, type ReactNode, useEffect, useMemo, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { api, isApiError } from '../../app/api';
import { sessionQuery } from '../../app/portal';
import type { Language } from '../../app/preferences';
import { changeLanguage } from '../../i18n';
import type { TranslationKey } from '../../i18n/types';
import { useFormat } from '../../ui/format';
import { initials } from '../../ui/initials';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { requestErrorKey } from '../identity/form';
import { type Profile, profileQuery, timeZoneList, uploadAvatar } from './api';
import { SignedInOnly } from './SignedInOnly';

const AVATAR_MAX_BYTES = 5 * 1024 * 1024;
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/;

/** The person's profile: name, picture, language, time zone and e-mail address. */
export function ProfilePage() {
  const { t } = useTranslation();
  usePageTitle(t('profile.page.title'));
  return (
    <SignedInOnly>
      <PageHeader title={t('profile.page.title')} description={t('profile.page.description')} />
      <ProfileSections />
    </SignedInOnly>
  );
}

function ProfileSections() {
  const { t } = useTranslation();
  const profile = useQuery(profileQuery);
  if (profile.isPending) return <ListSkeleton />;
  if (profile.isError) return <ErrorState error={profile.error} onRetry={() => void profile.refetch()} />;
  return (
    <Stack gap="lg" maw={720} data-testid="profile-page">
      <AvatarSection profile={profile.data} />
      <PersonalSection profile={profile.data} />
      <EmailSection profile={profile.data} />
      <Anchor component={Link} to="/profile/privacy" size="sm">
        {t('profile.page.privacyLink')}
      </Anchor>
    </Stack>
  );
}

function Section({
  id,
  title,
  description,
  children,
}: {
  id: string;
  title: string;
  description?: string;
  children: ReactNode;
}) {
  return (
    <Paper withBorder p={{ base: 'md', sm: 'lg' }} component="section" aria-labelledby={`${id}-title`}>
      <Stack gap="md">
        <div>
          <Title order={2} size="h3" id={`${id}-title`}>
            {title}
          </Title>
          {description ? (
            <Text size="sm" c="dimmed">
              {description}
            </Text>
          ) : null}
        </div>
        {children}
      </Stack>
    </Paper>
  );
}

function FormError({ error }: { error: TranslationKey | null }) {
  const { t } = useTranslation();
  if (!error) return null;
  return (
    <Alert color="red" variant="light" icon={<IconAlertCircle />} role="alert">
      {t(error)}
    </Alert>
  );
}

function PersonalSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [name, setName] = useState(profile.name);
  const [locale, setLocale] = useState<Language>(profile.locale);
  const [timeZone, setTimeZone] = useState<string | null>(profile.timeZone);
  const [errors, setErrors] = useState<{ name?: TranslationKey; timeZone?: TranslationKey }>({});
  const [formError, setFormError] = useState<TranslationKey | null>(null);
  const zones = useMemo(() => timeZoneList().map((z) => ({ value: z, label: z.replaceAll('_', ' ') })), []);
  const save = useMutation({
    mutationFn: (body: { name: string; locale: Language; timeZone: string }) =>
      api<Profile>('/api/v1/me/profile', { method: 'PATCH', json: body }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const problems = {
      ...(name.trim() ? {} : { name: 'profile.page.nameRequired' as const }),
      ...(timeZone ? {} : { timeZone: 'profile.page.timeZoneInvalid' as const }),
    };
    setErrors(problems);
    if (Object.keys(problems).length > 0 || !timeZone) return;
    save.mutate(
      { name: name.trim(), locale, timeZone },
      {
        onSuccess: (saved) => {
          client.setQueryData(profileQuery.queryKey, saved);
          void client.invalidateQueries({ queryKey: sessionQuery.queryKey });
          void changeLanguage(saved.locale);
          notifications.show({ message: t('profile.page.saved'), color: 'teal' });
        },
        onError: (error) => {
          if (isApiError(error, 400) && error.errors.some((e) => e.path === 'timeZone')) {
            setErrors({ timeZone: 'profile.page.timeZoneInvalid' });
          } else setFormError(requestErrorKey(error));
        },
      },
    );
  };

  return (
    <Section id="personal" title={t('profile.page.personal')}>
      <form onSubmit={submit} noValidate aria-label={t('profile.page.personal')}>
        <Stack gap="sm">
          <FormError error={formError} />
          <TextInput
            label={t('profile.page.name')}
            required
            maxLength={100}
            autoComplete="name"
            value={name}
            onChange={(event) => setName(event.currentTarget.value)}
            error={errors.name ? t(errors.name) : undefined}
            data-testid="profile-name"
          />
          <Select
            label={t('profile.page.language')}
            data={[
              { value: 'ru', label: 'Русский' },
              { value: 'en', label: 'English' },
            ]}
            value={locale}
            onChange={(value) => value && setLocale(value as Language)}
            allowDeselect={false}
            data-testid="profile-language"
          />
          <Select
            label={t('profile.page.timeZone')}
            data={zones}
            value={timeZone}
            onChange={setTimeZone}
            searchable
            limit={50}
            nothingFoundMessage={t('profile.page.timeZoneNothing')}
            error={errors.timeZone ? t(errors.timeZone) : undefined}
            data-testid="profile-time-zone"
          />
          <Button
            type="submit"
            loading={save.isPending}
            leftSection={<IconDeviceFloppy size={18} />}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('profile.page.save')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}

function AvatarSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const client = useQueryClient();
  const [file, setFile] = useState<File | null>(null);
  const [preview, setPreview] = useState<string | null>(null);
  const [error, setError] = useState<TranslationKey | null>(null);

  useEffect(() => {
    setPreview(null);
    if (!file) return;
    // A data: URL, not a blob: one: the service worker would fetch a blob: URL and the CSP forbids that.
    const reader = new FileReader();
    reader.onload = () => setPreview(typeof reader.result === 'string' ? reader.result : null);
    reader.readAsDataURL(file);
    return () => reader.abort();
  }, [file]);

  const upload = useMutation({ mutationFn: uploadAvatar });
  const remove = useMutation({
    mutationFn: () => api<void>('/api/v1/me/avatar', { method: 'DELETE' }),
  });

  const choose = (chosen: File | null) => {
    setError(null);
    if (chosen && chosen.size > AVATAR_MAX_BYTES) {
      setError('profile.avatar.tooLarge');
      return setFile(null);
    }
    setFile(chosen);
  };

  const refresh = () => client.invalidateQueries({ queryKey: profileQuery.queryKey });

  const send = () => {
    if (!file) return;
    upload.mutate(file, {
      onSuccess: async () => {
        setFile(null);
        await refresh();
        notifications.show({ message: t('profile.avatar.saved'), color: 'teal' });
      },
      onError: (e) =>
        setError(
          isApiError(e, 413)
            ? 'profile.avatar.tooLarge'
            : isApiError(e, 415)
              ? 'profile.avatar.wrongType'
              : requestErrorKey(e),
        ),
    });
  };

  return (
    <Section id="avatar" title={t('profile.avatar.title')} description={t('profile.avatar.description')}>
      <Group gap="lg" align="center" wrap="wrap">
        <Avatar
          src={preview ?? profile.avatarUrl}
          alt={preview ? t('profile.avatar.preview') : t('profile.avatar.current')}
          size={96}
          radius={96}
          color="brand"
          data-testid="avatar-image"
        >
          {initials(profile.name)}
        </Avatar>
        <Stack gap="xs" style={{ flex: '1 1 12rem' }}>
          <FormError error={error} />
          <Group gap="xs" wrap="wrap">
            {file ? (
              <>
                <Button leftSection={<IconUpload size={16} />} loading={upload.isPending} onClick={send}>
                  {t('profile.avatar.upload')}
                </Button>
                <Button variant="default" onClick={() => setFile(null)} disabled={upload.isPending}>
                  {t('profile.avatar.cancel')}
                </Button>
              </>
            ) : (
              <FileButton onChange={choose} accept="image/png,image/jpeg,image/webp,image/gif,image/avif">
                {(props) => (
                  <Button
                    {...props}
                    variant="default"
                    leftSection={<IconPhoto size={16} />}
                    data-testid="avatar-choose"
                  >
                    {t('profile.avatar.choose')}
                  </Button>
                )}
              </FileButton>
            )}
            {profile.avatarUrl && !file ? (
              <Button
                variant="subtle"
                color="red"
                leftSection={<IconTrash size={16} />}
                loading={remove.isPending}
                onClick={() =>
                  remove.mutate(undefined, {
                    onSuccess: async () => {
                      await refresh();
                      notifications.show({ message: t('profile.avatar.removed'), color: 'teal' });
                    },
                    onError: (e) => setError(requestErrorKey(e)),
                  })
                }
              >
                {t('profile.avatar.remove')}
              </Button>
            ) : null}
          </Group>
        </Stack>
      </Group>
    </Section>
  );
}

function EmailSection({ profile }: { profile: Profile }) {
  const { t } = useTranslation();
  const format = useFormat();
  const client = useQueryClient();
  const [email, setEmail] = useState('');
  const [fieldError, setFieldError] = useState<TranslationKey | null>(null);
  const [formError, setFormError] = useState<TranslationKey | null>(null);
  const change = useMutation({
    mutationFn: (value: string) =>
      api<void>('/api/v1/me/email-change', { method: 'POST', json: { email: value } }),
  });
  const cancel = useMutation({
    mutationFn: () => api<void>('/api/v1/me/email-change', { method: 'DELETE' }),
    onSuccess: () => client.invalidateQueries({ queryKey: profileQuery.queryKey }),
  });

  const submit = (event: FormEvent) => {
    event.preventDefault();
    setFormError(null);
    const value = email.trim().toLowerCase();
    if (!EMAIL_PATTERN.test(value)) return setFieldError('profile.email.invalid');
    if (value === profile.email.toLowerCase()) return setFieldError('profile.email.same');
    setFieldError(null);
    change.mutate(value, {
      onSuccess: async () => {
        setEmail('');
        await client.invalidateQueries({ queryKey: profileQuery.queryKey });
        notifications.show({ message: t('profile.email.sent', { email: value }), color: 'teal' });
      },
      onError: (e) => {
        if (isApiError(e, 400) && e.errors.some((p) => p.path === 'email'))
          setFieldError('profile.email.same');
        else setFormError(requestErrorKey(e));
      },
    });
  };

  return (
    <Section
      id="email"
      title={t('profile.email.title')}
      description={t('profile.email.current', { email: profile.email })}
    >
      {profile.pendingEmail ? (
        <Alert color="blue" variant="light" icon={<IconMail />} data-testid="email-pending">
          <Stack gap="xs">
            <Text size="sm">
              {t('profile.email.pending', {
                email: profile.pendingEmail.email,
                date: format.dateTime(profile.pendingEmail.expiresAt),
              })}
            </Text>
            <Button
              size="compact-sm"
              variant="default"
              loading={cancel.isPending}
              onClick={() => cancel.mutate()}
              style={{ alignSelf: 'flex-start' }}
            >
              {t('profile.email.cancelPending')}
            </Button>
          </Stack>
        </Alert>
      ) : null}
      <form onSubmit={submit} noValidate aria-label={t('profile.email.title')}>
        <Stack gap="sm">
          <FormError error={formError} />
          <TextInput
            type="email"
            label={t('profile.email.newEmail')}
            autoComplete="email"
            required
            maxLength={254}
            value={email}
            onChange={(event) => setEmail(event.currentTarget.value)}
            error={fieldError ? t(fieldError) : undefined}
            data-testid="email-new"
          />
          <Button
            type="submit"
            variant="default"
            loading={change.isPending}
            leftSection={<IconMail size={16} />}
            style={{ alignSelf: 'flex-start' }}
          >
            {t('profile.email.submit')}
          </Button>
        </Stack>
      </form>
    </Section>
  );
}
