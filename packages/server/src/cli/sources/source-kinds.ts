import type { Command } from 'commander'
import type { StatusHint } from '@openvmo/core'
import type { SourceDefinition } from '../../store/store-types'
import type { ConnectorKind } from '../../sync/connector-kinds'

/** A kind of source as the CLI offers it: the connector kind plus its `vmo source add` options. */
export interface SourceKind extends ConnectorKind {
  /** The `vmo source add <command>` name and default source name when not `kind` itself. */
  readonly command?: string
  /** Adds the kind's own options to its `vmo source add <kind>` command. */
  addOptions(command: Command): Command
  /** The tool's own classification of its statuses, for `vmo map suggest` (when it has one). */
  statusHints?(at: { source: SourceDefinition; token: string }): Promise<StatusHint[]>
}

/** Collects repeated options (`--project A --project B`). */
export function collect(value: string, previous: string[] = []): string[] {
  return [...previous, value]
}
