import { sql } from 'kysely'
import { expect } from 'vitest'
import { createFlowDataset, isVmoError } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import { canonicalRecordLine } from '../record-encoding'
import type { Store } from '../store'
import type { ContractCase } from './store-contract'
import {
  datasetToPlain,
  findRecord,
  makeFullRecord,
  makeRecord,
  makeRecords,
} from './store-test-records'

async function all(
  store: Store,
  filter?: Parameters<Store['streamRecords']>[0],
): Promise<WorkItemRecord[]> {
  const records: WorkItemRecord[] = []
  for await (const record of store.streamRecords(filter)) records.push(record)
  return records
}

function* failingAfter(
  records: readonly WorkItemRecord[],
  count: number,
): Iterable<WorkItemRecord> {
  yield* records.slice(0, count)
  throw new Error('reader failed midway')
}

/** Cases about importing and reading work items. */
export const recordCases: ContractCase[] = [
  {
    title: 'round-trips every field exactly when records are imported and streamed',
    async run({ store }) {
      const full = makeFullRecord()
      const bare = makeRecord({ key: 'PAY-2', labels: [], links: [], fields: {}, changes: [] })
      await store.importRecords([full, bare])
      expect(await all(store)).toEqual([full, bare])
      // Fields come back in the order of docs/importing.md ("NDJSON history"), so an export is canonical.
      expect(JSON.stringify(await findRecord(store, 'jira', 'PAY-123'))).toBe(
        canonicalRecordLine(full),
      )
      expect(await findRecord(store, 'jira', 'NOPE-1')).toBeUndefined()
    },
  },
  {
    title: 'streams by source then key when records come unordered',
    async run({ store }) {
      const keys = ['b:2', 'a:9', 'b:1', 'a:10', 'a:1']
      await store.importRecords(
        keys.map((k) => makeRecord({ source: k.split(':')[0], key: k.split(':')[1] })),
      )
      const streamed = (await all(store)).map((r) => `${r.source}:${r.key}`)
      expect(streamed).toEqual(['a:1', 'a:10', 'a:9', 'b:1', 'b:2'])
      expect((await all(store, { sources: ['b'] })).map((r) => r.key)).toEqual(['1', '2'])
      expect((await all(store, { keys: ['9', '2'] })).map((r) => r.key)).toEqual(['9', '2'])
    },
  },
  {
    title: 'changes nothing when the same records are imported twice',
    async run({ store }) {
      const records = [makeFullRecord(), ...makeRecords(30)]
      const first = await store.importRecords(records)
      expect(first).toEqual({ inserted: 31, updated: 0, unchanged: 0, changes: 5 + 40 })
      const counts = await store.countItems()
      const second = await store.importRecords(records)
      expect(second).toEqual({ inserted: 0, updated: 0, unchanged: 31, changes: 0 })
      expect(await store.countItems()).toEqual(counts)
      expect(await all(store)).toHaveLength(31)
    },
  },
  {
    title: 'replaces the stored record when a changed record is imported',
    async run({ store }) {
      await store.importRecords([makeFullRecord()])
      const changed = makeFullRecord({ status: 'Closed', links: [], changes: [] })
      expect(await store.importRecords([changed])).toEqual({
        inserted: 0,
        updated: 1,
        unchanged: 0,
        changes: 0,
      })
      expect(await all(store)).toEqual([changed])
      expect(await store.countItems()).toEqual({ items: 1, changes: 0, links: 0 })
    },
  },
  {
    title: 'keeps the last version when a key repeats within one import',
    async run({ store }) {
      const result = await store.importRecords([makeRecord(), makeRecord({ title: 'second' })])
      expect(result).toMatchObject({ inserted: 1, updated: 1 })
      expect((await findRecord(store, 'jira', 'PAY-1'))?.title).toBe('second')
    },
  },
  {
    title: 'leaves the store exactly as before when the input fails midway',
    async run({ store }) {
      await store.importRecords(makeRecords(5, 'OLD'))
      const before = { rows: await all(store), counts: await store.countItems() }
      const next = [...makeRecords(3000, 'NEW'), makeRecord({ key: 'OLD-00001', title: 'changed' })]
      await expect(store.importRecords(failingAfter(next, 2500))).rejects.toThrow(
        'reader failed midway',
      )
      const bad = [...next, makeRecord({ key: 'BAD-1', created: '2024-03-01 09:12' })]
      const error: unknown = await store.importRecords(bad).catch((e: unknown) => e)
      expect(isVmoError(error, 'INVALID_INPUT') && error.message).toContain('"BAD-1"')
      expect(await store.countItems()).toEqual(before.counts)
      expect(await all(store)).toEqual(before.rows)
      expect(await store.importRecords(next)).toMatchObject({ inserted: 3000, updated: 1 })
    },
  },
  {
    title: 'keeps raw payloads beside the records when asked to',
    async run({ store }) {
      await store.importRecords([makeRecord()], { rawPayloads: (r) => ({ fetched: r.key, n: 1 }) })
      expect(await store.findRawPayload('jira', 'PAY-1')).toEqual({ fetched: 'PAY-1', n: 1 })
      await store.putRawPayloads('github', 'acme/pay', [{ key: 'acme/pay#1', payload: { v: 2 } }])
      await store.putRawPayloads('github', 'acme/pay', [{ key: 'acme/pay#1', payload: { v: 3 } }])
      expect(await store.findRawPayload('github', 'acme/pay#1')).toEqual({ v: 3 })
      expect(await store.findRawPayload('github', 'none')).toBeUndefined()
    },
  },
  {
    title: 'lists links in both directions when items link across sources',
    async run({ store }) {
      await store.importRecords([makeFullRecord(), makeRecord({ key: 'PAY-130' })])
      const pr = makeRecord({
        source: 'github',
        key: 'acme/pay#45',
        links: [{ type: 'fixes', target: 'jira:PAY-130' }],
      })
      await store.importRecords([pr])
      expect(await store.listLinks('jira', 'PAY-123')).toEqual([
        { direction: 'outgoing', type: 'blocks', other: { source: 'jira', key: 'PAY-130' } },
        { direction: 'outgoing', type: 'relates', other: { source: 'github', key: 'acme/pay#45' } },
      ])
      expect(await store.listLinks('jira', 'PAY-130')).toEqual([
        { direction: 'incoming', type: 'fixes', other: { source: 'github', key: 'acme/pay#45' } },
        { direction: 'incoming', type: 'blocks', other: { source: 'jira', key: 'PAY-123' } },
      ])
      expect(await store.listLinks('github', 'acme/pay#45')).toEqual([
        { direction: 'outgoing', type: 'fixes', other: { source: 'jira', key: 'PAY-130' } },
        { direction: 'incoming', type: 'relates', other: { source: 'jira', key: 'PAY-123' } },
      ])
      const jira = (key: string) => ({ source: 'jira', key })
      expect(await store.listAllLinks()).toEqual([
        { from: { source: 'github', key: 'acme/pay#45' }, type: 'fixes', to: jira('PAY-130') },
        { from: jira('PAY-123'), type: 'blocks', to: jira('PAY-130') },
        { from: jira('PAY-123'), type: 'relates', to: { source: 'github', key: 'acme/pay#45' } },
      ])
    },
  },
  {
    title: 'loads the same flow dataset as the engine builds from the records',
    async run({ store }) {
      const records = [
        makeFullRecord(),
        ...makeRecords(12_000),
        makeRecord({ source: 'github', key: 'acme/pay#45', type: 'Bug' }),
        // text that COPY escapes (tab, newline, backslash, \N) and non-ASCII, in every kind of column
        makeRecord({
          key: 'ODD-1\tx',
          title: 'tab\there\nnew line \\ back\\slash \\N ünïcödé',
          url: 'https://x.example/a\\b',
          project: 'P\tQ',
          team: 'team\\N',
          labels: ['a\tb', '\\N'],
          parent: '\\N',
          fields: { note: 'line\none', path: 'C:\\tmp' },
          status: 'In\tProgress',
          changes: [
            { at: '2024-03-02T10:00:00Z', field: 'status', from: 'Back\\log', to: 'In\tProgress' },
          ],
        }),
      ]
      await store.importRecords(records)
      expect(datasetToPlain(await store.loadFlowDataset())).toEqual(
        datasetToPlain(createFlowDataset(records)),
      )
      const github = records.filter((r) => r.source === 'github')
      const loaded = await store.loadFlowDataset({ sources: ['github'] })
      expect(datasetToPlain(loaded)).toEqual(datasetToPlain(createFlowDataset(github)))
    },
  },
  {
    title: 'loads the same flow dataset when some rows have no packed events',
    async run({ store, target }) {
      const records = [makeFullRecord(), ...makeRecords(2500)]
      await store.importRecords(records)
      // Rows written outside the store have no packed events: their change rows are read instead.
      await target
        .raw()
        .updateTable('work_items')
        .set({ flow_events: null })
        .where(sql<boolean>`id % 3 = 0`)
        .execute()
      expect(datasetToPlain(await store.loadFlowDataset())).toEqual(
        datasetToPlain(createFlowDataset(records)),
      )
    },
  },
]
