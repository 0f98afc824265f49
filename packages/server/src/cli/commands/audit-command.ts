import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import type { AuditEntry } from '../../store/account-types'
import type { CliIo } from '../cli-io'
import { withStore } from '../open-cli-store'
import ms from 'ms'

interface AuditOptions {
  db?: string
  since?: string
  user?: string
  limit: string
  json?: boolean
}

/** `--since`: an instant or date (ISO-8601), or a duration back from now (`24h`, `7d`). */
function sinceOf(since: string, nowMs: number): string {
  if (/^\d{4}-\d{2}-\d{2}/.test(since)) {
    const ms = Date.parse(since)
    if (Number.isNaN(ms)) throw new VmoError('INVALID_INPUT', `--since "${since}" is not a date`)
    return new Date(ms).toISOString()
  }
  const back = ms(since as ms.StringValue) as number | undefined
  if (typeof back !== 'number' || !Number.isFinite(back) || back <= 0) {
    throw new VmoError(
      'INVALID_INPUT',
      `--since "${since}" is neither a date (2024-04-01) nor a duration (24h, 7d)`,
    )
  }
  return new Date(nowMs - back).toISOString()
}

function line(e: AuditEntry): string {
  const where = e.address ? ` from ${e.address}` : ''
  const detail = e.detail ? ` ${JSON.stringify(e.detail)}` : ''
  return `${e.at}  ${e.actor} (${e.via}${where})  ${e.action}${e.target ? ` ${e.target}` : ''}${detail}\n`
}

/** `vmo audit`: reads the audit log, newest first. */
export function registerAuditCommand(program: Command, io: CliIo): void {
  program
    .command('audit')
    .description('the audit log, newest first: sign-ins, tokens, user changes and every write')
    .option('--since <when>', 'only entries since a date/instant or a duration ago (24h, 7d)')
    .option('--user <name>', 'only entries of this actor')
    .option('--limit <n>', 'at most this many entries (1..1000)', '100')
    .option('--json', 'as JSON lines')
    .option(
      '--db <path>',
      'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)',
    )
    .action(async (options: AuditOptions) => {
      const limit = Number(options.limit)
      if (!Number.isInteger(limit) || limit < 1 || limit > 1000) {
        throw new VmoError(
          'INVALID_INPUT',
          `--limit "${options.limit}" is not a number from 1 to 1000`,
        )
      }
      const since = options.since === undefined ? undefined : sinceOf(options.since, io.now())
      await withStore(options, io, async (store) => {
        const entries = await store.listAudit({
          limit,
          ...(since ? { since } : {}),
          ...(options.user ? { actor: options.user } : {}),
        })
        for (const e of entries) io.stdout(options.json ? `${JSON.stringify(e)}\n` : line(e))
      })
    })
}
