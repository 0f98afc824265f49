import { expect } from 'vitest'
import { sql } from 'kysely'
import { createStoreMigrator } from '../migrations/migrations'
import type { ContractCase } from './store-contract'

const state = (by: string, dataVersion: number) => ({
  computedAt: '2024-04-01T00:00:00.000Z',
  asOf: '2024-04-01T00:00:00.000Z',
  mappingVersion: 1,
  dataVersion,
  itemsChecked: 10,
  by,
})

/** Cases about the per-item data-quality findings (migration 0008). */
export const findingCases: ContractCase[] = [
  {
    title: 'stores findings per item, replaces them whole and reads them per item',
    async run({ store }) {
      expect(await store.findFindingsState()).toBeUndefined()
      expect(await store.listItemFindings()).toEqual([])
      const version = await store.dataVersion()
      await store.replaceItemFindings(
        [
          { source: 'jira', key: 'b', flags: ['bulk_close'] },
          { source: 'jira', key: 'B', flags: ['no_status_history', 'closed_without_resolution'] },
          { source: 'csv', key: 'x-1', flags: ['resolved_before_created'] },
        ],
        state('import', 3),
      )
      // byte order: "B" before "b", "csv" before "jira"
      expect((await store.listItemFindings()).map((f) => `${f.source}:${f.key}`)).toEqual([
        'csv:x-1',
        'jira:B',
        'jira:b',
      ])
      expect(await store.listItemFindings({ source: 'jira', key: 'B' })).toEqual([
        { source: 'jira', key: 'B', flags: ['no_status_history', 'closed_without_resolution'] },
      ])
      expect(await store.listItemFindings({ source: 'csv' })).toHaveLength(1)
      expect(await store.findFindingsState()).toEqual(state('import', 3))
      expect(await store.dataVersion()).toBe(version)
      const many = Array.from({ length: 4500 }, (_, i) => ({
        source: 'jira',
        key: `K-${String(i).padStart(5, '0')}`,
        flags: ['bulk_close'],
      }))
      await store.replaceItemFindings(many, state('sync', 4))
      const listed = await store.listItemFindings()
      expect(listed).toHaveLength(4500)
      expect(listed[4499]).toEqual(many[4499])
      expect(await store.listItemFindings({ source: 'csv' })).toEqual([])
      expect((await store.findFindingsState())?.by).toBe('sync')
    },
  },
  {
    title: 'migrates the findings table down and up again',
    async run(context) {
      const { target } = context
      await context.store.replaceItemFindings(
        [{ source: 'jira', key: 'A', flags: ['bulk_close'] }],
        state('import', 1),
      )
      await context.store.close()
      const migrator = await createStoreMigrator(target.raw())
      expect((await migrator.migrateTo('2026_12_06_0007_add_sync_state')).error).toBeUndefined()
      await expect(sql`select * from item_findings`.execute(target.raw())).rejects.toThrow()
      const meta = await sql<{ key: string }>`select key from openvmo_meta`.execute(target.raw())
      expect(meta.rows.map((r) => r.key)).not.toContain('findings_state')
      context.store = await target.open()
      expect(await context.store.listItemFindings()).toEqual([])
      expect(await context.store.findFindingsState()).toBeUndefined()
    },
  },
]
