import { Alert, Badge, Card, List, Table, Text, Title } from '@mantine/core'
import type { MappingPreviewResponse } from '../../api/types'
import { formatCount, formatRange } from '../../format/numbers'
import { PREVIEW_METRICS, previewRows } from './preview-rows'
import { unmappedTotals } from './workbench-rows'

/** What saving would change: problems by line, values still unmapped, five metrics before → after. */
/** Whether the range ending `to` (exclusive, YYYY-MM-DD) runs past today: its last period is not over. */
function notOver(to: string): boolean {
  return to > new Date().toISOString().slice(0, 10)
}

export function PreviewPanel(props: { preview: MappingPreviewResponse }) {
  const { preview } = props
  const totals = unmappedTotals(preview)
  const rows = previewRows(preview)
  return (
    <Card withBorder radius="md" padding="md" aria-live="polite" data-testid="mapping-preview">
      <Title order={3} size="h5" mb="xs">
        Preview{' '}
        <Badge color={preview.valid ? 'teal' : 'red'} variant="light">
          {preview.valid ? 'valid' : 'cannot be saved'}
        </Badge>
      </Title>
      {preview.problems.length > 0 && (
        <Alert color="red" variant="light" title={`${preview.problems.length} problems`} mb="sm">
          <List size="sm">
            {preview.problems.map((p) => (
              <List.Item key={`${p.line}:${p.column}:${p.path}`}>
                line {p.line}, column {p.column} ({p.path}): {p.message}
              </List.Item>
            ))}
          </List>
        </Alert>
      )}
      {(totals.states > 0 || totals.types > 0) && (
        <Alert color="orange" variant="light" mb="sm" title="Still unmapped">
          {totals.states} states ({formatCount(totals.stateItems)} items) and {totals.types}{' '}
          artifact types ({formatCount(totals.typeItems)} items) map to nothing.
        </Alert>
      )}
      <Text size="sm" c="dimmed" mb="xs">
        Five Flow Metrics per value stream over {formatRange(preview.from, preview.to)}
        {notOver(preview.to) ? ' (the last period is not over: figures up to now)' : ''}: saved
        mapping → this draft.
      </Text>
      <Table.ScrollContainer
        minWidth={720}
        // Focusable, so the table scrolls sideways from the keyboard on a narrow screen.
        scrollAreaProps={{
          viewportProps: { tabIndex: 0, 'aria-label': 'Metrics before and after, per stream' },
        }}
      >
        <Table verticalSpacing={4}>
          <Table.Thead>
            <Table.Tr>
              <Table.Th scope="col">Value stream</Table.Th>
              {PREVIEW_METRICS.map((m) => (
                <Table.Th key={m.key} scope="col">
                  {m.label}
                </Table.Th>
              ))}
            </Table.Tr>
          </Table.Thead>
          <Table.Tbody>
            {rows.map((row) => (
              <Table.Tr key={row.stream}>
                <Table.Th scope="row">{row.stream}</Table.Th>
                {row.cells.map((cell, i) => (
                  <Table.Td key={PREVIEW_METRICS[i]?.key}>
                    {cell.changed ? (
                      <Text size="sm" component="span">
                        <Text span c="dimmed" td="line-through">
                          {cell.before}
                        </Text>{' '}
                        → <b>{cell.after}</b>
                      </Text>
                    ) : (
                      <Text size="sm" component="span">
                        {cell.after}
                      </Text>
                    )}
                  </Table.Td>
                ))}
              </Table.Tr>
            ))}
          </Table.Tbody>
        </Table>
      </Table.ScrollContainer>
      <FindingDeltas findings={preview.findings} />
    </Card>
  )
}

/** Each data-quality finding's item count, saved mapping → draft (rules with `treatAs` change them). */
function FindingDeltas(props: { findings: MappingPreviewResponse['findings'] }) {
  if (props.findings.length === 0) return null
  const count = (n: number | null) => (n === null ? '–' : formatCount(n))
  return (
    <>
      <Text size="sm" c="dimmed" mt="md" mb="xs">
        Data-quality findings (items): saved mapping → this draft. A rule with <code>treatAs</code>{' '}
        ends the items of a finding as canceled or leaves them out.
      </Text>
      <Table verticalSpacing={4} data-testid="preview-findings">
        <Table.Thead>
          <Table.Tr>
            <Table.Th scope="col">Finding</Table.Th>
            <Table.Th scope="col">Items</Table.Th>
            <Table.Th scope="col">What it does to the metrics</Table.Th>
          </Table.Tr>
        </Table.Thead>
        <Table.Tbody>
          {props.findings.map((f) => (
            <Table.Tr key={f.flag}>
              <Table.Th scope="row">{f.flag.replaceAll('_', ' ')}</Table.Th>
              <Table.Td>
                {f.before === f.after ? (
                  count(f.after)
                ) : (
                  <Text size="sm" component="span">
                    <Text span c="dimmed" td="line-through">
                      {count(f.before)}
                    </Text>{' '}
                    → <b>{count(f.after)}</b>
                  </Text>
                )}
              </Table.Td>
              <Table.Td>
                <Text size="sm">{f.rule}</Text>
              </Table.Td>
            </Table.Tr>
          ))}
        </Table.Tbody>
      </Table>
    </>
  )
}

/** The saved mapping's unmapped values with their item counts, or a note that all are mapped. */
export function UnmappedSummary(props: { preview: MappingPreviewResponse | undefined }) {
  const totals = unmappedTotals(props.preview)
  if (totals.states === 0 && totals.types === 0) {
    return (
      <Alert
        color="teal"
        variant="light"
        title="Every state and artifact type in the data is mapped"
      />
    )
  }
  return (
    <Alert color="red" variant="light" title="Unmapped values in the data">
      {totals.states} tool states ({formatCount(totals.stateItems)} items) and {totals.types}{' '}
      artifact types ({formatCount(totals.typeItems)} items) map to nothing; they are flagged below.
      Map them, preview, then save.
    </Alert>
  )
}
