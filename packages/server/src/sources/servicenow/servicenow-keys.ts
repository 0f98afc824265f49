/** The number prefixes of the default tables (a record's key is its `number`). */
export const SERVICENOW_NUMBER_PREFIXES: Readonly<Record<string, string>> = {
  INC: 'incident',
  REQ: 'sc_request',
  RITM: 'sc_req_item',
  CHG: 'change_request',
  PRB: 'problem',
}

/**
 * The key of a record: its `number` (`INC0012345`), or `table/sys_id` for a table without
 * numbers; undefined when it has neither.
 */
export function keyOfRecord(
  table: string,
  record: { number?: { value?: unknown }; sys_id?: { value?: unknown } },
): string | undefined {
  const number = record.number?.value
  if (typeof number === 'string' && number !== '') return number
  const id = record.sys_id?.value
  return typeof id === 'string' && id !== '' ? `${table}/${id}` : undefined
}

/** The table a key names when its prefix says (`INC…` → incident, `x/sys_id` → x), or undefined. */
export function tableOfKey(key: string): string | undefined {
  const slash = key.indexOf('/')
  if (slash > 0) return key.slice(0, slash)
  const prefix = /^[A-Z]+/.exec(key)?.[0]
  return prefix === undefined ? undefined : SERVICENOW_NUMBER_PREFIXES[prefix]
}
