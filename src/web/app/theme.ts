import { generateColors, generateColorsMap } from '@mantine/colors-generator';
import {
  type CSSVariablesResolver,
  createTheme,
  localStorageColorSchemeManager,
  type MantineColorsTuple,
  type MantineThemeOverride,
} from '@mantine/core';
import { contrastRatio, darken, isHexColor, readableOn } from './color';
import { COLOR_SCHEME_KEY } from './preferences';

export const colorSchemeManager = localStorageColorSchemeManager({ key: COLOR_SCHEME_KEY });

/** The brand colour used until the portal settings arrive, and when they carry an invalid colour. */
export const FALLBACK_PRIMARY = '#1c64d8';

const MIN_CONTRAST = 4.5;
type Shade = 0 | 1 | 2 | 3 | 4 | 5 | 6 | 7 | 8 | 9;

/** The lightest shade at or after `from` on which white text reaches WCAG AA contrast. */
function firstReadableShade(colors: readonly string[], from: number): Shade {
  for (let index = Math.max(0, from); index <= 9; index += 1) {
    if (contrastRatio(colors[index] ?? '#000000', '#ffffff') >= MIN_CONTRAST) return index as Shade;
  }
  return 9;
}

/**
 * Builds the Mantine theme from the business's brand colour: ten shades from @mantine/colors-generator,
 * and primary shades chosen so that white text on filled buttons and links on the page stay readable
 * (WCAG AA) whatever colour the business picked.
 */
export function buildTheme(primaryColor: string, labels: { close: string }): MantineThemeOverride {
  const base = isHexColor(primaryColor) ? primaryColor : FALLBACK_PRIMARY;
  const brand: MantineColorsTuple = generateColors(base);
  const { baseColorIndex } = generateColorsMap(base);
  const light = firstReadableShade(brand, Math.max(baseColorIndex, 5));
  const dark = firstReadableShade(brand, Math.max(light, 6));

  return createTheme({
    colors: { brand },
    primaryColor: 'brand',
    primaryShade: { light, dark },
    defaultRadius: 'md',
    cursorType: 'pointer',
    respectReducedMotion: true,
    fontFamily:
      'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, "Noto Sans", "Liberation Sans", sans-serif',
    headings: {
      fontWeight: '700',
      sizes: {
        h1: { fontSize: 'clamp(1.5rem, 1.25rem + 1vw, 1.875rem)', lineHeight: '1.25' },
        h2: { fontSize: '1.375rem', lineHeight: '1.3' },
        h3: { fontSize: '1.125rem', lineHeight: '1.35' },
      },
    },
    components: {
      // Links inside text must not rely on colour alone (WCAG 1.4.1).
      Anchor: { defaultProps: { underline: 'always' } },
      Paper: { defaultProps: { radius: 'lg' } },
      Card: { defaultProps: { radius: 'lg' } },
      // Mantine's close buttons are icons without a name; screen readers need one.
      Notification: { defaultProps: { closeButtonProps: { 'aria-label': labels.close } } },
    },
  });
}

/**
 * Accessible text colours on top of Mantine's defaults: darker "dimmed" and placeholder text (Mantine's fall
 * below 4.5:1), and "light" variant text (badges, alerts, light buttons) darkened until it reads on its tint.
 */
export const cssVariablesResolver: CSSVariablesResolver = (theme) => {
  const lightVariantText: Record<string, string> = {};
  for (const [name, shades] of Object.entries(theme.colors)) {
    const text = shades[9];
    const tint = shades[1];
    if (!text || !tint || !isHexColor(text) || !isHexColor(tint)) continue;
    lightVariantText[`--mantine-color-${name}-light-color`] = readableOn(text, tint, 4.6);
  }
  // With the primary shade at 9, Mantine hovers filled buttons with shade 8 — lighter, and often below 4.5:1
  // under white text. Hover a little darker than the filled colour instead.
  const filledHover = (scheme: 'light' | 'dark'): Record<string, string> => {
    const shade = typeof theme.primaryShade === 'number' ? theme.primaryShade : theme.primaryShade[scheme];
    const filled = theme.colors[theme.primaryColor]?.[shade];
    if (!filled || !isHexColor(filled)) return {};
    return { [`--mantine-color-${theme.primaryColor}-filled-hover`]: darken(filled, 0.12) };
  };
  return {
    variables: {},
    light: {
      ...lightVariantText,
      ...filledHover('light'),
      '--mantine-color-dimmed': '#5c6570',
      '--mantine-color-placeholder': '#6b7480',
      '--mantine-color-anchor': 'var(--mantine-primary-color-filled)',
      // Field errors: Mantine's red-6 reaches only 3.3:1 on white; red-9 reads at 5.5:1.
      '--mantine-color-error': 'var(--mantine-color-red-9)',
      '--kabinet-surface': '#f6f7f9',
    },
    dark: {
      ...filledHover('dark'),
      '--mantine-color-dimmed': '#a6a6a6',
      '--mantine-color-placeholder': '#8f8f8f',
      '--mantine-color-anchor': 'var(--mantine-color-brand-3)',
      // red-8 is 3.4:1 on the dark body; red-5 is 5.6:1 (4.9:1 on a dark input).
      '--mantine-color-error': 'var(--mantine-color-red-5)',
      '--kabinet-surface': '#1b1b1d',
    },
  };
};
