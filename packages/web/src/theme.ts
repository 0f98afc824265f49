import { createTheme } from '@mantine/core'
import type { CSSVariablesResolver } from '@mantine/core'

/** The dashboard theme: system fonts, a blue primary dark enough for AA contrast on white. */
export const theme = createTheme({
  primaryColor: 'blue',
  primaryShade: { light: 8, dark: 4 },
  fontFamily:
    'Inter, system-ui, -apple-system, "Segoe UI", Roboto, "Helvetica Neue", Arial, sans-serif',
  headings: { fontWeight: '650' },
  defaultRadius: 'md',
  focusRing: 'auto',
})

/**
 * Text of "light" variants (badges, alerts, the active nav link, trend arrows): light-mode values
 * checked at 4.5:1 on their own tint (Mantine's shade 9 of teal, orange and yellow falls short).
 */
const LIGHT_TEXT = {
  blue: '#1864ab',
  teal: '#066649',
  orange: '#a63c06',
  red: '#a51d1d',
  yellow: '#7a5a00',
  green: '#1d6b2a',
  gray: '#343a40',
} as const

function lightVariantText(shade: string | null): Record<string, string> {
  return Object.fromEntries(
    Object.entries(LIGHT_TEXT).map(([c, hex]) => [
      `--mantine-color-${c}-light-color`,
      shade === null ? hex : `var(--mantine-color-${c}-${shade})`,
    ]),
  )
}

/** Dimmed text one shade darker in light mode (and lighter in dark) to keep 4.5:1 contrast. */
export const cssVariablesResolver: CSSVariablesResolver = () => ({
  variables: {},
  light: {
    '--mantine-color-dimmed': 'var(--mantine-color-gray-7)',
    // Text of "light" variants (badges, alerts, the active nav link) at 4.5:1 on their tint.
    ...lightVariantText(null),
  },
  dark: { '--mantine-color-dimmed': 'var(--mantine-color-dark-1)', ...lightVariantText('3') },
})
