import type { Command } from 'commander'
import type { ConnectorKind } from '../../sync/connector-kinds'

/** A kind of source as the CLI offers it: the connector kind plus its `vmo source add` options. */
export interface SourceKind extends ConnectorKind {
  /** Adds the kind's own options to its `vmo source add <kind>` command. */
  addOptions(command: Command): Command
}

/** Collects repeated options (`--project A --project B`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}
