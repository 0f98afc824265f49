import { useState } from 'react'
import {
  ActionIcon,
  Button,
  Card,
  Group,
  List,
  MultiSelect,
  Select,
  SimpleGrid,
  Text,
  TextInput,
  Title,
} from '@mantine/core'
import { IconPlus, IconTrash } from '@tabler/icons-react'
import { FLOW_ITEM_MAPPINGS, FLOW_STATES } from '@openvmo/core'
import type { FlowItemMapping, FlowState } from '@openvmo/core'
import type { MappingSuggestionResponse } from '../../api/types'
import { formatCount } from '../../format/numbers'
import type { RuleDraft, StreamDraft } from './mapping-model'
import { conditionWords, ruleEffectWords } from './mapping-model'

type Fields = MappingSuggestionResponse['fields']

/** A field of the items and the values it must have (one condition). */
function ConditionPicker(props: {
  fields: Fields
  label: string
  field: string | null
  values: string[]
  onChange: (field: string | null, values: string[]) => void
}) {
  const picked = props.fields.find((f) => f.name === props.field)
  const valueOptions = (picked?.values ?? []).map((v) => ({
    value: v.value,
    label: `${v.value} (${formatCount(v.items)})`,
  }))
  return (
    <>
      <Select
        size="xs"
        label={`${props.label}: field`}
        placeholder="pick a field"
        data={props.fields.map((f) => f.name)}
        value={props.field}
        onChange={(field) => props.onChange(field, [])}
        searchable
        nothingFoundMessage="No such field in the data"
      />
      <MultiSelect
        size="xs"
        label={`${props.label}: is one of`}
        placeholder={picked ? 'pick values' : 'field first'}
        data={valueOptions}
        value={props.values}
        onChange={(values) => props.onChange(props.field, values)}
        searchable
        disabled={!picked}
        nothingFoundMessage="No such value"
      />
    </>
  )
}

function RemoveButton(props: { label: string; onClick: () => void }) {
  return (
    <ActionIcon variant="subtle" color="red" aria-label={props.label} onClick={props.onClick}>
      <IconTrash size={16} aria-hidden />
    </ActionIcon>
  )
}

/** The value streams: which items each holds, by the fields of the data. */
export function StreamsSection(props: {
  streams: readonly StreamDraft[]
  fields: Fields
  onChange: (streams: StreamDraft[]) => void
}) {
  const [name, setName] = useState('')
  const [field, setField] = useState<string | null>(null)
  const [values, setValues] = useState<string[]>([])
  const taken = props.streams.some((s) => s.name.toLowerCase() === name.trim().toLowerCase())
  const ready = name.trim() !== '' && !taken && field !== null && values.length > 0
  const add = () => {
    if (!ready || field === null) return
    props.onChange([...props.streams, { name: name.trim(), match: { [field]: values }, extra: {} }])
    setName('')
    setField(null)
    setValues([])
  }
  return (
    <Card withBorder radius="md" padding="md" data-testid="value-streams">
      <Title order={3} size="h5" mb={4}>
        Value streams
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        Each stream holds the items whose field has one of the values; an item may be in several.
        Without streams, every figure covers all items.
      </Text>
      {props.streams.length > 0 && (
        <List size="sm" mb="sm" spacing={4}>
          {props.streams.map((s, i) => (
            <List.Item key={s.name}>
              <Group gap={4} wrap="nowrap" align="flex-start">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  <b>{s.name}</b>: {conditionWords(s.match)}
                </Text>
                <RemoveButton
                  label={`Remove value stream ${s.name}`}
                  onClick={() => props.onChange(props.streams.filter((_, k) => k !== i))}
                />
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <SimpleGrid cols={{ base: 1, sm: 3 }} spacing="xs">
        <TextInput
          size="xs"
          label="Stream name"
          placeholder="Payments"
          value={name}
          onChange={(e) => setName(e.currentTarget.value)}
          error={taken ? 'a stream of that name exists' : undefined}
        />
        <ConditionPicker
          fields={props.fields}
          label="Stream"
          field={field}
          values={values}
          onChange={(f, v) => {
            setField(f)
            setValues(v)
          }}
        />
      </SimpleGrid>
      <Group mt="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          disabled={!ready}
          onClick={add}
        >
          Add value stream
        </Button>
      </Group>
    </Card>
  )
}

/** Rules on the items' fields: another flow item, or other flow states for some tool states. */
export function RulesSection(props: {
  rules: readonly RuleDraft[]
  fields: Fields
  statuses: readonly string[]
  onChange: (rules: RuleDraft[]) => void
}) {
  const [field, setField] = useState<string | null>(null)
  const [values, setValues] = useState<string[]>([])
  const [flowItem, setFlowItem] = useState<FlowItemMapping | null>(null)
  const [states, setStates] = useState<string[]>([])
  const [flowState, setFlowState] = useState<FlowState | null>(null)
  const overridesStates = states.length > 0 && flowState !== null
  const ready = field !== null && values.length > 0 && (flowItem !== null || overridesStates)
  const add = () => {
    if (!ready || field === null) return
    const rule: RuleDraft = { when: { [field]: values } }
    if (flowItem) rule.flowItem = flowItem
    if (overridesStates && flowState)
      rule.states = Object.fromEntries(states.map((s) => [s, flowState]))
    props.onChange([...props.rules, rule])
    setField(null)
    setValues([])
    setFlowItem(null)
    setStates([])
    setFlowState(null)
  }
  return (
    <Card withBorder radius="md" padding="md" data-testid="mapping-rules">
      <Title order={3} size="h5" mb={4}>
        Rules
      </Title>
      <Text size="sm" c="dimmed" mb="xs">
        For items whose field has one of the values: another flow item (security labels → risk), or
        other flow states for some tool states (resolution Won&apos;t Fix: Closed → canceled). The
        first matching rule wins.
      </Text>
      {props.rules.length > 0 && (
        <List size="sm" mb="sm" spacing={4} type="ordered">
          {props.rules.map((rule, i) => (
            <List.Item key={`${conditionWords(rule.when)}:${ruleEffectWords(rule)}`}>
              <Group gap={4} wrap="nowrap" align="flex-start">
                <Text size="sm" style={{ overflowWrap: 'anywhere' }}>
                  When {conditionWords(rule.when)}: {ruleEffectWords(rule)}
                </Text>
                <RemoveButton
                  label={`Remove rule ${i + 1}`}
                  onClick={() => props.onChange(props.rules.filter((_, k) => k !== i))}
                />
              </Group>
            </List.Item>
          ))}
        </List>
      )}
      <SimpleGrid cols={{ base: 1, sm: 2, md: 5 }} spacing="xs">
        <ConditionPicker
          fields={props.fields}
          label="Rule"
          field={field}
          values={values}
          onChange={(f, v) => {
            setField(f)
            setValues(v)
          }}
        />
        <Select
          size="xs"
          label="Then flow item"
          placeholder="unchanged"
          data={[...FLOW_ITEM_MAPPINGS]}
          value={flowItem}
          onChange={(v) => setFlowItem(v as FlowItemMapping | null)}
          clearable
        />
        <MultiSelect
          size="xs"
          label="And tool states"
          placeholder="pick states"
          data={[...props.statuses]}
          value={states}
          onChange={setStates}
          searchable
        />
        <Select
          size="xs"
          label="Become flow state"
          placeholder="unchanged"
          data={[...FLOW_STATES]}
          value={flowState}
          onChange={(v) => setFlowState(v as FlowState | null)}
          clearable
        />
      </SimpleGrid>
      <Group mt="xs">
        <Button
          size="xs"
          variant="light"
          leftSection={<IconPlus size={14} aria-hidden />}
          disabled={!ready}
          onClick={add}
        >
          Add rule
        </Button>
      </Group>
    </Card>
  )
}
