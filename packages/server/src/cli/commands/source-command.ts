import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { readEnvironment, readTokenVariable } from '../../config/environment'
import { sealSecret, parseSecretKey, MAKE_A_KEY } from '../../config/secret-box'
import { resolveSourceToken } from '../../config/source-token'
import type { ConnectionReport } from '../../sources/connector'
import type { Store } from '../../store/store'
import type { SourceDefinition } from '../../store/store-types'
import type { CliIo } from '../cli-io'
import { auditCliWrite } from '../cli-audit'
import { withStore } from '../open-cli-store'
import type { SourceKind } from '../sources/source-kinds'
import { describeSyncState } from '../sources/source-status'

interface AddOptions {
  name?: string
  tokenEnv?: string
  storeToken?: boolean
  db?: string
  test?: boolean
}

const NAME = /^[a-z0-9][a-z0-9._-]{0,62}$/

function checkName(name: string): string {
  if (!NAME.test(name)) {
    throw new VmoError(
      'INVALID_INPUT',
      `source name "${name}" must be lowercase letters, digits, ".", "_" or "-" (at most 63)`,
    )
  }
  return name
}

/** The stored secret for `--store-token`: the token of `--token-env`, encrypted. */
function storedSecret(name: string, options: AddOptions, io: CliIo) {
  if (!options.storeToken) return undefined
  if (!options.tokenEnv) {
    throw new VmoError(
      'INVALID_INPUT',
      '--store-token needs --token-env NAME to read the token from',
    )
  }
  const token = readTokenVariable(io.env, options.tokenEnv)
  if (token === undefined) {
    throw new VmoError('INVALID_INPUT', `--token-env ${options.tokenEnv}: the variable is not set`)
  }
  const env = readEnvironment(io.env)
  if (!env.secretKey) {
    throw new VmoError(
      'INVALID_CONFIG',
      `--store-token needs OPENVMO_SECRET_KEY, the key that encrypts stored tokens (${MAKE_A_KEY})`,
    )
  }
  return sealSecret(token, {
    key: parseSecretKey(env.secretKey),
    owner: name,
  }) as unknown as Record<string, unknown>
}

function printReport(io: CliIo, name: string, report: ConnectionReport): void {
  io.stdout(`${name}: ${report.ok ? 'connection ok' : 'connection FAILED'}\n`)
  for (const check of report.checks) {
    io.stdout(`  ${check.ok ? '✓' : '✗'} ${check.name}: ${check.detail}\n`)
  }
  if (report.timezone) io.stdout(`  time zone of the user: ${report.timezone}\n`)
  for (const scope of report.scopes) {
    const items = scope.items === null ? 'unknown' : `${scope.items} items`
    io.stdout(`  scope ${scope.scope}: ${scope.error ? `✗ ${scope.error}` : items}\n`)
  }
}

/** Tests a stored source's connection and prints the checks; returns whether it passed. */
async function testSource(at: { source: SourceDefinition; kind: SourceKind; io: CliIo }) {
  const env = readEnvironment(at.io.env)
  const token = resolveSourceToken(at.source, { env, variables: at.io.env })
  const connector = at.kind.connect({ source: at.source, token })
  const report = await connector.test(at.source.scopes)
  printReport(at.io, at.source.name, report)
  return report.ok
}

function kindOf(kinds: readonly SourceKind[], kind: string): SourceKind {
  const found = kinds.find((k) => k.kind === kind)
  if (!found) {
    throw new VmoError(
      'INVALID_INPUT',
      `unknown source kind "${kind}" (known: ${kinds.map((k) => k.kind).join(', ')})`,
    )
  }
  return found
}

/** The definition of a configured source; NOT_FOUND naming the configured ones. */
export async function getSource(store: Store, name: string): Promise<SourceDefinition> {
  const source = await store.findSource(name)
  if (source) return source
  const known = (await store.listSources()).map((s) => s.name)
  throw new VmoError(
    'NOT_FOUND',
    `no synced source "${name}" (sources: ${known.join(', ') || 'none'}; add one with vmo source add)`,
  )
}

function registerAdd(source: Command, io: CliIo, kinds: readonly SourceKind[]) {
  const add = source
    .command('add')
    .description(
      'connect a tool: vmo source add jira|github|gitlab|azure-devops|servicenow … (see vmo source add <kind> --help)',
    )
  for (const kind of kinds) {
    const command = add
      .command(kind.command ?? kind.kind)
      .description(kind.description)
      .option(
        '--name <name>',
        `how openvmo names the source (default ${kind.command ?? kind.kind})`,
      )
      .option('--token-env <NAME>', 'environment variable holding the token (read at every sync)')
      .option('--store-token', 'keep the token encrypted in the store (needs OPENVMO_SECRET_KEY)')
      .option('--no-test', 'save without testing the connection')
      .option(
        '--db <path>',
        'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)',
      )
    kind.addOptions(command).action(async (options: AddOptions & Record<string, unknown>) => {
      const name = checkName(options.name ?? kind.command ?? kind.kind)
      const setup = kind.setup(options)
      const secret = storedSecret(name, options, io)
      const config = {
        ...setup.config,
        ...(options.tokenEnv && !secret ? { tokenEnv: options.tokenEnv } : {}),
      }
      const definition: SourceDefinition = {
        name,
        kind: kind.kind,
        config,
        ...(secret ? { secret } : {}),
        scopes: setup.scopes,
      }
      await withStore({ db: options.db, mode: 'create' }, io, async (store, label) => {
        await store.saveSource(definition)
        await auditCliWrite(store, io, {
          action: 'source.add',
          target: name,
          detail: {
            kind: kind.kind,
            scopes: setup.scopes.map((s) => s.name),
            token: secret ? 'stored' : options.tokenEnv ? `$${options.tokenEnv}` : 'none',
          },
        })
        io.stdout(
          `saved source ${name} (${kind.kind}, scopes ${setup.scopes.map((s) => s.name).join(', ')}) in ${label}\n`,
        )
      })
      if (options.test !== false && !(await testSource({ source: definition, kind, io }))) {
        throw new VmoError(
          'CONNECTOR_AUTH_FAILED',
          `source ${name} is saved, but its connection test failed (see above); fix it and run vmo source test ${name}`,
        )
      }
    })
  }
}

async function confirm(io: CliIo, question: string, yes: boolean | undefined): Promise<boolean> {
  if (yes) return true
  if (!io.ask) {
    throw new VmoError('INVALID_INPUT', `${question}: pass --yes to confirm when not at a terminal`)
  }
  return /^y(es)?$/i.test((await io.ask(`${question} [y/N] `)).trim())
}

/**
 * `vmo source add|list|test|remove`: the tools openvmo syncs. Tokens come from the environment
 * (`--token-env`) or are stored encrypted (`--store-token`); they are never printed.
 */
export function registerSourceCommands(
  program: Command,
  io: CliIo,
  kinds: readonly SourceKind[],
): void {
  const source = program.command('source').description('the tools openvmo syncs from')
  registerAdd(source, io, kinds)
  source
    .command('list')
    .description('every source: kind, scopes, items, token, last sync')
    .option('--db <path>', 'SQLite store file')
    .action(async (options: { db?: string }) => {
      await withStore(options, io, async (store) => {
        const env = readEnvironment(io.env)
        for (const info of await store.listSources()) {
          const definition = await store.findSource(info.name)
          const runs = await store.listSyncRuns(info.name)
          io.stdout(describeSyncState({ info, definition, runs, env, variables: io.env }))
        }
      })
    })
  source
    .command('test')
    .description('check reachability, authentication, permissions, time zone and items per scope')
    .argument('<name>', 'the source')
    .option('--db <path>', 'SQLite store file')
    .action(async (name: string, options: { db?: string }) => {
      const definition = await withStore(options, io, (store) => getSource(store, name))
      if (!(await testSource({ source: definition, kind: kindOf(kinds, definition.kind), io }))) {
        throw new VmoError(
          'CONNECTOR_AUTH_FAILED',
          `the connection test of ${name} failed (see above)`,
        )
      }
    })
  source
    .command('remove')
    .description('remove a source and every item, history, payload and run of it')
    .argument('<name>', 'the source')
    .option('--yes', 'do not ask')
    .option('--db <path>', 'SQLite store file')
    .action(async (name: string, options: { db?: string; yes?: boolean }) => {
      await withStore(options, io, async (store, label) => {
        const info = (await store.listSources()).find((s) => s.name === name)
        if (!info) throw new VmoError('NOT_FOUND', `no source "${name}" in ${label}`)
        const question = `remove source ${name} and its ${info.itemCount} items from ${label}?`
        if (!(await confirm(io, question, options.yes))) {
          io.stdout('nothing removed\n')
          return
        }
        const items = await store.removeSource(name)
        await auditCliWrite(store, io, { action: 'source.remove', target: name, detail: { items } })
        io.stdout(`removed source ${name} and its ${items} items\n`)
      })
    })
}
