import { Center } from '@mantine/core';
import { IconPhoto } from '@tabler/icons-react';
import type { ImageRef } from './api';
import classes from './catalog.module.css';

/** A product thumbnail, or a neutral placeholder when the product has no image. */
export function ProductImage({ image, size = 'thumb' }: { image: ImageRef | null; size?: 'thumb' | 'full' }) {
  if (!image) {
    return (
      <Center className={classes.imagePlaceholder} aria-hidden="true">
        <IconPhoto size={40} stroke={1.2} />
      </Center>
    );
  }
  return (
    <img
      className={classes.image}
      src={size === 'thumb' ? image.thumbUrl : image.mediumUrl}
      alt={image.alt}
      loading="lazy"
      decoding="async"
    />
  );
}
