import { Button, Group, SimpleGrid, Stack, Text, TextInput } from '@mantine/core'
import { useState } from 'react'
import { useSearchParams } from 'react-router'
import { useSetForecastQuery } from '../../api/queries/use-set-forecast-query'
import type { ItemSetParams } from '../../api/queries/use-set-forecast-query'
import { SetBurnUpChart } from '../../charts/SetBurnUpChart'
import { LoadingPanel } from '../../components/LoadingPanel'
import { PageHeader } from '../PageHeader'
import { scopeParams } from '../../api/scope-query'
import { useFilters } from '../../state/use-filters'
import { ForecastCard } from './ForecastCard'

const FIELDS = [
  ['keys', 'Keys', 'PAY-1, PAY-2'],
  ['epic', 'Epic', 'PAY-1831'],
  ['fixVersion', 'Fix version', '2.4'],
  ['label', 'Label', 'i18n'],
  ['q', 'Query', 'text in key, title or fields'],
] as const

/** "When will these items be done?": a set by keys, epic, fix version, label or query. */
export default function SetForecastPage() {
  const [search, setSearch] = useSearchParams()
  const params: ItemSetParams = Object.fromEntries(
    FIELDS.map(([name]) => [name, search.get(name) ?? undefined]),
  )
  const [draft, setDraft] = useState<ItemSetParams>(params)
  const { filters } = useFilters()
  const query = useSetForecastQuery({ ...params, asOf: scopeParams(filters).asOf })
  // The set's fields replace the previous set's; the global filters (the as-of date) stay.
  const submit = () =>
    setSearch((current) => {
      const next = new URLSearchParams(current)
      for (const [name] of FIELDS) {
        const value = draft[name]
        if (value) next.set(name, value)
        else next.delete(name)
      }
      return next
    })
  return (
    <>
      <PageHeader
        title="When will these be done?"
        subtitle="A set of items by keys, epic, fix version, label or query: the date its open work is done, what it waits on, and its burn-up."
      />
      <form
        onSubmit={(event) => {
          event.preventDefault()
          submit()
        }}
      >
        <Group align="end" mb="md">
          {FIELDS.map(([name, label, placeholder]) => (
            <TextInput
              key={name}
              label={label}
              placeholder={placeholder}
              value={draft[name] ?? ''}
              onChange={(event) => setDraft({ ...draft, [name]: event.currentTarget.value })}
            />
          ))}
          <Button type="submit">Forecast the set</Button>
        </Group>
      </form>
      {FIELDS.some(([name]) => Boolean(params[name])) && (
        <LoadingPanel {...query} height={360}>
          {query.data && (
            <Stack gap="md">
              <Text size="sm" data-testid="set-summary">
                {query.data.set.matched} {query.data.set.matched === 1 ? 'item' : 'items'}:{' '}
                {query.data.set.open} open, {query.data.set.done} done
              </Text>
              <SimpleGrid cols={{ base: 1, lg: 2 }}>
                <ForecastCard forecast={query.data.forecast} ended={false} />
                <SetBurnUpChart burnUp={query.data.burnUp} />
              </SimpleGrid>
            </Stack>
          )}
        </LoadingPanel>
      )}
    </>
  )
}
