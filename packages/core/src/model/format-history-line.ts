import type { WorkItemChange, WorkItemLink, WorkItemRecord } from './work-item-record'

const json = JSON.stringify

function formatChange(change: WorkItemChange): string {
  return (
    `{"at":${json(change.at)},"field":${json(change.field)},` +
    `"from":${json(change.from)},"to":${json(change.to)}}`
  )
}

function formatLink(link: WorkItemLink): string {
  return `{"type":${json(link.type)},"target":${json(link.target)}}`
}

function formatList<T>(values: readonly T[], format: (value: T) => string): string {
  let out = '['
  for (let i = 0; i < values.length; i++) out += (i === 0 ? '' : ',') + format(values[i]!)
  return out + ']'
}

function optional(name: string, value: unknown): string {
  return value === undefined ? '' : `,"${name}":${json(value)}`
}

/**
 * Writes a record as one NDJSON history line (docs/importing.md ("NDJSON history"), without the trailing newline): the
 * inverse of {@link parseHistoryLine}. Fields come in the docs/importing.md order (`source`, `key`, `id`,
 * `url`, `project`, `type`, `title`, `created`, `status`, `team`, `labels`, `parent`, `links`,
 * `resolved`, `fields`, `changes`); undefined optionals are omitted, `changes` is always written
 * (`[]` when there are none), timestamps are written as their text. Link and change objects are
 * written with their known keys only; `fields` goes through `JSON.stringify`, so values JSON cannot
 * hold (undefined, functions) are dropped there. The record is not validated.
 */
export function formatHistoryLine(record: WorkItemRecord): string {
  return (
    `{"source":${json(record.source)},"key":${json(record.key)}` +
    optional('id', record.id) +
    optional('url', record.url) +
    optional('project', record.project) +
    `,"type":${json(record.type)}` +
    optional('title', record.title) +
    `,"created":${json(record.created)},"status":${json(record.status)}` +
    optional('team', record.team) +
    optional('labels', record.labels) +
    optional('parent', record.parent) +
    (record.links === undefined ? '' : `,"links":${formatList(record.links, formatLink)}`) +
    optional('resolved', record.resolved) +
    optional('fields', record.fields) +
    `,"changes":${formatList(record.changes, formatChange)}}`
  )
}
