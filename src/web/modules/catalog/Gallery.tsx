import { Stack, UnstyledButton } from '@mantine/core';
import { type KeyboardEvent, useState } from 'react';
import { useTranslation } from 'react-i18next';
import type { ImageRef } from './api';
import classes from './catalog.module.css';
import { ProductImage } from './ProductImage';

/**
 * The product's images: the chosen one large, thumbnails below. Thumbnails are buttons; arrow keys move between
 * them (and Home/End), so the gallery works without a mouse.
 */
export function Gallery({ images, name }: { images: ImageRef[]; name: string }) {
  const { t } = useTranslation();
  const [index, setIndex] = useState(0);
  const current = images[Math.min(index, images.length - 1)] ?? null;
  const onKeyDown = (event: KeyboardEvent<HTMLFieldSetElement>) => {
    const last = images.length - 1;
    const next =
      event.key === 'ArrowRight'
        ? Math.min(index + 1, last)
        : event.key === 'ArrowLeft'
          ? Math.max(index - 1, 0)
          : event.key === 'Home'
            ? 0
            : event.key === 'End'
              ? last
              : null;
    if (next === null) return;
    event.preventDefault();
    setIndex(next);
    const buttons = event.currentTarget.querySelectorAll<HTMLButtonElement>('button');
    buttons[next]?.focus();
  };
  return (
    <Stack gap="xs" data-testid="gallery">
      <div className={classes.galleryMain}>
        <ProductImage image={current ? { ...current, alt: current.alt || name } : null} size="full" />
      </div>
      {images.length > 1 ? (
        <fieldset className={classes.thumbs} aria-label={t('catalog.product.gallery')} onKeyDown={onKeyDown}>
          {images.map((image, i) => (
            <UnstyledButton
              key={image.id}
              className={classes.thumb}
              aria-current={i === index ? 'true' : undefined}
              aria-label={t('catalog.product.showImage', { n: i + 1, count: images.length })}
              tabIndex={i === index ? 0 : -1}
              onClick={() => setIndex(i)}
            >
              <ProductImage image={image} />
            </UnstyledButton>
          ))}
        </fieldset>
      ) : null}
    </Stack>
  );
}
