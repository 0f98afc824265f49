import { mkdtempSync, rmSync } from 'node:fs'
import { tmpdir } from 'node:os'
import { join } from 'node:path'
import { afterEach, describe, expect, test } from 'vitest'
import { openStore } from '../../store/open-store'
import type { WorkItemRecord } from '@openvmo/core'
import { startFakeJira } from '../../sources/jira/testing/fake-jira'
import { startFakeGitLab } from '../../sources/gitlab/testing/fake-gitlab-server'
import { startFakeAzureDevOps } from '../../sources/azure-devops/testing/fake-azure-devops-server'
import {
  FAKE_SERVICENOW_PASSWORD,
  FAKE_SERVICENOW_USER,
  startFakeServiceNow,
} from '../../sources/servicenow/testing/fake-servicenow-server'
import type { Store } from '../../store/store'
import { createPostgresTarget, TEST_DATABASE_URL } from '../../store/testing/store-test-targets'
import { spawnVmo } from '../../cli/testing/spawn-vmo'
import { addFakeJiraArgs } from '../../cli/testing/source-args'

/** A small seeded generator (Park–Miller), so a failing run can be replayed from its seed. */
/**
 * A fresh PostgreSQL schema and the `DATABASE_URL` that puts `vmo` in it; its removal is pushed
 * onto `cleanups`.
 */
export async function postgresSchemaTarget(cleanups: (() => Promise<void> | void)[]) {
  const target = await createPostgresTarget()
  cleanups.push(() => target.dispose())
  const url = new URL(TEST_DATABASE_URL)
  url.searchParams.set('options', `-c search_path=${target.schema}`)
  return { target, env: { DATABASE_URL: url.toString() } }
}

export function seeded(seed: number) {
  let state = seed % 2147483647 || 1
  return (min: number, max: number) => {
    state = (state * 48271) % 2147483647
    return min + (state % (max - min + 1))
  }
}

async function waitForRequests(count: () => number, target: number, exited: () => boolean) {
  while (count() < target && !exited()) await new Promise((resolve) => setTimeout(resolve, 5))
}

/** Everything a store holds of a source, to compare two stores exactly. */
export async function storeContents(store: Store, source: string) {
  const records: WorkItemRecord[] = []
  for await (const record of store.streamRecords({ sources: [source] })) records.push(record)
  const raw = await Promise.all(records.map((r) => store.findRawPayload(source, r.key)))
  return {
    records,
    raw,
    links: await Promise.all(records.map((r) => store.listLinks(source, r.key))),
  }
}

/** What {@link killAndResume} needs: the stores to run in and how `vmo` reaches them. */
export interface KillResumeTarget {
  /** Environment of `vmo` for the store under test and the reference store. */
  env: { killed: Record<string, string>; reference: Record<string, string> }
  /** `--db` arguments (SQLite) or none (PostgreSQL through `DATABASE_URL`). */
  args: { killed: string[]; reference: string[] }
  open(which: 'killed' | 'reference'): Promise<Store>
}

/** A fake tool to sync, and how `vmo source add` reaches it. */
export interface KillResumeTool {
  /** The source name `vmo source add` gives. */
  sourceName: string
  /** `vmo source add …` arguments, followed by `extra` (`--db`, `--no-test`). */
  addArgs(extra: readonly string[]): string[]
  /** The environment holding the token. */
  env: Record<string, string>
  /** Creates `count` items to sync. */
  createItems(count: number): Promise<unknown>
  requestLog(): readonly string[]
  close(): Promise<void>
}

/** A fake Jira Cloud (project PAY, pages of 5) as the tool of {@link killAndResume}. */
export async function jiraKillResumeTool(): Promise<KillResumeTool> {
  const fake = await startFakeJira({ deployment: 'cloud', sourceName: 'acme-jira', pageSize: 5 })
  return {
    sourceName: 'acme-jira',
    addArgs: (extra) => addFakeJiraArgs(fake, extra),
    env: { JIRA_TOKEN: fake.token },
    createItems: (count) => fake.createItems({ name: 'PAY', kind: 'project', value: 'PAY' }, count),
    requestLog: () => fake.requestLog(),
    close: () => fake.close(),
  }
}

/** A fake GitLab (group acme, pages of 5) as the tool of {@link killAndResume}. */
export async function gitLabKillResumeTool(): Promise<KillResumeTool> {
  const fake = await startFakeGitLab({ pageSize: 5 })
  const scope = (value: string) => ({ name: value, kind: 'project', value })
  return {
    sourceName: 'acme-gitlab',
    addArgs: (extra) => [
      ...['source', 'add', 'gitlab', '--name', 'acme-gitlab', '--url', fake.apiUrl],
      ...['--token-env', 'GITLAB_TOKEN', '--group', 'acme', ...extra],
    ],
    env: { GITLAB_TOKEN: fake.token },
    // issues in two projects and two merge requests closing some: count items in all
    async createItems(count) {
      const issues = await fake.createItems(scope('acme/pay'), count - Math.floor(count / 3))
      await fake.createItems(scope('acme/web'), Math.floor(count / 3) - 2)
      fake.createMergeRequest('acme/pay', { closes: issues.slice(0, 2) })
      fake.createMergeRequest('acme/web', { closes: issues.slice(2, 3) })
    },
    requestLog: () => fake.requestLog(),
    close: () => fake.close(),
  }
}

/** A fake ServiceNow (every default table, pages of 5) as the tool of {@link killAndResume}. */
export async function serviceNowKillResumeTool(): Promise<KillResumeTool> {
  const fake = await startFakeServiceNow({ pageSize: 5, sourceName: 'acme-snow' })
  return {
    sourceName: 'acme-snow',
    addArgs: (extra) => [
      ...['source', 'add', 'servicenow', '--name', 'acme-snow', '--url', fake.url],
      ...['--username', FAKE_SERVICENOW_USER, '--token-env', 'SN_PASSWORD', ...extra],
    ],
    env: { SN_PASSWORD: FAKE_SERVICENOW_PASSWORD },
    // incidents, problems and changes, and requests with their requested items: count in all
    async createItems(count) {
      const tables = ['incident', 'problem', 'change_request', 'sc_request']
      for (let i = 0; i < count; i += 2) {
        const table = tables[i % tables.length] ?? 'incident'
        const made = fake.createTask(table, { changes: i % 5 })
        if (i + 1 >= count) break
        const refs: Record<string, string> = {
          [table === 'sc_request' ? 'request' : 'parent']: made,
        }
        fake.createTask(table === 'sc_request' ? 'sc_req_item' : table, { changes: 2, refs })
      }
      return Promise.resolve()
    },
    requestLog: () => fake.requestLog(),
    close: () => fake.close(),
  }
}

/**
 * A fake Azure DevOps (projects Pay and Web, batches of 5, WIQL pages of 20) as the tool of
 * {@link killAndResume}; every third item of Pay is the child of the one before it.
 */
export async function azureDevOpsKillResumeTool(): Promise<KillResumeTool> {
  const fake = await startFakeAzureDevOps({ pageSize: 5, updatesPageSize: 2 })
  const scope = (value: string) => ({ name: value, kind: 'project', value })
  return {
    sourceName: 'acme-ado',
    addArgs: (extra) => [
      ...['source', 'add', 'azure-devops', '--name', 'acme-ado', '--url', fake.url],
      ...['--token-env', 'ADO_TOKEN', '--project', 'Pay', '--project', 'Web'],
      ...['--batch-size', '5', '--wiql-page-size', '20', ...extra],
    ],
    env: { ADO_TOKEN: fake.token },
    async createItems(count) {
      const pay = await fake.createItems(scope('Pay'), count - Math.floor(count / 3))
      await fake.createItems(scope('Web'), Math.floor(count / 3))
      for (let k = 2; k < pay.length; k += 3) fake.linkParent(pay[k] ?? '', pay[k - 1] ?? '')
    },
    requestLog: () => fake.requestLog(),
    close: () => fake.close(),
  }
}

/**
 * Syncs a fake tool (Jira unless `tool` says) with `vmo sync` processes killed with SIGKILL at `kills` random points (after
 * a random number of requests reached the fake), each followed by a new `vmo sync`, until one
 * finishes by itself; then syncs the same fake uninterrupted into a reference store, and
 * requires both stores to hold exactly the same items, changes, links and raw payloads.
 */
export async function killAndResume(
  target: KillResumeTarget,
  options: { kills: number; seed: number; tool?: () => Promise<KillResumeTool> },
) {
  const fake = await (options.tool ?? jiraKillResumeTool)()
  try {
    await fake.createItems(options.kills * 7)
    const add = (which: 'killed' | 'reference') =>
      spawnVmo(fake.addArgs(['--no-test', ...target.args[which]]), {
        env: { ...target.env[which], ...fake.env },
      }).exited
    expect(await add('killed')).toBe(0)
    expect(await add('reference')).toBe(0)
    const random = seeded(options.seed)
    const sync = (which: 'killed' | 'reference') =>
      spawnVmo(['sync', ...target.args[which]], {
        env: { ...target.env[which], ...fake.env },
      })
    let kills = 0
    const points: number[] = []
    for (let attempt = 0; attempt < options.kills * 3; attempt++) {
      const run = sync('killed')
      let done = false
      void run.exited.then(() => (done = true))
      if (kills < options.kills) {
        const after = random(4, 12)
        await waitForRequests(
          () => fake.requestLog().length,
          fake.requestLog().length + after,
          () => done,
        )
        if (!done) {
          run.child.kill('SIGKILL')
          kills++
          points.push(after)
          await run.exited
          continue
        }
      }
      const code = await run.exited
      expect(
        code,
        `seed ${options.seed}, kills after ${points.join(',')} requests: ${run.stderr()}`,
      ).toBe(0)
      if (kills >= options.kills) break
    }
    expect(kills).toBeGreaterThanOrEqual(options.kills)
    expect(await sync('reference').exited).toBe(0)
    const [killed, reference] = [await target.open('killed'), await target.open('reference')]
    try {
      const got = await storeContents(killed, fake.sourceName)
      const want = await storeContents(reference, fake.sourceName)
      expect(got.records.length).toBe(options.kills * 7)
      expect(got).toEqual(want)
    } finally {
      await killed.close()
      await reference.close()
    }
  } finally {
    await fake.close()
  }
}

/**
 * The kill-and-resume suite of one tool: {@link killAndResume} with 10 kills on SQLite (files in a
 * temporary folder) and on PostgreSQL (fresh schemas), with the seeds given.
 */
export function describeKillResume(
  name: string,
  tool: () => Promise<KillResumeTool>,
  seeds: { sqlite: number; postgres: number },
): void {
  const disposers: (() => Promise<void> | void)[] = []
  afterEach(async () => {
    for (const dispose of disposers.splice(0)) await dispose()
  })
  describe(`vmo sync of ${name} killed and resumed`, () => {
    test('on SQLite ends with exactly the store of an uninterrupted sync after 10 kills', async () => {
      const dir = mkdtempSync(join(tmpdir(), 'vmo-kill-'))
      disposers.push(() => rmSync(dir, { recursive: true, force: true }))
      const db = { killed: join(dir, 'killed.db'), reference: join(dir, 'reference.db') }
      await killAndResume(
        {
          env: { killed: {}, reference: {} },
          args: { killed: ['--db', db.killed], reference: ['--db', db.reference] },
          open: (which) => openStore({ db: db[which], mode: 'read-existing' }),
        },
        { kills: 10, seed: seeds.sqlite, tool },
      )
    }, 600_000)

    test('on PostgreSQL ends with exactly the store of an uninterrupted sync after 10 kills', async () => {
      const killed = await postgresSchemaTarget(disposers)
      const reference = await postgresSchemaTarget(disposers)
      await killAndResume(
        {
          env: { killed: killed.env, reference: reference.env },
          args: { killed: [], reference: [] },
          open: (which) => (which === 'killed' ? killed : reference).target.open(),
        },
        { kills: 10, seed: seeds.postgres, tool },
      )
    }, 600_000)
  })
}
