import { expect } from 'vitest'
import { isVmoError } from '@openvmo/core'
import type { Store } from '../store'
import type { ContractCase } from './store-contract'

const yamlOf = (n: number) => `timezone: UTC\n# edit ${n}\n`

/** Saves each text at once, all expecting `expected`; the settled outcomes in order. */
function saveConcurrently(stores: readonly Store[], texts: readonly string[], expected?: number) {
  return Promise.allSettled(
    texts.map((yaml, i) =>
      (stores[i % stores.length] as Store).saveMappingVersion(yaml, { expectedVersion: expected }),
    ),
  )
}

async function expectContiguousVersions(store: Store, count: number) {
  expect((await store.findCurrentMapping())?.version).toBe(count)
  for (let version = 1; version <= count; version++) {
    expect((await store.getMappingVersion(version)).version).toBe(version)
  }
}

/** Cases about the versioned mapping file and its conditional saves. */
export const mappingCases: ContractCase[] = [
  {
    title: 'versions the mapping file and returns the current one',
    async run({ store }) {
      expect(await store.findCurrentMapping()).toBeUndefined()
      expect(await store.saveMappingVersion('timezone: UTC\n')).toBe(1)
      expect(await store.saveMappingVersion('timezone: UTC\n')).toBe(1)
      expect(await store.saveMappingVersion('timezone: Europe/Berlin\n')).toBe(2)
      expect(await store.findCurrentMapping()).toMatchObject({
        version: 2,
        yaml: 'timezone: Europe/Berlin\n',
      })
      expect((await store.getMappingVersion(1)).yaml).toBe('timezone: UTC\n')
      await expect(store.getMappingVersion(9)).rejects.toMatchObject({ code: 'NOT_FOUND' })
    },
  },
  {
    title: 'saves a mapping only when the version it expects is current',
    async run({ store }) {
      expect(await store.saveMappingVersion(yamlOf(1), { expectedVersion: 0 })).toBe(1)
      const stale: unknown = await store
        .saveMappingVersion(yamlOf(2), { expectedVersion: 0 })
        .catch((e: unknown) => e)
      expect(isVmoError(stale, 'CONFLICT')).toBe(true)
      expect((stale as Error).message).toBe(
        'the mapping is at version 1, not 0: reload it and apply the change again',
      )
      expect(await store.saveMappingVersion(yamlOf(2), { expectedVersion: 1 })).toBe(2)
      // the current text again is no change, whatever version the writer last saw
      expect(await store.saveMappingVersion(yamlOf(2), { expectedVersion: 1 })).toBe(2)
      await expectContiguousVersions(store, 2)
    },
  },
  {
    title: 'lets exactly one save win when several concurrent saves expect the same version',
    async run({ store, target }) {
      const other = await target.open()
      try {
        for (let round = 0; round < 5; round++) {
          const texts = Array.from({ length: 6 }, (_, i) => yamlOf(round * 10 + i))
          const outcomes = await saveConcurrently([store, other], texts, round)
          const won = outcomes.filter((o) => o.status === 'fulfilled')
          expect(won).toEqual([{ status: 'fulfilled', value: round + 1 }])
          for (const o of outcomes.filter((o) => o.status === 'rejected')) {
            expect(isVmoError(o.reason, 'CONFLICT'), String(o.reason)).toBe(true)
          }
        }
        await expectContiguousVersions(store, 5)
      } finally {
        await other.close()
      }
    },
  },
  {
    title: 'gives each save its own version when several unconditional saves run at once',
    async run({ store, target }) {
      const other = await target.open()
      try {
        const texts = Array.from({ length: 6 }, (_, i) => yamlOf(i))
        const outcomes = await saveConcurrently([store, other], texts)
        const versions = outcomes.map((o) => (o.status === 'fulfilled' ? o.value : o.reason))
        expect([...versions].sort()).toEqual([1, 2, 3, 4, 5, 6])
        await expectContiguousVersions(store, 6)
      } finally {
        await other.close()
      }
    },
  },
]
