import { Avatar, Menu, Text, ThemeIcon, UnstyledButton } from '@mantine/core';
import { IconBuildingStore, IconCheck, IconSelector, IconUser } from '@tabler/icons-react';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { initials } from '../../ui/initials';
import { useCurrentOrgId, useMe, useRoleLabel } from '../contexts';
import classes from './Shell.module.css';

interface ContextSwitcherProps {
  onNavigate: () => void;
}

/**
 * Switches between the personal cabinet and the companies the person belongs to. The URL is the context
 * (`/orgs/:orgId`), so choosing one navigates, and each tab keeps its own. Shown only to a member of a company.
 */
export function ContextSwitcher({ onNavigate }: ContextSwitcherProps) {
  const { t } = useTranslation();
  const roleLabel = useRoleLabel();
  const me = useMe();
  const orgId = useCurrentOrgId();
  const companies = me.data?.contexts.companies ?? [];
  if (companies.length === 0) return null;

  const current = orgId ? companies.find((company) => company.id === orgId) : undefined;
  const isPersonal = orgId === null;
  const title = current ? current.name : isPersonal ? t('contexts.personal') : t('contexts.title');
  const subtitle = current ? roleLabel(current.role) : isPersonal ? me.data?.user.name : undefined;

  return (
    <div className={classes.switcherBox}>
      <Menu position="bottom-start" width="target" shadow="md" withInitialFocusPlaceholder={false}>
        <Menu.Target>
          <UnstyledButton
            className={classes.switcher}
            aria-label={t('contexts.switcher', { name: subtitle ? `${title} (${subtitle})` : title })}
            data-testid="context-switcher"
          >
            {current ? (
              <Avatar radius="md" size={36} color="brand" variant="filled" aria-hidden="true">
                {initials(current.name)}
              </Avatar>
            ) : (
              <ThemeIcon size={36} radius="md" variant="light" aria-hidden="true">
                <IconUser size={20} stroke={1.8} />
              </ThemeIcon>
            )}
            <span className={classes.switcherText}>
              <Text component="span" fw={650} size="sm" truncate display="block" data-testid="context-name">
                {title}
              </Text>
              {subtitle ? (
                <Text component="span" size="xs" c="dimmed" truncate display="block">
                  {subtitle}
                </Text>
              ) : null}
            </span>
            <IconSelector size={18} stroke={1.7} aria-hidden="true" className={classes.switcherChevron} />
          </UnstyledButton>
        </Menu.Target>
        <Menu.Dropdown>
          <Menu.Label>{t('contexts.title')}</Menu.Label>
          <Menu.Item
            leftSection={<IconUser size={18} stroke={1.7} aria-hidden="true" />}
            rightSection={isPersonal ? <IconCheck size={16} aria-hidden="true" /> : null}
            aria-current={isPersonal ? 'page' : undefined}
            onClick={onNavigate}
            renderRoot={(props) => <Link to="/" {...props} />}
            data-testid="context-personal"
          >
            <Text size="sm" fw={500}>
              {t('contexts.personal')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('contexts.personalHint')}
            </Text>
          </Menu.Item>
          <Menu.Divider />
          <Menu.Label>{t('contexts.companies')}</Menu.Label>
          {companies.map((company) => {
            const active = company.id === orgId;
            return (
              <Menu.Item
                key={company.id}
                leftSection={<IconBuildingStore size={18} stroke={1.7} aria-hidden="true" />}
                rightSection={active ? <IconCheck size={16} aria-hidden="true" /> : null}
                aria-current={active ? 'page' : undefined}
                onClick={onNavigate}
                renderRoot={(props) => <Link to="/orgs/$orgId" params={{ orgId: company.id }} {...props} />}
                data-testid="context-company"
              >
                <Text size="sm" fw={500}>
                  {company.name}
                </Text>
                <Text size="xs" c="dimmed">
                  {roleLabel(company.role)}
                </Text>
              </Menu.Item>
            );
          })}
        </Menu.Dropdown>
      </Menu>
    </div>
  );
}
