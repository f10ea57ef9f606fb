import { Anchor, Card, Group, Stack, Text } from '@mantine/core';
import { Link } from '@tanstack/react-router';
import { useTranslation } from 'react-i18next';
import { AddToCart } from '../carts/AddToCart';
import type { ProductSummary } from './api';
import classes from './catalog.module.css';
import { useCatalogFormat } from './format';
import { ListButton } from './ListButtons';
import { PriceTag } from './PriceTag';
import { ProductImage } from './ProductImage';
import { StockInfo } from './StockInfo';
import { productPath, useCatalogScope } from './scope';

interface ProductCardProps {
  product: ProductSummary;
  layout?: 'grid' | 'list';
  /** Hide the favorite / compare buttons (on small strips). */
  compact?: boolean;
}

/** A product in the grid or list: image, name, SKU, my price with its rule, stock, favorite and compare. */
export function ProductCard({ product, layout = 'grid', compact = false }: ProductCardProps) {
  const { t } = useTranslation();
  const format = useCatalogFormat();
  const { scope } = useCatalogScope();
  const showPack = scope.kind === 'org';
  return (
    <Card
      withBorder
      padding="sm"
      radius="md"
      component="article"
      className={layout === 'list' ? classes.cardList : classes.card}
      data-testid="product-card"
      aria-labelledby={`product-${product.id}`}
    >
      <div className={classes.cardImage}>
        <ProductImage image={product.image} />
      </div>
      <Stack gap={6} className={classes.cardBody}>
        <Anchor
          id={`product-${product.id}`}
          renderRoot={(props) => <Link to={productPath(scope, product.id)} {...props} />}
          fw={600}
          lineClamp={2}
          data-testid="product-name"
        >
          {product.name}
        </Anchor>
        <Text size="xs" c="dimmed" data-testid="product-sku">
          {t('catalog.product.sku', { sku: product.sku })}
          {product.brand ? ` · ${product.brand}` : ''}
        </Text>
        <PriceTag price={product.price} unit={product.unit} />
        <StockInfo stock={product.stock} unit={product.unit} />
        {showPack ? (
          <Text size="xs" c="dimmed" data-testid="product-pack">
            {t('catalog.product.pack', {
              pack: format.quantity(product.packSize),
              min: format.quantity(product.minOrderQty),
              unit: product.unit,
            })}
          </Text>
        ) : null}
        {compact ? null : (
          <Group gap={6} mt="auto">
            <ListButton kind="favorites" productId={product.id} productName={product.name} />
            <ListButton kind="compare" productId={product.id} productName={product.name} />
          </Group>
        )}
        {product.variantId && product.price && product.variantCount <= 1 ? (
          <AddToCart
            variantId={product.variantId}
            productName={product.name}
            unit={product.unit}
            packSize={product.packSize}
            minOrderQty={product.minOrderQty}
            size="xs"
          />
        ) : null}
      </Stack>
    </Card>
  );
}
