import type { AccountActor } from '../api/auth/accounts'
import type { Store } from '../store/store'
import type { CliIo } from './cli-io'

/** The operator at this machine, as the audit log names them (`cli:<login>`). */
export function operator(io: CliIo): AccountActor {
  const name = io.env.USER ?? io.env.LOGNAME ?? 'operator'
  return { name: `cli:${name}`, via: 'cli', address: null, nowMs: io.now() }
}

/**
 * Appends what a CLI command changed in the store to its audit log, as the server does for the
 * API's writes: `action` (e.g. `source.add`), its `target` (a source name, a file name) and
 * `detail` (counts and outcomes; never a token or a secret).
 */
export async function auditCliWrite(
  store: Store,
  io: CliIo,
  entry: { action: string; target: string | null; detail?: Record<string, unknown> },
): Promise<void> {
  const actor = operator(io)
  await store.appendAudit({
    at: new Date(actor.nowMs).toISOString(),
    actor: actor.name,
    via: actor.via,
    address: actor.address,
    action: entry.action,
    target: entry.target,
    ...(entry.detail ? { detail: entry.detail } : {}),
  })
}
