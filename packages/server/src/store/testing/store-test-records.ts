import type { FlowDataset, WorkItemRecord } from '@openvmo/core'
import type { Store } from '../store'
import type { MigrationDb } from '../migrations/migration-helpers'

/** A minimal valid record (`jira`/`PAY-1`, one status change) with `overrides` applied. */
export function makeRecord(overrides: Partial<WorkItemRecord> = {}): WorkItemRecord {
  return {
    source: 'jira',
    key: 'PAY-1',
    type: 'Story',
    created: '2024-03-01T09:12:00Z',
    status: 'In Progress',
    changes: [{ at: '2024-03-02T10:00:00Z', field: 'status', from: 'Backlog', to: 'In Progress' }],
    ...overrides,
  }
}

/** A record using every field of docs/importing.md ("NDJSON history"), with unsorted changes and mixed offsets. */
export function makeFullRecord(overrides: Partial<WorkItemRecord> = {}): WorkItemRecord {
  return makeRecord({
    key: 'PAY-123',
    id: '10042',
    url: 'https://jira.example.com/browse/PAY-123',
    project: 'PAY',
    title: 'Refund button 100% ready_ish',
    created: '2024-03-01T09:12:00.250+0100',
    status: 'Done',
    team: 'payments',
    labels: ['web', 'security'],
    parent: 'PAY-100',
    links: [
      { type: 'blocks', target: 'PAY-130' },
      { type: 'relates', target: 'github:acme/pay#45' },
    ],
    resolved: '2024-03-05T08:00:00Z',
    fields: { priority: 'High', points: 3, nested: { a: [1, null] } },
    changes: [
      { at: '2024-03-05T08:00:00Z', field: 'status', from: 'In Progress', to: 'Done' },
      { at: '2024-03-02T10:00:00Z', field: 'status', from: 'Backlog', to: 'In Progress' },
      { at: '2024-03-04T16:30:00+01:00', field: 'type', from: 'Bug', to: 'Story' },
      { at: '2024-03-03T00:00:00Z', field: 'assignee', from: null, to: 'ann' },
      { at: '2024-03-03T01:00:00Z', field: 'team', from: 'core', to: null },
    ],
    ...overrides,
  })
}

/** `count` records `<prefix>-1..count` with a few status changes each, for bulk tests. */
export function makeRecords(count: number, prefix = 'BULK'): WorkItemRecord[] {
  return Array.from({ length: count }, (_, i) =>
    makeRecord({
      key: `${prefix}-${String(i + 1).padStart(5, '0')}`,
      title: `bulk item ${i + 1}`,
      status: i % 3 === 0 ? 'Done' : 'In Progress',
      changes: [
        { at: '2024-03-02T10:00:00Z', field: 'status', from: 'Backlog', to: 'In Progress' },
        ...(i % 3 === 0
          ? [{ at: '2024-03-06T10:00:00Z', field: 'status', from: 'In Progress', to: 'Done' }]
          : []),
      ],
    }),
  )
}

/** A dataset as plain values (dictionaries as value lists, typed arrays as arrays) for `toEqual`. */
export function datasetToPlain(dataset: FlowDataset): Record<string, unknown> {
  const plain: Record<string, unknown> = {}
  for (const [name, value] of Object.entries(dataset)) {
    if (ArrayBuffer.isView(value)) plain[name] = Array.from(value as unknown as ArrayLike<number>)
    else if (value && typeof value === 'object' && 'values' in value && 'intern' in value)
      plain[name] = [...value.values]
    else plain[name] = value
  }
  return plain
}

/** The stored record of (source, key), read through `streamRecords`, or undefined. */
export async function findRecord(
  store: Pick<Store, 'streamRecords'>,
  source: string,
  key: string,
): Promise<WorkItemRecord | undefined> {
  for await (const record of store.streamRecords({ sources: [source], keys: [key] })) {
    if (record.source === source && record.key === key) return record
  }
  return undefined
}

/** The schema version a store records (`openvmo_meta.schema_version`), through a raw handle. */
export async function schemaVersionOf(raw: MigrationDb): Promise<number> {
  const row = (await raw
    .selectFrom('openvmo_meta')
    .select('value')
    .where('key', '=', 'schema_version')
    .executeTakeFirst()) as { value: string } | undefined
  return row ? Number(row.value) : 0
}
