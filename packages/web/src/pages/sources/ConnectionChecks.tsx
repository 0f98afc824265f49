import { Alert, List, Text, ThemeIcon } from '@mantine/core'
import { IconCheck, IconX } from '@tabler/icons-react'
import type { ConnectionReportResponse } from '../../api/types'
import { formatCount } from '../../format/numbers'

function Mark(props: { ok: boolean }) {
  return (
    <ThemeIcon color={props.ok ? 'teal' : 'red'} size={20} radius="xl" aria-hidden>
      {props.ok ? <IconCheck size={14} /> : <IconX size={14} />}
    </ThemeIcon>
  )
}

/** What a connection test found: each check in words, the user's time zone, items per scope. */
export function ConnectionChecks(props: { report: ConnectionReportResponse }) {
  const { report } = props
  return (
    <Alert
      color={report.ok ? 'teal' : 'red'}
      variant="light"
      title={report.ok ? 'Connection ok' : 'Connection failed'}
      data-testid="connection-report"
    >
      <List spacing={4} size="sm" center>
        {report.checks.map((check) => (
          <List.Item key={check.name} icon={<Mark ok={check.ok} />}>
            <Text span size="sm" fw={600}>
              {check.name}
            </Text>
            <Text span size="sm">
              {' '}
              {check.ok ? '' : '(failed) '}
              {check.detail}
            </Text>
          </List.Item>
        ))}
        {report.scopes.map((scope) => (
          <List.Item key={`scope:${scope.scope}`} icon={<Mark ok={!scope.error} />}>
            <Text span size="sm">
              scope {scope.scope}:{' '}
              {scope.error ??
                (scope.items === null ? 'items not counted' : `${formatCount(scope.items)} items`)}
            </Text>
          </List.Item>
        ))}
      </List>
      {report.timezone && (
        <Text size="sm" mt="xs">
          Time zone of the user: {report.timezone}
        </Text>
      )}
    </Alert>
  )
}
