import { readFileSync } from 'node:fs'
import Ajv from 'ajv'
import type { ValidateFunction } from 'ajv'
import type { FakeExchange } from './fake-jira-http'

/** An OpenAPI 3.0 document: the parts the checks read. */
interface OpenApiDocument {
  paths: Record<string, Record<string, { parameters?: { name: string; in: string }[] }>>
  components: { schemas: Record<string, unknown> }
}

/** What an exchange is checked against: the v3 path template and the schemas of both bodies. */
export interface ExchangeSchemas {
  /** The Cloud v3 path template whose parameters the query may use. */
  specPath: string
  response: string
  /** The response is an array of `response`. */
  array?: boolean
  request?: string
}

// Data Center (REST v2) has no spec here: its answers are checked against the v3 schemas of the
// same resources, whose shapes Data Center shares (SearchResults for the offset search).
const ROUTES: readonly [RegExp, ExchangeSchemas][] = [
  [/^\/rest\/api\/[23]\/myself$/, { specPath: '/rest/api/3/myself', response: 'User' }],
  [
    /^\/rest\/api\/[23]\/field$/,
    { specPath: '/rest/api/3/field', response: 'FieldDetails', array: true },
  ],
  [
    /^\/rest\/api\/[23]\/status$/,
    { specPath: '/rest/api/3/status', response: 'StatusDetails', array: true },
  ],
  [
    /^\/rest\/api\/[23]\/mypermissions$/,
    { specPath: '/rest/api/3/mypermissions', response: 'Permissions' },
  ],
  [
    /^\/rest\/api\/3\/search\/jql$/,
    {
      specPath: '/rest/api/3/search/jql',
      response: 'SearchAndReconcileResults',
      request: 'SearchAndReconcileRequestBean',
    },
  ],
  [/^\/rest\/api\/2\/search$/, { specPath: '/rest/api/3/search', response: 'SearchResults' }],
  [
    /^\/rest\/api\/3\/changelog\/bulkfetch$/,
    {
      specPath: '/rest/api/3/changelog/bulkfetch',
      response: 'BulkChangelogResponseBean',
      request: 'BulkChangelogRequestBean',
    },
  ],
  [
    /^\/rest\/api\/[23]\/issue\/[^/]+\/changelog$/,
    { specPath: '/rest/api/3/issue/{issueIdOrKey}/changelog', response: 'PageBeanChangelog' },
  ],
  [
    /^\/rest\/api\/[23]\/issue\/[^/]+$/,
    { specPath: '/rest/api/3/issue/{issueIdOrKey}', response: 'IssueBean' },
  ],
]

/** The schemas an exchange is checked against, or undefined for a path the checks do not know. */
export function schemasOf(exchange: FakeExchange): ExchangeSchemas | undefined {
  const path = new URL(exchange.target, 'http://fake').pathname
  const route = ROUTES.find(([pattern]) => pattern.test(path))
  const schemas = route?.[1]
  if (!schemas || exchange.status < 400) return schemas
  return { ...schemas, response: 'ErrorCollection', array: false }
}

// Issue fields whose values have a schema of their own (`IssueBean.fields` is a free map).
// Sprint values are left out: an issue's sprint carries `boardId`, which the agile spec's
// SprintBean (the sprint resource) does not have.
const FIELD_SCHEMAS: Readonly<Record<string, string>> = {
  status: 'StatusDetails',
  issuetype: 'IssueTypeDetails',
  project: 'ProjectDetails',
  priority: 'Priority',
  resolution: 'Resolution',
  components: 'ProjectComponent',
  fixVersions: 'Version',
  issuelinks: 'IssueLinkAnswer',
  parent: 'LinkedIssue',
}

/** Validates JSON against the schemas of the Jira Cloud platform REST v3 OpenAPI document. */
export class JiraOpenApi {
  readonly #ajv: Ajv
  readonly #spec: OpenApiDocument
  readonly #compiled = new Map<string, ValidateFunction>()

  constructor(specPath: string) {
    this.#spec = JSON.parse(readFileSync(specPath, 'utf8')) as OpenApiDocument
    const schemas = withNullable(structuredClone(this.#spec.components.schemas)) as Record<
      string,
      Record<string, unknown>
    >
    // `IssueLink` requires both sides because it also describes the create request; an issue's
    // links carry one side, so answers are checked against it without `required`.
    const { required: _required, ...linkAnswer } = schemas.IssueLink ?? {}
    schemas.IssueLinkAnswer = linkAnswer
    this.#ajv = new Ajv({
      strict: false,
      allErrors: true,
      validateFormats: false,
      ownProperties: true,
    })
    this.#ajv.addSchema({ $id: 'jira', components: { schemas } })
  }

  /** The problems of `value` against schema `name` (empty when valid), each with its JSON path. */
  problems(name: string, value: unknown): string[] {
    let validate = this.#compiled.get(name)
    if (!validate) {
      validate = this.#ajv.getSchema(`jira#/components/schemas/${name}`)
      if (!validate) throw new Error(`the spec has no schema ${name}`)
      this.#compiled.set(name, validate)
    }
    if (validate(value)) return []
    return (validate.errors ?? []).map(
      (e) => `${name}${e.instancePath} ${e.message ?? ''} ${JSON.stringify(e.params)}`,
    )
  }

  /** The query parameters the spec declares for `method` on `specPath`. */
  queryParameters(specPath: string, method: string): Set<string> {
    const operation = this.#spec.paths[specPath]?.[method.toLowerCase()]
    return new Set((operation?.parameters ?? []).filter((p) => p.in === 'query').map((p) => p.name))
  }

  /** Every problem of an exchange: unknown path, query parameters, request and response bodies, issue fields. */
  exchangeProblems(exchange: FakeExchange): string[] {
    const where = `${exchange.method} ${exchange.target}`
    const schemas = schemasOf(exchange)
    if (!schemas) return [`${where}: no schema known for this path`]
    const declared = this.queryParameters(schemas.specPath, exchange.method)
    const query = new URL(exchange.target, 'http://fake').searchParams
    const problems = [...query.keys()]
      .filter((k) => !declared.has(k))
      .map((k) => `query parameter ${k} is not in the spec`)
    if (schemas.request && exchange.requestBody !== '') {
      problems.push(...this.problems(schemas.request, JSON.parse(exchange.requestBody)))
    }
    const body: unknown = JSON.parse(exchange.responseBody)
    const values = schemas.array && Array.isArray(body) ? body : [body]
    if (schemas.array && !Array.isArray(body)) problems.push('expected an array')
    for (const value of values) problems.push(...this.problems(schemas.response, value))
    for (const issue of issuesIn(body)) problems.push(...this.fieldProblems(issue))
    return problems.map((p) => `${where}: ${p}`)
  }

  /** The problems of an issue's field values that have a schema. */
  fieldProblems(issue: { fields?: Record<string, unknown> }): string[] {
    return Object.entries(FIELD_SCHEMAS).flatMap(([field, schema]) => {
      const value = issue.fields?.[field]
      if (value === undefined || value === null) return []
      const list = Array.isArray(value) ? value : [value]
      return list.flatMap((item) => this.problems(schema, item).map((p) => `fields.${field}: ${p}`))
    })
  }
}

function issuesIn(body: unknown): { fields?: Record<string, unknown> }[] {
  if (typeof body !== 'object' || body === null) return []
  const issues = (body as { issues?: unknown }).issues
  if (Array.isArray(issues)) return issues as { fields?: Record<string, unknown> }[]
  return 'fields' in body ? [body as { fields?: Record<string, unknown> }] : []
}

// OpenAPI 3.0 says `nullable: true` where JSON Schema says `type: [T, 'null']`.
function withNullable(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(withNullable)
  if (typeof node !== 'object' || node === null) return node
  const out: Record<string, unknown> = {}
  for (const [key, value] of Object.entries(node)) out[key] = withNullable(value)
  if (out.nullable === true && typeof out.type === 'string') out.type = [out.type, 'null']
  return out
}
