import { readFileSync } from 'node:fs'
import { Ajv } from 'ajv'
import type { ValidateFunction } from 'ajv'
import addFormatsModule from 'ajv-formats'
import { afterAll, beforeAll, describe, expect, test } from 'vitest'
import { sharedDataPath } from '../../../../test/shared-data'
import { closeItem } from './fake-github-model'
import { startFakeGitHub } from './fake-github-server'
import type { FakeGitHub } from './fake-github-server'

// GitHub's own OpenAPI description (the issues, pulls and search subset)
const spec = JSON.parse(
  readFileSync(
    sharedDataPath('github-rest-api-fixtures/openapi/api.github.com.issues-projects-subset.json'),
    'utf8',
  ),
) as {
  paths: Record<
    string,
    Record<string, { responses: Record<string, { content?: Record<string, { schema: object }> }> }>
  >
  components: object
}

/**
 * OpenAPI 3.0's `nullable: true` in JSON Schema terms: `null` added to the type, or the schema
 * made a choice of itself and null where it has no type (a `$ref`, an `allOf`); an `enum` takes
 * null too.
 */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema)
  if (typeof node !== 'object' || node === null) return node
  const { nullable, ...rest } = node as Record<string, unknown>
  const converted = Object.fromEntries(Object.entries(rest).map(([k, v]) => [k, toJsonSchema(v)]))
  if (nullable !== true) return converted
  if (Array.isArray(converted.enum)) converted.enum = [...(converted.enum as unknown[]), null]
  if (typeof converted.type === 'string') return { ...converted, type: [converted.type, 'null'] }
  return { anyOf: [converted, { type: 'null' }] }
}

const addFormats = addFormatsModule as unknown as (ajv: Ajv) => Ajv
const ajv = addFormats(new Ajv({ strict: false, allErrors: true }))

/** A validator of the 200 JSON answer of `method path` in GitHub's description. */
function responseValidator(path: string, method = 'get'): ValidateFunction {
  const schema = spec.paths[path]?.[method]?.responses['200']?.content?.['application/json']?.schema
  if (schema === undefined) throw new Error(`no 200 answer of ${method} ${path} in the description`)
  return ajv.compile({ ...(toJsonSchema(schema) as object), components })
}

const componentValidators = new Map<string, ValidateFunction>()

/** A validator of one component schema (for routes the subset does not describe). */
function componentValidator(name: string): ValidateFunction {
  let validate = componentValidators.get(name)
  if (validate === undefined) {
    validate = ajv.compile({ $ref: `#/components/schemas/${name}`, components })
    componentValidators.set(name, validate)
  }
  return validate
}

const components = toJsonSchema(spec.components)

/** The schema of each kind of timeline event the fake makes. */
const EVENT_SCHEMAS: Record<string, string> = {
  labeled: 'labeled-issue-event',
  unlabeled: 'unlabeled-issue-event',
  milestoned: 'milestoned-issue-event',
  demilestoned: 'demilestoned-issue-event',
  assigned: 'timeline-assigned-issue-event',
  'cross-referenced': 'timeline-cross-referenced-event',
  closed: 'state-change-issue-event',
  reopened: 'state-change-issue-event',
  merged: 'state-change-issue-event',
}

let fake: FakeGitHub
let pull = ''
let issue = ''

async function get(path: string): Promise<{ status: number; body: unknown }> {
  const response = await fetch(`${fake.url}${path}`, {
    headers: { authorization: `token ${fake.token}` },
  })
  return { status: response.status, body: await response.json() }
}

function expectValid(validate: ValidateFunction, body: unknown) {
  const valid = validate(body)
  expect(validate.errors ?? [], JSON.stringify(validate.errors?.slice(0, 3))).toEqual([])
  expect(valid).toBe(true)
}

beforeAll(async () => {
  fake = await startFakeGitHub({ workflow: 'milestones', pageSize: 50 })
  const keys = await fake.createItems({ name: 'pay', kind: 'repo', value: 'acme/pay' }, 3, {
    changes: 4,
  })
  issue = keys[0] ?? ''
  pull = fake.createPullRequest('acme/pay', { body: `Fixes ${issue}`, branch: 'PAY-1-fix' })
  fake.changeItem(pull, Date.now(), (item) => {
    item.mergedMs = Date.now() - 1000
    item.events.push({ kind: 'merged', atMs: item.mergedMs })
    closeItem(item, item.mergedMs, null)
  })
  fake.changeItem(issue, Date.now(), (item) => {
    item.events.push({ kind: 'cross-referenced', atMs: Date.now() - 5000, source: pull })
    closeItem(item, Date.now() - 2000, 'not_planned')
  })
})

afterAll(() => fake.close())

describe("the fake GitHub against GitHub's OpenAPI description", () => {
  test('issue lists match the description of GET /repos/{owner}/{repo}/issues', async () => {
    const validate = responseValidator('/repos/{owner}/{repo}/issues')
    const { status, body } = await get(
      '/repos/acme/pay/issues?state=all&sort=updated&direction=asc&per_page=100',
    )
    expect(status).toBe(200)
    expect(body).toHaveLength(4)
    expectValid(validate, body)
  })

  test('single issues and pull requests as issues match GET /repos/{owner}/{repo}/issues/{issue_number}', async () => {
    const validate = responseValidator('/repos/{owner}/{repo}/issues/{issue_number}')
    for (const key of [issue, pull])
      expectValid(validate, (await get(`/repos/acme/pay/issues/${key.split('#')[1]}`)).body)
  })

  test('timelines with labels, milestones, closes, merges, assignments and cross-references match GET …/timeline', async () => {
    const validate = responseValidator('/repos/{owner}/{repo}/issues/{issue_number}/timeline')
    for (const key of [issue, pull]) {
      const { body } = await get(
        `/repos/acme/pay/issues/${key.split('#')[1]}/timeline?per_page=100`,
      )
      expectValid(validate, body)
      // the description's timeline is a loose anyOf: each event is held to its own schema too
      for (const event of body as { event: string }[]) {
        expectValid(componentValidator(EVENT_SCHEMAS[event.event] ?? 'missing'), event)
      }
    }
    const { body } = await get(`/repos/acme/pay/issues/${issue.split('#')[1]}/timeline`)
    const kinds = new Set((body as { event: string }[]).map((e) => e.event))
    expect([...kinds].sort()).toEqual(
      ['assigned', 'closed', 'cross-referenced', 'demilestoned', 'labeled', 'milestoned'].sort(),
    )
  })

  test('pull requests match GET /repos/{owner}/{repo}/pulls/{pull_number}', async () => {
    const validate = responseValidator('/repos/{owner}/{repo}/pulls/{pull_number}')
    expectValid(validate, (await get(`/repos/acme/pay/pulls/${pull.split('#')[1]}`)).body)
  })

  test('search counts match GET /search/issues', async () => {
    const validate = responseValidator('/search/issues')
    const { body } = await get(`/search/issues?q=${encodeURIComponent('repo:acme/pay is:issue')}`)
    expectValid(validate, body)
    expect(body).toMatchObject({ total_count: 3 })
  })

  test('users, repositories and errors match the schemas the description gives them', async () => {
    expectValid(componentValidator('simple-user'), (await get('/user')).body)
    const repos = (await get('/orgs/acme/repos?per_page=100')).body as unknown[]
    expect(repos).toHaveLength(1)
    for (const repo of repos) expectValid(componentValidator('repository'), repo)
    const missing = await get('/repos/acme/pay/issues/999')
    expect(missing.status).toBe(404)
    expectValid(componentValidator('basic-error'), missing.body)
  })
})
