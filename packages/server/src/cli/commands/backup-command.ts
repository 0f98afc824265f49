import { basename } from 'node:path'
import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { backupSqlite, postgresBackupGuidance, restoreSqlite } from '../../store/backup'
import type { CliIo } from '../cli-io'
import { cliStoreLocation, withStore } from '../open-cli-store'
import { auditCliWrite } from '../cli-audit'

function location(options: { db?: string }, io: CliIo) {
  return cliStoreLocation(options, io)
}

/** `vmo backup` / `vmo restore`: SQLite online backup; `pg_dump` guidance for PostgreSQL. */
export function registerBackupCommands(program: Command, io: CliIo): void {
  program
    .command('backup')
    .description(
      'copy the SQLite store while it is in use (for PostgreSQL, prints the pg_dump command)',
    )
    .requiredOption('--out <file>', 'backup file (must not exist)')
    .option('--db <path>', 'SQLite store file')
    .action(async (options: { out: string; db?: string }) => {
      const where = location(options, io)
      if (where.dialect === 'postgres') {
        const g = postgresBackupGuidance(where.url, options.out)
        io.stdout(
          `the store is PostgreSQL; back it up with pg_dump (password left out; use PGPASSWORD or ~/.pgpass):\n  ${g.backup}\nrestore with:\n  ${g.restore}\n`,
        )
        return
      }
      await backupSqlite(where.path, options.out)
      io.stdout(`backed up ${where.path} to ${options.out}\n`)
    })
  program
    .command('restore')
    .description('replace the SQLite store with a backup (checked first; --force to overwrite)')
    .argument('<file>', 'backup file made by vmo backup')
    .option('--db <path>', 'SQLite store file')
    .option('--force', 'overwrite the existing store')
    .action(async (file: string, options: { db?: string; force?: boolean }) => {
      const where = location(options, io)
      if (where.dialect === 'postgres') {
        throw new VmoError(
          'INVALID_INPUT',
          'the store is PostgreSQL: restore with pg_restore (see vmo backup for the command)',
        )
      }
      await restoreSqlite(file, where.path, { force: options.force })
      // the restored store's log says where its contents came from
      await withStore(options, io, (store) =>
        auditCliWrite(store, io, { action: 'store.restore', target: basename(file) }),
      )
      io.stdout(`restored ${where.path} from ${file}\n`)
    })
}
