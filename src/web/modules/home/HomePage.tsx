import {
  Alert,
  Anchor,
  Badge,
  Box,
  Button,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Text,
  ThemeIcon,
  Title,
} from '@mantine/core';
import {
  IconArrowRight,
  IconCheck,
  IconFileInvoice,
  IconHeadset,
  IconInfoCircle,
  IconLogin,
  IconMail,
  IconPuzzle,
  IconShoppingCart,
} from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { can, sessionQuery, useSettings } from '../../app/portal';
import { useFormat } from '../../ui/format';
import { usePageTitle } from '../../ui/usePageTitle';
import { HomeLoyaltyWidget } from '../loyalty/HomeLoyaltyWidget';
import { HomeOffersWidget } from '../offers/HomeOffersWidget';
import { CABINETS, type CabinetInfo } from './cabinets';
import classes from './HomePage.module.css';

const FEATURES = ['f1', 'f2', 'f3'] as const;
const MODULES = ['catalog', 'orders', 'documents', 'support', 'loyalty', 'booking', 'integrations'] as const;
const HERO_TILES = [
  { icon: IconShoppingCart, color: 'brand' },
  { icon: IconFileInvoice, color: 'teal' },
  { icon: IconHeadset, color: 'grape' },
] as const;

function capitalize(text: string): string {
  return text.charAt(0).toLocaleUpperCase() + text.slice(1);
}

/** Decorative sketch of what the cabinet will hold: orders, documents, support. */
function HeroIllustration() {
  return (
    <div className={classes.heroArt} aria-hidden="true">
      {HERO_TILES.map((tile, index) => (
        <div
          key={tile.color}
          className={classes.heroTile}
          style={{ '--tile-index': index } as React.CSSProperties}
        >
          <ThemeIcon size={40} radius="md" variant="light" color={tile.color}>
            <tile.icon size={22} stroke={1.6} />
          </ThemeIcon>
          <div className={classes.heroTileLines}>
            <span style={{ width: `${78 - index * 12}%` }} />
            <span style={{ width: `${52 + index * 8}%` }} />
          </div>
        </div>
      ))}
    </div>
  );
}

/** A card listing the modules the business can switch on as it grows. */
function ModulesCard() {
  const { t } = useTranslation();
  return (
    <Paper
      withBorder
      p="lg"
      className={classes.modulesCard}
      component="article"
      aria-labelledby="modules-title"
    >
      <ThemeIcon size={46} radius="md" variant="light" color="gray" mb="md" aria-hidden="true">
        <IconPuzzle size={26} stroke={1.6} />
      </ThemeIcon>
      <Title order={3} id="modules-title" mb={6}>
        {t('home.modules.title')}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t('home.modules.description')}
      </Text>
      <Group gap={6}>
        {MODULES.map((module) => (
          <Badge key={module} variant="default" radius="sm" size="md" tt="none" fw={500}>
            {t(`home.modules.${module}`)}
          </Badge>
        ))}
      </Group>
    </Paper>
  );
}
const STEPS = ['signIn', 'choose', 'personalize'] as const;

function CabinetCard({ cabinet }: { cabinet: CabinetInfo }) {
  const { t } = useTranslation();
  const titleId = `cabinet-${cabinet.id}`;
  return (
    <Paper withBorder p="lg" className={classes.card} component="article" aria-labelledby={titleId}>
      <Group justify="space-between" align="flex-start" mb="md">
        <ThemeIcon size={46} radius="md" variant="light" color={cabinet.color} aria-hidden="true">
          <cabinet.icon size={26} stroke={1.6} />
        </ThemeIcon>
        <Badge variant="light" color="gray" radius="sm">
          {t('home.comingSoon')}
        </Badge>
      </Group>
      <Title order={3} id={titleId} mb={6}>
        {t(`home.cabinets.${cabinet.id}.title`)}
      </Title>
      <Text size="sm" c="dimmed" mb="md">
        {t(`home.cabinets.${cabinet.id}.description`)}
      </Text>
      <List
        spacing={6}
        size="sm"
        icon={
          <ThemeIcon size={18} radius="xl" variant="light" color={cabinet.color} aria-hidden="true">
            <IconCheck size={12} stroke={2.4} />
          </ThemeIcon>
        }
      >
        {FEATURES.map((feature) => (
          <List.Item key={feature}>{t(`home.cabinets.${cabinet.id}.${feature}`)}</List.Item>
        ))}
      </List>
    </Paper>
  );
}

/** The cabinet home page. */
export function HomePage() {
  const { t } = useTranslation();
  const settings = useSettings();
  const format = useFormat();
  const session = useQuery(sessionQuery);
  const user = session.data?.user ?? null;
  const canReadMailbox = can(session.data, 'devMailbox.read');
  const guest = session.isSuccess && !user;
  usePageTitle(t('home.pageTitle'));

  return (
    <Stack gap="xl" data-testid="home-page">
      <Paper withBorder className={classes.hero} p={{ base: 'lg', sm: 'xl' }}>
        <div className={classes.heroDecor} aria-hidden="true" />
        <HeroIllustration />
        <Stack gap="sm" className={classes.heroBody}>
          <Text size="sm" fw={600} c="dimmed">
            {capitalize(format.longDate(new Date()))}
          </Text>
          <Title order={1} className={classes.heroTitle}>
            {user ? t('home.greetingNamed', { name: user.name.split(' ')[0] }) : t('home.greeting')}
          </Title>
          <Text fz={{ base: 'md', sm: 'lg' }} className={classes.heroLead}>
            {t('home.lead', { name: settings.name })}
          </Text>
          <Group gap="sm" mt="xs">
            {canReadMailbox ? (
              <Button
                leftSection={<IconMail size={18} />}
                renderRoot={(props) => <Link to="/admin/mailbox" {...props} />}
              >
                {t('home.openMailbox')}
              </Button>
            ) : null}
            {guest ? (
              <Button
                leftSection={<IconLogin size={18} />}
                renderRoot={(props) => <Link to="/sign-in" {...props} />}
              >
                {t('home.signIn')}
              </Button>
            ) : null}
            <Button
              variant={canReadMailbox || guest ? 'default' : 'filled'}
              rightSection={<IconArrowRight size={18} />}
              component="a"
              href="#getting-started"
            >
              {t('home.howToStart')}
            </Button>
          </Group>
        </Stack>
      </Paper>

      {user ? (
        <>
          <HomeLoyaltyWidget />
          <HomeOffersWidget />
        </>
      ) : null}

      {settings.demo ? (
        <Alert variant="light" color="orange" icon={<IconInfoCircle />} title={t('home.demo.title')}>
          {t('home.demo.text')}
        </Alert>
      ) : null}

      <Box component="section" aria-labelledby="cabinets-heading">
        <Title order={2} id="cabinets-heading">
          {t('home.cabinetsTitle')}
        </Title>
        <Text c="dimmed" size="sm" mt={4} mb="md" maw={720}>
          {t('home.cabinetsLead')}
        </Text>
        <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }} spacing="md">
          {CABINETS.map((cabinet) => (
            <CabinetCard key={cabinet.id} cabinet={cabinet} />
          ))}
          <ModulesCard />
        </SimpleGrid>
      </Box>

      <Paper
        withBorder
        p={{ base: 'lg', sm: 'xl' }}
        component="section"
        id="getting-started"
        aria-labelledby="getting-started-heading"
      >
        <Title order={2} id="getting-started-heading" mb={4}>
          {t('home.start.title')}
        </Title>
        <Text c="dimmed" size="sm" mb="lg">
          {t('home.start.lead')}
        </Text>
        <SimpleGrid cols={{ base: 1, md: 3 }} spacing="lg" component="ol" className={classes.steps}>
          {STEPS.map((step, index) => (
            <li key={step} className={classes.step}>
              <ThemeIcon size={34} radius="xl" variant="filled" aria-hidden="true">
                <Text fw={700} size="sm" c="inherit">
                  {format.number(index + 1)}
                </Text>
              </ThemeIcon>
              <div>
                <Text fw={650} mb={4}>
                  {t(`home.start.${step}.title`)}
                </Text>
                <Text size="sm" c="dimmed">
                  {t(`home.start.${step}.text`)}
                </Text>
              </div>
            </li>
          ))}
        </SimpleGrid>
        <Text size="xs" c="dimmed" mt="lg">
          {t('home.start.footnote')}{' '}
          <Anchor href="/api/docs" size="xs">
            {t('home.start.apiDocs')}
          </Anchor>
        </Text>
      </Paper>
    </Stack>
  );
}
