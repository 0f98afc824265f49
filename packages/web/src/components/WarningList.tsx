import { Alert, Anchor, Stack } from '@mantine/core'
import { Link } from 'react-router'
import { IconAlertTriangle, IconInfoCircle } from '@tabler/icons-react'

export interface Warning {
  code: string
  message: string
  /** A dashboard path listing the items behind the warning. */
  link?: { to: string; label: string }
}

const SEVERE = new Set([
  'UNMAPPED_VALUES',
  'LITTLES_LAW_DIVERGENCE',
  'LITTLES_LAW_BROKEN',
  'LOAD_RISING',
  'EFFICIENCY_FALLING',
  'DISTRIBUTION_OFF_TARGET',
  'AGING_BEYOND_P95',
  'RESULT_OFF_TARGET',
])

const TITLES: Record<string, string> = {
  LITTLES_LAW_DIVERGENCE: "Little's law broken",
  LITTLES_LAW_BROKEN: "Little's law broken",
  LOAD_RISING: 'Load rising',
  EFFICIENCY_FALLING: 'Efficiency falling',
  FLOW_EFFICIENCY_UNAVAILABLE: 'Flow efficiency unavailable',
  DATA_QUALITY: 'Data quality',
  NO_COMPLETIONS: 'No completions',
  UNMAPPED_VALUES: 'Items left out: unmapped values',
  DISTRIBUTION_OFF_TARGET: 'Distribution off target',
  AGING_BEYOND_P95: 'Aging beyond p95',
  RESULT_OFF_TARGET: 'Business result off target',
}

/** A warning's title for people, from its stable code. */
export function warningTitle(code: string): string {
  return TITLES[code] ?? code.toLowerCase().replaceAll('_', ' ')
}

/** The warnings of a report as alerts; flow problems in orange, data notes in blue. */
export function WarningList(props: { warnings: readonly Warning[]; compact?: boolean }) {
  if (props.warnings.length === 0) return null
  return (
    <Stack gap={props.compact ? 4 : 'xs'}>
      {props.warnings.map((warning) => {
        const severe = SEVERE.has(warning.code)
        const Icon = severe ? IconAlertTriangle : IconInfoCircle
        return (
          <Alert
            key={`${warning.code}:${warning.message}`}
            color={severe ? 'orange' : 'blue'}
            variant="light"
            p={props.compact ? 'xs' : undefined}
            title={warningTitle(warning.code)}
            icon={<Icon size={18} aria-hidden />}
          >
            {warning.message}
            {warning.link && (
              <>
                {' '}
                <Anchor
                  component={Link}
                  to={warning.link.to}
                  size="sm"
                  c="inherit"
                  fw={600}
                  underline="always"
                >
                  {warning.link.label}
                </Anchor>
              </>
            )}
          </Alert>
        )
      })}
    </Stack>
  )
}
