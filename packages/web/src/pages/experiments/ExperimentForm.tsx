import { useState } from 'react'
import {
  Alert,
  Button,
  Card,
  Group,
  NumberInput,
  Select,
  SimpleGrid,
  Stack,
  TextInput,
  Textarea,
  Title,
} from '@mantine/core'
import { useNavigate } from 'react-router'
import { EXPERIMENT_DIRECTIONS, EXPERIMENT_METRICS } from '@openvmo/core'
import type { ExperimentDirection, ExperimentMetric } from '@openvmo/core'
import { useSaveExperimentMutation } from '../../api/queries/use-experiment-queries'

/** A slug of a name: lowercase words joined by `-`, at most 63 characters. */
export function slugOf(name: string): string {
  return name
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '')
    .slice(0, 63)
}

/** What the form starts from: a candidate (a change point) or nothing. */
export interface ExperimentDraft {
  stream: string
  changeDate?: string
  metric?: ExperimentMetric
  direction?: ExperimentDirection
}

/**
 * Records an experiment of a stream the user may edit: name, hypothesis, change, date, windows,
 * one target and an optional control. The server checks everything and its refusal is shown.
 */
export function ExperimentForm(props: { draft: ExperimentDraft; streams: readonly string[] }) {
  const navigate = useNavigate()
  const save = useSaveExperimentMutation()
  const [name, setName] = useState('')
  const [hypothesis, setHypothesis] = useState('')
  const [change, setChange] = useState('')
  const [changeDate, setChangeDate] = useState(props.draft.changeDate ?? '')
  const [days, setDays] = useState<number | string>(91)
  const [metric, setMetric] = useState<string | null>(props.draft.metric ?? 'flow_time_p85')
  const [direction, setDirection] = useState<string | null>(props.draft.direction ?? 'decrease')
  const [size, setSize] = useState<number | string>('')
  const [control, setControl] = useState<string | null>(null)
  const submit = () => {
    const id = slugOf(name)
    save.mutate(
      {
        stream: props.draft.stream,
        id,
        body: {
          name,
          hypothesis,
          change,
          changeDate,
          beforeDays: Number(days),
          afterDays: Number(days),
          targets: [
            {
              metric: metric as ExperimentMetric,
              direction: direction as ExperimentDirection,
              expectedChangePercent: size === '' ? null : Number(size),
            },
          ],
          control: control ? { stream: control } : null,
        },
      },
      { onSuccess: () => void navigate(`/experiments/${id}`) },
    )
  }
  return (
    <Card
      withBorder
      padding="md"
      component="form"
      aria-label="Record an experiment"
      onSubmit={(e) => {
        e.preventDefault()
        submit()
      }}
    >
      <Stack gap="sm">
        <Title order={3} size="h5">
          Record an experiment in {props.draft.stream}
        </Title>
        <SimpleGrid cols={{ base: 1, sm: 2 }}>
          <TextInput
            label="Name"
            required
            value={name}
            onChange={(e) => setName(e.currentTarget.value)}
          />
          <TextInput
            label="What changed"
            required
            value={change}
            onChange={(e) => setChange(e.currentTarget.value)}
          />
        </SimpleGrid>
        <Textarea
          label="Hypothesis"
          required
          autosize
          minRows={2}
          value={hypothesis}
          onChange={(e) => setHypothesis(e.currentTarget.value)}
        />
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <TextInput
            label="Change date"
            placeholder="YYYY-MM-DD"
            required
            value={changeDate}
            onChange={(e) => setChangeDate(e.currentTarget.value)}
          />
          <NumberInput
            label="Days before and after"
            min={1}
            max={730}
            value={days}
            onChange={setDays}
          />
          <Select
            label="Control stream"
            clearable
            data={props.streams.filter((s) => s !== props.draft.stream)}
            value={control}
            onChange={setControl}
          />
        </SimpleGrid>
        <SimpleGrid cols={{ base: 1, sm: 3 }}>
          <Select
            label="Target metric"
            data={[...EXPERIMENT_METRICS]}
            value={metric}
            onChange={setMetric}
            allowDeselect={false}
          />
          <Select
            label="Expected direction"
            data={[...EXPERIMENT_DIRECTIONS]}
            value={direction}
            onChange={setDirection}
            allowDeselect={false}
          />
          <NumberInput label="Expected change (%)" min={0} value={size} onChange={setSize} />
        </SimpleGrid>
        {save.error && (
          <Alert color="red" title="Not recorded" role="alert">
            {save.error.message}
          </Alert>
        )}
        <Group justify="flex-end">
          <Button
            type="submit"
            loading={save.isPending}
            disabled={!name || !hypothesis || !change || !changeDate}
          >
            Record experiment
          </Button>
        </Group>
      </Stack>
    </Card>
  )
}
