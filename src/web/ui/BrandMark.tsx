import { Image, ThemeIcon } from '@mantine/core';
import { useState } from 'react';

interface BrandMarkProps {
  name: string;
  logoUrl: string | null;
  size?: number;
}

/** The business's logo, or a monogram in the brand colour when there is none (or it fails to load). */
export function BrandMark({ name, logoUrl, size = 34 }: BrandMarkProps) {
  const [failed, setFailed] = useState(false);
  if (logoUrl && !failed) {
    // The business name is printed next to the logo, so the image itself is decorative.
    return <Image src={logoUrl} alt="" h={size} w="auto" fit="contain" onError={() => setFailed(true)} />;
  }
  const initial = name.trim().charAt(0).toUpperCase() || 'K';
  return (
    <ThemeIcon
      size={size}
      radius="md"
      variant="filled"
      aria-hidden="true"
      style={{ fontWeight: 800, fontSize: size * 0.5 }}
    >
      {initial}
    </ThemeIcon>
  );
}
