import { useState } from 'react'
import type { FormEvent } from 'react'
import { Alert, Button, Group, NumberInput, Select, Text, TextInput } from '@mantine/core'
import { useAddResultPointsMutation } from '../../api/queries/use-model-queries'
import type { BusinessResultsResponse } from '../../api/types'
import { errorMessage } from '../../components/LoadingPanel'

/**
 * A small form to add (or correct) one point of a business result of the stream: the result,
 * the date and the value in the result's unit. The server checks it and writes it, or says why
 * not; the chart reloads on success.
 */
export function AddResultPointForm(props: { results: BusinessResultsResponse }) {
  const { series, stream } = props.results
  const add = useAddResultPointsMutation(stream)
  const [metric, setMetric] = useState<string | null>(series[0]?.metric ?? null)
  const [date, setDate] = useState('')
  const [value, setValue] = useState<string | number>('')
  const [saved, setSaved] = useState<string | null>(null)
  const unit = series.find((s) => s.metric === metric)?.definition?.unit
  const submit = (event: FormEvent) => {
    event.preventDefault()
    if (!metric || date === '' || typeof value !== 'number') return
    setSaved(null)
    add.mutate(
      { metric, body: { points: [{ date, value }], ...(unit ? { unit } : {}) } },
      {
        onSuccess: () => setSaved(`Saved ${metric} ${value}${unit ? ` ${unit}` : ''} on ${date}.`),
      },
    )
  }
  return (
    <form onSubmit={submit} aria-label="Add a business result">
      <Group gap="xs" align="flex-end" wrap="wrap">
        <Select
          size="xs"
          w={190}
          label="Result"
          data={series.map((s) => s.metric)}
          value={metric}
          onChange={setMetric}
          allowDeselect={false}
          required
        />
        <TextInput
          size="xs"
          w={150}
          type="date"
          label="Date"
          value={date}
          onChange={(e) => setDate(e.currentTarget.value)}
          required
        />
        <NumberInput
          size="xs"
          w={150}
          label={unit ? `Value (${unit})` : 'Value'}
          value={value}
          onChange={setValue}
          required
        />
        <Button
          type="submit"
          size="xs"
          color="blue.8"
          loading={add.isPending}
          disabled={!metric || date === '' || typeof value !== 'number'}
        >
          Add point
        </Button>
      </Group>
      {add.error && (
        <Alert color="red" variant="light" role="alert" mt="xs" p="xs">
          {errorMessage(add.error)}
        </Alert>
      )}
      {saved && !add.error && (
        <Text size="xs" c="dimmed" mt={4} role="status">
          {saved}
        </Text>
      )}
    </form>
  )
}
