import type { Command } from 'commander'
import { VmoError } from '@openvmo/core'
import { addUser, grant, resetPassword, setUserDisabled } from '../../api/auth/accounts'
import type { StreamRoleName } from '../../store/account-types'
import type { CliIo } from '../cli-io'
import { withStore } from '../open-cli-store'
import { operator } from '../cli-audit'

const DB_HELP = 'SQLite store file (default ./openvmo.db; $DATABASE_URL selects PostgreSQL)'

interface PasswordOptions {
  db?: string
  passwordStdin?: boolean
}

/**
 * The new password: from standard input with --password-stdin (one line; the newline is
 * dropped), else asked twice at the terminal without echo. Never an argument, where `ps` and
 * the shell history would keep it.
 */
async function readNewPassword(options: PasswordOptions, io: CliIo): Promise<string> {
  if (options.passwordStdin) {
    if (!io.readStdin) throw new VmoError('INVALID_INPUT', 'no standard input to read from')
    return (await io.readStdin()).replace(/\r?\n$/, '')
  }
  if (!io.askSecret) {
    throw new VmoError(
      'INVALID_INPUT',
      'no terminal to ask the password at: pipe it with --password-stdin',
    )
  }
  const password = await io.askSecret('new password: ')
  if ((await io.askSecret('again: ')) !== password) {
    throw new VmoError('INVALID_INPUT', 'the two passwords differ: nothing was changed')
  }
  return password
}

const ROLES = ['viewer', 'editor', 'admin', 'none'] as const

function parseRole(role: string): StreamRoleName | 'admin' | null {
  if (!(ROLES as readonly string[]).includes(role)) {
    throw new VmoError('INVALID_INPUT', `role "${role}" is not one of ${ROLES.join(', ')}`)
  }
  return role === 'none' ? null : (role as StreamRoleName | 'admin')
}

function registerAdd(user: Command, io: CliIo): void {
  user
    .command('add <name>')
    .description('add a local account (password asked at the terminal, or --password-stdin)')
    .option('--admin', 'may do everything: sources, users, tokens, every stream')
    .option('--display-name <text>', 'the name the dashboard shows')
    .option('--password-stdin', 'read the password from standard input')
    .option('--db <path>', DB_HELP)
    .action(
      async (
        name: string,
        options: PasswordOptions & { admin?: boolean; displayName?: string },
      ) => {
        // the store first: a wrong --db is said before the password is asked
        await withStore(options, io, async (store, label) => {
          const password = await readNewPassword(options, io)
          const admin = options.admin ?? false
          await addUser(
            store,
            { name, displayName: options.displayName, password, admin },
            operator(io),
          )
          io.stdout(
            `added ${admin ? 'admin' : 'user'} ${name} to ${label}${admin ? '' : `; grant roles with vmo user grant ${name} viewer|editor --stream <name>`}\n`,
          )
        })
      },
    )
}

function registerList(user: Command, io: CliIo): void {
  user
    .command('list')
    .description('list local accounts with their roles')
    .option('--json', 'as JSON')
    .option('--db <path>', DB_HELP)
    .action(async (options: { db?: string; json?: boolean }) => {
      await withStore(options, io, async (store) => {
        const rows = []
        for (const u of await store.listUsers()) {
          const grants = await store.listStreamRoles(u.id)
          rows.push({
            name: u.name,
            displayName: u.displayName,
            admin: u.admin,
            disabled: u.disabled,
            grants,
          })
        }
        if (options.json) return io.stdout(`${JSON.stringify(rows, null, 2)}\n`)
        if (rows.length === 0) return io.stdout('no users: the server runs in single-user mode\n')
        for (const r of rows) {
          const roles = r.admin
            ? 'admin'
            : r.grants.map((g) => `${g.role} of ${g.streamId}`).join(', ') || 'no roles'
          io.stdout(`${r.name}${r.disabled ? ' (disabled)' : ''}: ${roles}\n`)
        }
      })
    })
}

function registerChanges(user: Command, io: CliIo): void {
  for (const disabled of [true, false]) {
    user
      .command(`${disabled ? 'disable' : 'enable'} <name>`)
      .description(
        disabled
          ? 'stop an account from signing in (its sessions end)'
          : 'let a disabled account sign in again',
      )
      .option('--db <path>', DB_HELP)
      .action(async (name: string, options: { db?: string }) => {
        await withStore(options, io, async (store) => {
          await setUserDisabled(store, { name, disabled }, operator(io))
          io.stdout(`${disabled ? 'disabled' : 'enabled'} ${name}\n`)
        })
      })
  }
  user
    .command('reset-password <name>')
    .description(
      'set a new password (asked at the terminal, or --password-stdin); every session of the account ends',
    )
    .option('--password-stdin', 'read the password from standard input')
    .option('--db <path>', DB_HELP)
    .action(async (name: string, options: PasswordOptions) => {
      await withStore(options, io, async (store) => {
        const password = await readNewPassword(options, io)
        await resetPassword(store, { name, password }, operator(io))
        io.stdout(`new password set for ${name}; its sessions ended\n`)
      })
    })
  user
    .command('grant <name> <role>')
    .description(
      'give a role: viewer or editor of one value stream (--stream), admin, or none to take it away',
    )
    .option('--stream <name>', 'the value stream (for viewer, editor, none)')
    .option('--db <path>', DB_HELP)
    .action(async (name: string, role: string, options: { db?: string; stream?: string }) => {
      const parsed = parseRole(role)
      await withStore(options, io, async (store) => {
        await grant(store, { name, stream: options.stream, role: parsed }, operator(io))
        const where = options.stream ? ` of ${options.stream}` : ''
        io.stdout(
          parsed === null
            ? `${name} has no role${where} now\n`
            : `${name} is ${parsed}${where} now\n`,
        )
      })
    })
}

/** `vmo user add|list|disable|enable|reset-password|grant`: local accounts. */
export function registerUserCommands(program: Command, io: CliIo): void {
  const user = program.command('user').description('local accounts who may sign in to the server')
  registerAdd(user, io)
  registerList(user, io)
  registerChanges(user, io)
}
