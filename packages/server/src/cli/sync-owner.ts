import { hostname } from 'node:os'

/** Who is syncing: this host and process (`host:pid`), as leases record it. */
export function syncOwner(): string {
  return `${hostname()}:${process.pid}`
}

/**
 * Whether the holder of a lease is a process of this host that no longer runs (killed, crashed):
 * its lease may be taken over at once. Holders on other hosts are never judged gone here.
 */
export function isSyncOwnerGone(owner: string): boolean {
  const at = owner.lastIndexOf(':')
  if (at < 0 || owner.slice(0, at) !== hostname()) return false
  const pid = Number(owner.slice(at + 1))
  if (!Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false
  try {
    process.kill(pid, 0)
    return false
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH'
  }
}
