import {
  Anchor,
  Chip,
  Grid,
  Group,
  List,
  Paper,
  SimpleGrid,
  Stack,
  Table,
  Text,
  Title,
  Typography,
} from '@mantine/core';
import { IconFileDownload } from '@tabler/icons-react';
import { useQuery } from '@tanstack/react-query';
import { Link, useParams } from '@tanstack/react-router';
import { useEffect, useState } from 'react';
import { useTranslation } from 'react-i18next';
import { isApiError } from '../../app/api';
import { NotFoundPage } from '../../app/pages';
import { PageSkeleton } from '../../ui/Skeletons';
import { ErrorState } from '../../ui/StatusState';
import { usePageTitle } from '../../ui/usePageTitle';
import { AddToCart } from '../carts/AddToCart';
import { BoughtTogether } from '../offers/BoughtTogether';
import { SubscribeButton } from '../subscriptions/SubscribeButton';
import { type ProductDetail, type ProductSummary, productQuery, useRecordView } from './api';
import { Calculator } from './Calculator';
import { useCatalogFormat } from './format';
import { Gallery } from './Gallery';
import { ListButton } from './ListButtons';
import { PriceTag } from './PriceTag';
import { ProductCard } from './ProductCard';
import { RecentStrip } from './RecentStrip';
import { ScopeSwitch } from './ScopeSwitch';
import { StockInfo } from './StockInfo';
import { catalogPath, useCatalogScope } from './scope';

/** Related products or analogues as a row of cards (hidden when there are none). */
function ProductRow({ title, items, testId }: { title: string; items: ProductSummary[]; testId: string }) {
  if (items.length === 0) return null;
  return (
    <Stack gap="xs" component="section" aria-label={title} data-testid={testId}>
      <Title order={2} size="h4">
        {title}
      </Title>
      <SimpleGrid cols={{ base: 1, xs: 2, md: 3, xl: 4 }} spacing="sm">
        {items.map((item) => (
          <ProductCard key={item.id} product={item} compact />
        ))}
      </SimpleGrid>
    </Stack>
  );
}

/** The variant selector: one chip group per characteristic (size, colour), or one chip per variant. */
function VariantPicker({
  product,
  selected,
  onSelect,
}: {
  product: ProductDetail;
  selected: string;
  onSelect: (variantId: string) => void;
}) {
  const { t } = useTranslation();
  if (product.variants.length < 2) return null;
  return (
    <Stack gap={6} data-testid="variants">
      <Text size="sm" fw={500} id="variants-label">
        {t('catalog.product.variants')}
      </Text>
      <Chip.Group value={selected} onChange={(value) => onSelect(String(value))}>
        <Group gap="xs" role="radiogroup" aria-labelledby="variants-label">
          {product.variants.map((variant) => (
            <Chip key={variant.id} value={variant.id} data-testid="variant-chip">
              {Object.values(variant.attributes).join(' / ') || variant.name || variant.sku}
            </Chip>
          ))}
        </Group>
      </Chip.Group>
    </Stack>
  );
}

/**
 * The product page: gallery, variants with their own price and stock, my price with quantity breaks and the cost
 * calculator, stock (per warehouse for a company), specifications, documents, related products and analogues.
 */
export function ProductPage() {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const { productId } = useParams({ strict: false }) as { productId: string };
  const { scope, pending, signedIn } = useCatalogScope();
  const product = useQuery({ ...productQuery(scope, productId), enabled: !pending });
  const recordView = useRecordView(scope);
  const [variantId, setVariantId] = useState<string | null>(null);
  usePageTitle(product.data?.name);

  // Recorded once per opened product and scope, for "recently viewed"; guests keep no history.
  // biome-ignore lint/correctness/useExhaustiveDependencies: the mutation object changes every render
  useEffect(() => {
    if (signedIn && !pending && product.data) recordView.mutate(product.data.id, { onError: () => {} });
  }, [product.data?.id, signedIn, pending, scope.kind]);

  if (pending || product.isPending) return <PageSkeleton />;
  if (product.isError) {
    if (isApiError(product.error, 404)) return <NotFoundPage />;
    return <ErrorState error={product.error} titleOrder={1} onRetry={() => void product.refetch()} />;
  }
  const p = product.data;
  const variant =
    p.variants.find((v) => v.id === variantId) ??
    p.variants.find((v) => v.isDefault) ??
    p.variants[0] ??
    null;
  const price = variant?.price ?? p.price;
  const stock = variant?.stock ?? p.stock;
  const images = p.images.length > 0 ? p.images : p.image ? [p.image] : [];

  return (
    <Stack gap="xl">
      <Stack gap={6}>
        <Group gap="xs" wrap="wrap">
          <Anchor size="sm" renderRoot={(props) => <Link to={catalogPath(scope)} {...props} />}>
            {t('catalog.title')}
          </Anchor>
          {p.categoryPath.map((category) => (
            <Group key={category.id} gap="xs" wrap="nowrap">
              <Text size="sm" c="dimmed" aria-hidden="true">
                /
              </Text>
              <Anchor
                size="sm"
                renderRoot={(props) => (
                  <Link to={catalogPath(scope)} search={{ category: category.id } as never} {...props} />
                )}
              >
                {category.name}
              </Anchor>
            </Group>
          ))}
        </Group>
        <Title order={1} data-testid="product-title">
          {p.name}
        </Title>
        <Text size="sm" c="dimmed" data-testid="product-sku">
          {t('catalog.product.sku', { sku: variant?.sku ?? p.sku })}
          {p.brand ? ` · ${p.brand}` : ''}
        </Text>
      </Stack>

      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Gallery images={images} name={p.name} />
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 6 }}>
          <Stack gap="md">
            <ScopeSwitch scope={scope} rest={`/products/${encodeURIComponent(p.id)}`} />
            <VariantPicker product={p} selected={variant?.id ?? ''} onSelect={setVariantId} />
            <PriceTag price={price} unit={p.unit} size="lg" />
            <Group gap="xs">
              <ListButton kind="favorites" productId={p.id} productName={p.name} />
              <ListButton kind="compare" productId={p.id} productName={p.name} />
            </Group>
            <Stack gap={4} component="section" aria-labelledby="stock-title">
              <Title order={2} size="h4" id="stock-title">
                {t('catalog.stock.title')}
              </Title>
              <StockInfo stock={stock} unit={p.unit} detailed />
              {scope.kind === 'org' ? (
                <Text size="sm" c="dimmed" data-testid="product-pack">
                  {t('catalog.product.pack', {
                    pack: format.quantity(p.packSize),
                    min: format.quantity(p.minOrderQty),
                    unit: p.unit,
                  })}
                </Text>
              ) : null}
            </Stack>
            {variant ? (
              <Calculator
                key={variant.id}
                variantId={variant.id}
                unit={p.unit}
                packSize={p.packSize}
                minOrderQty={p.minOrderQty}
                price={price}
                action={(quantity) => (
                  <>
                    <AddToCart
                      variantId={variant.id}
                      productName={p.name}
                      unit={p.unit}
                      packSize={p.packSize}
                      minOrderQty={p.minOrderQty}
                      quantity={quantity}
                    />
                    {scope.kind === 'me' ? (
                      <SubscribeButton variantId={variant.id} productName={p.name} quantity={quantity} />
                    ) : null}
                  </>
                )}
              />
            ) : null}
          </Stack>
        </Grid.Col>
      </Grid>

      {p.description ? (
        <Stack gap="xs" component="section" aria-labelledby="description-title">
          <Title order={2} size="h4" id="description-title">
            {t('catalog.product.description')}
          </Title>
          {/* The server sanitises the rich text (sanitize-html) before storing it. */}
          <Typography>
            {/* biome-ignore lint/security/noDangerouslySetInnerHtml: sanitised on the server */}
            <div dangerouslySetInnerHTML={{ __html: p.description }} />
          </Typography>
        </Stack>
      ) : null}

      <Grid gap="xl">
        <Grid.Col span={{ base: 12, md: 7 }}>
          <Stack gap="xs" component="section" aria-labelledby="specs-title">
            <Title order={2} size="h4" id="specs-title">
              {t('catalog.product.specs')}
            </Title>
            <Table.ScrollContainer minWidth={280}>
              <Table striped withTableBorder data-testid="specs">
                <Table.Tbody>
                  {variant && Object.keys(variant.attributes).length > 0
                    ? Object.entries(variant.attributes).map(([name, value]) => (
                        <Table.Tr key={`attr-${name}`}>
                          <Table.Th scope="row">{name}</Table.Th>
                          <Table.Td>{value}</Table.Td>
                        </Table.Tr>
                      ))
                    : null}
                  {p.specifications.map((property) => (
                    <Table.Tr key={`${property.propertyId}-${property.value}`}>
                      <Table.Th scope="row">{property.name}</Table.Th>
                      <Table.Td>
                        {property.unit ? `${property.value} ${property.unit}` : property.value}
                      </Table.Td>
                    </Table.Tr>
                  ))}
                  <Table.Tr>
                    <Table.Th scope="row">{t('catalog.product.unit')}</Table.Th>
                    <Table.Td>{p.unit}</Table.Td>
                  </Table.Tr>
                  {p.weight ? (
                    <Table.Tr>
                      <Table.Th scope="row">{t('catalog.product.weight')}</Table.Th>
                      <Table.Td>{t('catalog.units.kg', { value: format.quantity(p.weight) })}</Table.Td>
                    </Table.Tr>
                  ) : null}
                  {p.volume ? (
                    <Table.Tr>
                      <Table.Th scope="row">{t('catalog.product.volume')}</Table.Th>
                      <Table.Td>{t('catalog.units.m3', { value: format.quantity(p.volume) })}</Table.Td>
                    </Table.Tr>
                  ) : null}
                  {variant && variant.barcodes.length > 0 ? (
                    <Table.Tr>
                      <Table.Th scope="row">{t('catalog.product.barcodes')}</Table.Th>
                      <Table.Td>{variant.barcodes.join(', ')}</Table.Td>
                    </Table.Tr>
                  ) : null}
                </Table.Tbody>
              </Table>
            </Table.ScrollContainer>
          </Stack>
        </Grid.Col>
        <Grid.Col span={{ base: 12, md: 5 }}>
          <Paper withBorder p="md" component="section" aria-labelledby="docs-title">
            <Title order={2} size="h4" id="docs-title" mb="xs">
              {t('catalog.product.documents')}
            </Title>
            {p.documents.length === 0 ? (
              <Text size="sm" c="dimmed">
                {t('catalog.product.noDocuments')}
              </Text>
            ) : (
              <List spacing="xs" listStyleType="none" data-testid="documents">
                {p.documents.map((doc) => (
                  <List.Item key={doc.id} icon={<IconFileDownload size={18} aria-hidden="true" />}>
                    <Anchor href={doc.url} download={doc.fileName}>
                      {doc.title}
                    </Anchor>{' '}
                    <Text span size="xs" c="dimmed">
                      {t(`catalog.product.docKind.${doc.kind}`)} · {format.size(doc.size)}
                    </Text>
                  </List.Item>
                ))}
              </List>
            )}
          </Paper>
        </Grid.Col>
      </Grid>

      <ProductRow title={t('catalog.product.related')} items={p.related} testId="related" />
      <ProductRow title={t('catalog.product.analogues')} items={p.analogues} testId="analogues" />
      {signedIn ? <BoughtTogether productId={p.id} /> : null}
      {signedIn ? <RecentStrip excludeId={p.id} /> : null}
    </Stack>
  );
}
