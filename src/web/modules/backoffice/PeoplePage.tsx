import { Badge, Button, Chip, Group, Paper, Stack, Text, TextInput, UnstyledButton } from '@mantine/core';
import { useDebouncedValue, useDisclosure } from '@mantine/hooks';
import { IconChevronRight, IconSearch, IconUserPlus, IconUsers } from '@tabler/icons-react';
import { useInfiniteQuery, useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { can, sessionQuery } from '../../app/portal';
import { PageHeader } from '../../ui/PageHeader';
import { ListSkeleton } from '../../ui/Skeletons';
import { ErrorState, StateMessage } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { type PeopleFilter, peopleQuery } from './api';
import classes from './backoffice.module.css';
import { InviteStaffModal, OpenInvitations } from './InviteStaff';
import { NoAccess } from './NoAccess';
import { useStaffRoleName } from './useLocalizedRole';

const FILTERS: PeopleFilter[] = ['all', 'staff', 'customers', 'blocked'];

/** Back office: find people by name, e-mail or phone; filter staff, customers, blocked. */
export function PeoplePage() {
  const { t } = useTranslation();
  usePageTitle(t('backoffice.people.title'));
  const session = useQuery(sessionQuery);
  const [search, setSearch] = useState('');
  const [filter, setFilter] = useState<PeopleFilter>('all');
  const [q] = useDebouncedValue(search.trim(), 300);
  const list = useInfiniteQuery(peopleQuery(q, filter));
  const roleName = useStaffRoleName();
  const [inviteOpened, invite] = useDisclosure(false);
  const people = list.data?.pages.flatMap((p) => p.items) ?? [];
  const mayInvite = can(session.data, 'staff.manage');

  let body: React.ReactNode;
  if (list.isPending) body = <ListSkeleton />;
  else if (isApiError(list.error, 401, 403)) body = <NoAccess />;
  else if (list.isError && people.length === 0)
    body = <ErrorState error={list.error} onRetry={() => void list.refetch()} />;
  else if (people.length === 0)
    body = (
      <StateMessage
        role="status"
        testId="people-empty"
        icon={<IconUsers size={28} />}
        title={t('backoffice.people.emptyTitle')}
        description={t('backoffice.people.emptyDescription')}
      />
    );
  else
    body = (
      <Stack gap="md">
        <Paper withBorder className={classes.listPaper}>
          <ul
            className={classes.list}
            aria-label={t('backoffice.people.listLabel')}
            data-testid="people-list"
          >
            {people.map((person) => (
              <li key={person.id}>
                <UnstyledButton
                  className={classes.row}
                  renderRoot={(props) => (
                    <Link to="/admin/people/$userId" params={{ userId: person.id }} {...props} />
                  )}
                  data-testid="person-row"
                >
                  <div className={classes.rowBody}>
                    <Group gap={8} wrap="wrap">
                      <Text fw={600}>{person.name}</Text>
                      {person.blocked ? (
                        <Badge color="red" variant="light" size="sm">
                          {t('backoffice.people.blocked')}
                        </Badge>
                      ) : null}
                      {person.staffRoles.length > 0 ? (
                        <Badge variant="light" size="sm">
                          {person.staffRoles.map(roleName).join(', ')}
                        </Badge>
                      ) : null}
                    </Group>
                    <Text size="sm" c="dimmed" className={classes.wrap}>
                      {person.email}
                      {person.phone ? ` · ${person.phone}` : ''}
                    </Text>
                  </div>
                  <IconChevronRight size={18} aria-hidden="true" />
                </UnstyledButton>
              </li>
            ))}
          </ul>
        </Paper>
        {list.hasNextPage ? (
          <Group justify="center">
            <Button
              variant="default"
              loading={list.isFetchingNextPage}
              onClick={() => void list.fetchNextPage()}
            >
              {t('backoffice.people.loadMore')}
            </Button>
          </Group>
        ) : null}
      </Stack>
    );

  return (
    <>
      <PageHeader
        title={t('backoffice.people.title')}
        description={t('backoffice.people.description')}
        actions={
          mayInvite ? (
            <Button leftSection={<IconUserPlus size={16} />} onClick={invite.open}>
              {t('backoffice.people.invite')}
            </Button>
          ) : null
        }
      />
      <Stack gap="sm" mb="md">
        <TextInput
          type="search"
          label={t('backoffice.people.search')}
          placeholder={t('backoffice.people.searchPlaceholder')}
          leftSection={<IconSearch size={16} aria-hidden="true" />}
          value={search}
          onChange={(e) => setSearch(e.currentTarget.value)}
        />
        <Chip.Group value={filter} onChange={(value) => setFilter(value as PeopleFilter)}>
          <Group gap="xs" role="radiogroup" aria-label={t('backoffice.people.filterLabel')}>
            {FILTERS.map((f) => (
              <Chip key={f} value={f} variant="light">
                {t(`backoffice.people.filter.${f}`)}
              </Chip>
            ))}
          </Group>
        </Chip.Group>
      </Stack>
      {body}
      {mayInvite ? <OpenInvitations /> : null}
      {mayInvite ? <InviteStaffModal opened={inviteOpened} onClose={invite.close} /> : null}
    </>
  );
}
