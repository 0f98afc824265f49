import { sql } from 'kysely'
import { expect } from 'vitest'
import { createFlowDataset, isVmoError, parseInstant } from '@openvmo/core'
import type { WorkItemRecord } from '@openvmo/core'
import type { MigrationDb } from '../migrations/migration-helpers'
import { createStoreMigrator, SCHEMA_VERSION } from '../migrations/migrations'
import type { ContractCase } from './store-contract'
import {
  datasetToPlain,
  findRecord,
  makeFullRecord,
  makeRecord,
  makeRecords,
  schemaVersionOf,
} from './store-test-records'

const V1 = '2026_11_25_0001_create_core_tables'
const V2 = '2026_11_25_0002_add_content_hash'
const V4 = '2026_11_25_0004_drop_child_foreign_keys_on_postgres'

async function flowEventsById(db: MigrationDb): Promise<Map<number, string | null>> {
  const rows = (await db
    .selectFrom('work_items')
    .select(['id', 'flow_events'])
    .orderBy('id')
    .execute()) as { id: number; flow_events: string | null }[]
  return new Map(rows.map((row) => [Number(row.id), row.flow_events]))
}

/** Writes `records` as a version-2 build did: item and change rows, no packed events. */
async function insertVersion2Rows(db: MigrationDb, records: readonly WorkItemRecord[]) {
  await db
    .insertInto('sources')
    .values({ name: 'jira', kind: null, created_at: '2026-01-01T00:00:00Z' })
    .execute()
  const items = records.map((r, index) => ({
    id: index + 1,
    source_id: 1,
    key: r.key,
    external_id: r.id ?? null,
    url: r.url ?? null,
    project: r.project ?? null,
    type: r.type,
    title: r.title ?? null,
    created: r.created,
    created_ms: parseInstant(r.created),
    status: r.status,
    team: r.team ?? null,
    labels_json: r.labels ? JSON.stringify(r.labels) : null,
    parent: r.parent ?? null,
    resolved: r.resolved ?? null,
    resolved_ms: r.resolved ? parseInstant(r.resolved) : null,
    fields_json: r.fields ? JSON.stringify(r.fields) : null,
    link_count: null,
    content_hash: null,
  }))
  const changes = records.flatMap((r, index) =>
    r.changes.map((c, ordinal) => ({
      item_id: index + 1,
      ordinal,
      at: c.at,
      at_ms: parseInstant(c.at),
      field: c.field,
      from_value: c.from,
      to_value: c.to,
    })),
  )
  for (let at = 0; at < items.length; at += 500)
    await db
      .insertInto('work_items')
      .values(items.slice(at, at + 500))
      .execute()
  for (let at = 0; at < changes.length; at += 1000)
    await db
      .insertInto('work_item_changes')
      .values(changes.slice(at, at + 1000))
      .execute()
}

/** Cases about sources, model, sync state, schema versions and migrations. */
export const adminCases: ContractCase[] = [
  {
    title: 'raises the data version on every change metrics see, and not on a no-op import',
    async run({ store }) {
      const records = makeRecords(3)
      const start = await store.dataVersion()
      await store.importRecords(records)
      const afterImport = await store.dataVersion()
      expect(afterImport).toBeGreaterThan(start)
      await store.importRecords(records)
      expect(await store.dataVersion()).toBe(afterImport)
      await store.importRecords(records.slice(0, 1).map((r) => ({ ...r, title: 'renamed' })))
      const afterUpdate = await store.dataVersion()
      expect(afterUpdate).toBeGreaterThan(afterImport)
      await store.replaceBusinessResults([
        { stream: 'Payments', metric: 'cost', date: '2026-01-01', value: 1 },
      ])
      expect(await store.dataVersion()).toBeGreaterThan(afterUpdate)
    },
  },
  {
    title: 'lists sources with scopes and item counts',
    async run({ store }) {
      const scope = (name: string) => ({ name, kind: 'project', value: name })
      await store.saveSource({ name: 'jira', kind: 'jira', config: {}, scopes: [scope('OPS')] })
      await store.saveSource({
        name: 'jira',
        kind: 'jira',
        config: {},
        scopes: [scope('PAY'), scope('OPS')],
      })
      await store.importRecords([
        makeRecord(),
        makeRecord({ key: 'PAY-2' }),
        makeRecord({ source: 'csv' }),
      ])
      expect(await store.listSources()).toEqual([
        { name: 'csv', scopes: [], itemCount: 1 },
        { name: 'jira', kind: 'jira', scopes: ['OPS', 'PAY'], itemCount: 2 },
      ])
    },
  },
  {
    title: 'records sync runs and resumes from the stored cursor',
    async run({ store }) {
      expect(await store.findCursor('jira', 'PAY')).toBeUndefined()
      const id = await store.startSyncRun('jira')
      await store.setCursor('jira', 'PAY', '2024-03-01T00:00:00Z')
      await store.setCursor('jira', 'PAY', '2024-03-02T00:00:00Z')
      await store.finishSyncRun(id, 'succeeded', { fetched: 12 })
      expect(await store.findCursor('jira', 'PAY')).toBe('2024-03-02T00:00:00Z')
      expect(await store.findCursor('jira', 'OPS')).toBeUndefined()
      const runs = await store.listSyncRuns('jira')
      expect(runs).toMatchObject([
        { id, source: 'jira', outcome: 'succeeded', details: { fetched: 12 } },
      ])
      expect(runs[0]?.finishedAt).toBeDefined()
      await expect(store.finishSyncRun(id + 100, 'failed')).rejects.toMatchObject({
        code: 'NOT_FOUND',
      })
    },
  },
  {
    title: 'replaces the model and business results',
    async run({ store }) {
      const stream = { name: 'Payments', definition: { match: { project: ['PAY'] } } }
      await store.replaceModel({
        valueStreams: [stream],
        products: [],
        teams: [{ name: 'core', definition: {} }],
      })
      await store.replaceModel({
        valueStreams: [stream],
        products: [{ name: 'Pay', definition: { a: 1 } }],
        teams: [],
      })
      expect(await store.listValueStreams()).toEqual([stream])
      expect(await store.listProducts()).toEqual([{ name: 'Pay', definition: { a: 1 } }])
      expect(await store.listTeams()).toEqual([])
      const point = (metric: string, date: string, value: number) => ({
        stream: 'Payments',
        metric,
        date,
        value,
      })
      await store.replaceBusinessResults([
        point('cost', '2024-01-01', 9),
        { ...point('cost', '2024-01-01', 1), stream: 'Ops' },
      ])
      await store.replaceBusinessResults([
        point('value', '2024-02-01', 2.5),
        point('cost', '2024-01-01', 10),
      ])
      expect(await store.listBusinessResults('Payments')).toEqual([
        point('cost', '2024-01-01', 10),
        point('value', '2024-02-01', 2.5),
      ])
      expect(await store.listBusinessResults('Ops')).toHaveLength(1)
    },
  },
  {
    title: 'refuses a store written by a newer openvmo',
    async run({ target }) {
      expect(await schemaVersionOf(target.raw())).toBe(SCHEMA_VERSION)
      await sql`update openvmo_meta set value = ${String(SCHEMA_VERSION + 1)} where key = 'schema_version'`.execute(
        target.raw(),
      )
      const error: unknown = await target.open().catch((e: unknown) => e)
      expect(isVmoError(error, 'STORE_VERSION_UNSUPPORTED')).toBe(true)
      expect((error as Error).message).toContain(
        `schema ${SCHEMA_VERSION + 1}, this build knows up to ${SCHEMA_VERSION}`,
      )
      await sql`update openvmo_meta set value = '1' where key = 'schema_version'`.execute(
        target.raw(),
      )
      await sql`insert into kysely_migration (name, timestamp) values ('2099_01_01_0001_future', '2099')`.execute(
        target.raw(),
      )
      await expect(target.open()).rejects.toMatchObject({ code: 'STORE_VERSION_UNSUPPORTED' })
    },
  },
  {
    title: 'backfills the packed flow events when a version-2 store is migrated',
    async run(context) {
      const target = context.target
      await context.store.close()
      expect((await (await createStoreMigrator(target.raw())).migrateTo(V2)).error).toBeUndefined()
      const records = [makeFullRecord({ links: undefined }), ...makeRecords(2100)]
      await insertVersion2Rows(target.raw(), records)
      context.store = await target.open()
      expect(await schemaVersionOf(target.raw())).toBe(SCHEMA_VERSION)
      const { rows } = await sql<{ n: number | string }>`
        select count(*) as n from work_items where flow_events is null`.execute(target.raw())
      expect(Number(rows[0]?.n)).toBe(0)
      expect(datasetToPlain(await context.store.loadFlowDataset())).toEqual(
        datasetToPlain(createFlowDataset(records)),
      )
    },
  },
  {
    title: 'repacks version-4 flow events as numbers and back, loading the same dataset',
    async run(context) {
      const target = context.target
      await context.store.close()
      const migrator = await createStoreMigrator(target.raw())
      expect((await migrator.migrateTo(V2)).error).toBeUndefined()
      const records = [
        makeFullRecord({ links: undefined }),
        ...makeRecords(30),
        makeRecord({ key: 'PAY-NONE', changes: [] }),
      ]
      await insertVersion2Rows(target.raw(), records)
      expect((await migrator.migrateTo(V4)).error).toBeUndefined()
      const version4 = await flowEventsById(target.raw())
      // version 4 keeps each instant's text: `[0,"2024-03-02T10:00:00Z","Backlog",…]`
      expect(version4.get(2)).toMatch(/^\[0,"2024-03-02T10:00:00Z","Backlog","In Progress"/)
      context.store = await target.open()
      const repacked = await flowEventsById(target.raw())
      expect(
        [...repacked.values()].every((text) => /^\[(-?\d+(,-?\d+)*)?\]$/.test(text ?? '')),
      ).toBe(true)
      expect(datasetToPlain(await context.store.loadFlowDataset())).toEqual(
        datasetToPlain(createFlowDataset(records)),
      )
      expect((await migrator.migrateTo(V4)).error).toBeUndefined()
      expect(await flowEventsById(target.raw())).toEqual(version4)
      await expect(sql`select id from flow_values`.execute(target.raw())).rejects.toThrow()
    },
  },
  {
    title: 'keeps every change queryable in SQL through the work_item_changes view',
    async run({ store, target }) {
      const record = makeFullRecord()
      await store.importRecords([record, makeRecord({ key: 'PAY-EMPTY', changes: [] })])
      const rows = await target
        .raw()
        .selectFrom('work_item_changes as c')
        .innerJoin('work_items as w', 'w.id', 'c.item_id')
        .select(['w.key', 'c.ordinal', 'c.at', 'c.field', 'c.from_value', 'c.to_value'])
        .orderBy('w.key')
        .orderBy('c.ordinal')
        .execute()
      expect(rows.map((row) => ({ ...row, ordinal: Number(row.ordinal) }))).toEqual(
        record.changes.map((c, ordinal) => ({
          key: record.key,
          ordinal,
          at: c.at,
          field: c.field,
          from_value: c.from,
          to_value: c.to,
        })),
      )
      expect(await store.countItems()).toMatchObject({ items: 2, changes: record.changes.length })
    },
  },
  {
    title: 'keeps every row when migrating up, down and up again',
    async run(context) {
      const target = context.target
      await context.store.close()
      const migrator = await createStoreMigrator(target.raw())
      expect((await migrator.migrateTo(V1)).error).toBeUndefined()
      const old = await target.open({ migrate: false })
      context.store = old
      expect(await schemaVersionOf(target.raw())).toBe(1)
      // Rows written by a version-1 build: no content_hash column exists yet.
      await expect(sql`select content_hash from work_items`.execute(target.raw())).rejects.toThrow()
      await target
        .raw()
        .insertInto('sources')
        .values({ name: 'jira', kind: null, created_at: '2026-01-01T00:00:00Z' })
        .execute()
      const v1Item = {
        source_id: 1,
        key: 'PAY-1',
        type: 'Story',
        created: '2024-03-01T09:12:00Z',
        created_ms: 1709284320000,
        status: 'Done',
        link_count: null,
      }
      await target.raw().insertInto('work_items').values(v1Item).execute()
      const change = {
        item_id: 1,
        ordinal: 0,
        at: '2024-03-02T10:00:00Z',
        at_ms: 1709373600000,
        field: 'status',
        from_value: 'Backlog',
        to_value: 'Done',
      }
      await target.raw().insertInto('work_item_changes').values(change).execute()
      expect(await old.migrate()).toBe(SCHEMA_VERSION)
      const expected = makeRecord({
        status: 'Done',
        changes: [{ at: change.at, field: 'status', from: 'Backlog', to: 'Done' }],
      })
      expect(await findRecord(old, 'jira', 'PAY-1')).toEqual(expected)
      expect((await migrator.migrateTo(V1)).error).toBeUndefined()
      expect(await schemaVersionOf(target.raw())).toBe(1)
      // back at version 1, the change is a row of the work_item_changes table again
      const rowsNow = async (table: string) =>
        Number(
          (
            await sql<{
              n: number | string
            }>`select count(*) as n from ${sql.table(table)}`.execute(target.raw())
          ).rows[0]?.n,
        )
      expect([await rowsNow('work_items'), await rowsNow('work_item_changes')]).toEqual([1, 1])
      expect(
        (await target.raw().selectFrom('work_item_changes').selectAll().execute()).map((row) => ({
          ...row,
          at_ms: Number(row.at_ms),
        })),
      ).toEqual([change])
      expect((await migrator.migrateToLatest()).error).toBeUndefined()
      expect(await old.importRecords([expected, makeFullRecord()])).toMatchObject({
        inserted: 1,
        updated: 1,
      })
      expect(await old.importRecords([expected])).toMatchObject({ unchanged: 1 })
    },
  },
]
