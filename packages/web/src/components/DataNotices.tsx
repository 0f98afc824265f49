import { Alert, Button, Stack, Text } from '@mantine/core'
import { IconInfoCircle } from '@tabler/icons-react'
import type { DataNoticeResponse } from '../api/types'
import { useFilters } from '../state/use-filters'
import { EmptyState } from './EmptyState'

/** A notice's message as a sentence: capitalised, with a full stop. */
export function noticeSentence(message: string): string {
  const text = message.charAt(0).toUpperCase() + message.slice(1)
  return /[.!?]$/.test(text) ? text : `${text}.`
}

/** Sets the as-of date to the day the data ends, when a notice offers it. */
function AsOfButton(props: { notice: DataNoticeResponse }) {
  const { setFilters } = useFilters()
  const { dataEnd } = props.notice
  if (!dataEnd) return null
  return (
    <Button size="xs" variant="light" onClick={() => setFilters({ asOf: dataEnd })}>
      Set the as-of date to {dataEnd}
    </Button>
  )
}

/** The API's reasons why a view shows little, each with the as-of date when it would help. */
export function DataNotices(props: { notices: readonly DataNoticeResponse[] }) {
  if (props.notices.length === 0) return null
  return (
    <Stack gap="xs">
      {props.notices.map((notice) => (
        <Alert
          key={notice.code}
          color="yellow"
          variant="light"
          icon={<IconInfoCircle size={18} aria-hidden />}
          data-testid="data-notice"
          data-code={notice.code}
        >
          <Stack gap={6} align="flex-start">
            <Text size="sm">{noticeSentence(notice.message)}</Text>
            <AsOfButton notice={notice} />
          </Stack>
        </Alert>
      ))}
    </Stack>
  )
}

/** An empty view that says why (the first notice) and what would fill it. */
export function NoticeEmptyState(props: {
  title: string
  notices: readonly DataNoticeResponse[]
  fallback: string
}) {
  const [first] = props.notices
  return (
    <Stack gap="xs" align="center" data-testid="empty-view">
      <EmptyState title={props.title}>
        <span data-testid="empty-reason" data-code={first?.code ?? ''}>
          {noticeSentence(first?.message ?? props.fallback)}
        </span>
      </EmptyState>
      {first && <AsOfButton notice={first} />}
    </Stack>
  )
}
