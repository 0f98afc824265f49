import { Group, Pagination } from '@mantine/core'

const CONTROL_LABELS = {
  first: 'First page',
  previous: 'Previous page',
  next: 'Next page',
  last: 'Last page',
} as const

/** Page links for a paged list, labelled for screen readers; nothing when there is one page. */
export function PagePicker(props: {
  total: number
  pageSize: number
  page: number
  onChange: (page: number) => void
  label: string
}) {
  const pages = Math.ceil(props.total / props.pageSize)
  if (pages <= 1) return null
  return (
    <Group justify="center" mt="sm" component="nav" aria-label={props.label}>
      <Pagination
        total={pages}
        value={props.page}
        onChange={props.onChange}
        size="sm"
        getControlProps={(control) => ({ 'aria-label': CONTROL_LABELS[control] })}
        getItemProps={(page) => ({ 'aria-label': `Page ${page}` })}
      />
    </Group>
  )
}
