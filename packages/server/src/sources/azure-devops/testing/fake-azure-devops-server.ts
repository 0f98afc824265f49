import { createServer } from 'node:http'
import type { IncomingMessage, ServerResponse } from 'node:http'
import type { AddressInfo } from 'node:net'
import type { ScopeSpec } from '../../connector'
import type { ContractFake, Fault } from '../../testing/connector-contract'
import { azureFaultAnswer } from './fake-azure-devops-faults'
import {
  advanceFakeWorkItem,
  expectedFakeRecord,
  linkFakeParent,
  newFakeWorkItem,
} from './fake-azure-devops-model'
import type { FakeWorkItem } from './fake-azure-devops-model'
import { answerFakeAzure } from './fake-azure-devops-routes'
import type { FakeAzureAnswer } from './fake-azure-devops-routes'
import { FakeAzureStore } from './fake-azure-devops-store'

/** The PAT the fake accepts unless told otherwise (52 characters, as Azure DevOps makes them). */
export const FAKE_AZURE_PAT = 'fakepatofthefakeazuredevopsorganisation0000000000000'

/** Options of {@link startFakeAzureDevOps}. */
export interface FakeAzureDevOpsOptions {
  /** The batch size the connector under test uses: the contract's page size (default 200). */
  pageSize?: number
  /** Most updates per page of an item's history (default 200). */
  updatesPageSize?: number
  /** The PAT requests must carry as basic auth (default {@link FAKE_AZURE_PAT}). */
  token?: string
  /** The `source` of expected records (default `azure-devops`). */
  sourceName?: string
}

/** The fake Azure DevOps organisation: the contract's controls plus parent links. */
export interface FakeAzureDevOps extends ContractFake {
  readonly token: string
  /** Makes `child` a child of `parent` (a Hierarchy link, in a relation-only update). */
  linkParent(child: string, parent: string): void
}

/** The fake's data, for its routes. */
export interface FakeAzureDevOpsData {
  store: FakeAzureStore
  updatesPageSize: number
  /** The organisation URL (`http://127.0.0.1:PORT/fabrikam`). */
  base: string
}

function readBody(req: IncomingMessage): Promise<string> {
  return new Promise((resolve, reject) => {
    const chunks: Buffer[] = []
    req.on('data', (c: Buffer) => chunks.push(c))
    req.on('end', () => resolve(Buffer.concat(chunks).toString('utf8')))
    req.on('error', reject)
  })
}

/** Starts a fake Azure DevOps organisation `fabrikam` on 127.0.0.1 (a free port). */
export async function startFakeAzureDevOps(
  options: FakeAzureDevOpsOptions = {},
): Promise<FakeAzureDevOps> {
  const startMs = Date.now() - 90 * 86_400_000
  let nextId = 1
  const faults: Fault[] = []
  const requests: string[] = []
  const token = options.token ?? FAKE_AZURE_PAT
  const server = createServer((req, res) => void handle(req, res))
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve))
  const origin = `http://127.0.0.1:${(server.address() as AddressInfo).port}`
  const data: FakeAzureDevOpsData = {
    store: new FakeAzureStore(),
    updatesPageSize: options.updatesPageSize ?? 200,
    base: `${origin}/fabrikam`,
  }
  const authorization = `Basic ${Buffer.from(`:${token}`).toString('base64')}`

  function takeFault(path: string): Fault | undefined {
    const fault = faults.find((f) => f.count > 0 && path.includes(f.path))
    if (fault) fault.count--
    return fault
  }

  function send(res: ServerResponse, a: FakeAzureAnswer) {
    const headers: Record<string, string> = {
      'content-type': 'application/json; charset=utf-8; api-version=7.1',
      'x-tfs-processid': '4f2a8c1e-0000-4000-8000-000000000000',
      ...a.headers,
    }
    res
      .writeHead(a.status, headers)
      .end(a.text ?? (a.body === undefined ? '' : JSON.stringify(a.body)))
  }

  async function handle(req: IncomingMessage, res: ServerResponse) {
    const url = new URL(req.url ?? '/', origin)
    const path = url.pathname + url.search
    requests.push(path)
    const body = await readBody(req)
    const method = req.method ?? 'GET'
    const inOrg = new URL(url.pathname.replace(/^\/fabrikam/, '') + url.search, origin)
    const real = (): FakeAzureAnswer =>
      req.headers.authorization !== authorization
        ? {
            status: 401,
            text: '',
            headers: { 'www-authenticate': 'Basic realm="https://dev.azure.com/"' },
          }
        : !url.pathname.startsWith('/fabrikam/')
          ? { status: 404, text: '' }
          : answerFakeAzure(data, { method, url: inOrg, body })
    const fault = takeFault(path)
    if (fault === undefined) return send(res, real())
    const answer = azureFaultAnswer(fault.kind, { method, real })
    if (answer !== 'hang') send(res, answer) // a hang never answers; close() ends it
  }

  function item(key: string): FakeWorkItem {
    const found = data.store.find(Number(key))
    if (found === undefined) throw new Error(`the fake has no work item ${key}`)
    return found
  }

  const projectOf = (scope: ScopeSpec) => scope.value

  return {
    url: data.base,
    pageSize: options.pageSize ?? 200,
    inlineHistoryLimit: data.updatesPageSize,
    token,
    async createItems(scope, count, o = {}) {
      data.store.addProject(projectOf(scope))
      return Array.from({ length: count }, () => {
        const id = nextId++
        const made = newFakeWorkItem(
          { id, project: projectOf(scope), createdMs: startMs + id * 60_000 },
          o.changes ?? 3,
        )
        data.store.add(made)
        return String(id)
      })
    },
    linkParent(child, parent) {
      linkFakeParent(item(child), item(parent))
    },
    async editItems(keys, atMs) {
      for (const key of keys) advanceFakeWorkItem(item(key), atMs)
    },
    async deleteItems(keys) {
      data.store.remove(keys.map(Number))
    },
    async moveItem(key, to, atMs) {
      // a work item moved to another project keeps its id; the move is a revision of its own
      const moved = item(key)
      const from = moved.project
      moved.project = projectOf(to)
      data.store.addProject(moved.project)
      moved.revisions.push({
        rev: moved.revisions.length + 1,
        atMs,
        fields: {
          'System.TeamProject': { oldValue: from, newValue: moved.project },
          'System.AreaPath': { oldValue: from, newValue: moved.project },
          'System.ChangedDate': {
            oldValue: new Date(data.store.changedMs(moved)).toISOString(),
            newValue: new Date(atMs).toISOString(),
          },
        },
      })
      return key
    },
    expectedRecord: (key) => expectedFakeRecord(item(key), options.sourceName ?? 'azure-devops'),
    injectFault(fault) {
      faults.push({ ...fault })
    },
    requestLog: () => [...requests],
    async close() {
      server.closeAllConnections()
      await new Promise<void>((resolve) => server.close(() => resolve()))
    },
  }
}
