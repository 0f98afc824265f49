/**
 * A field of a Table API record read with `sysparm_display_value=all`: the stored `value` and the
 * instance's `display_value` (a choice's label, a reference's display field such as its
 * number, a date in the user's zone); references add `link`. Every value is a string; an empty
 * reference is `""` in both.
 */
export interface ServiceNowField {
  value: string
  display_value: string
  link?: string
}

/** A Table API record (`/api/now/table/{table}` with `sysparm_display_value=all`). */
export type ServiceNowRecord = Partial<Record<string, ServiceNowField>>

/** A Table API list or record answer: `{"result": …}`. */
export interface ServiceNowResult<T> {
  result: T
}

/**
 * A `sys_audit` row (read with `sysparm_display_value=false`): one change of one field of one
 * record; `documentkey` is the record's sys_id, `sys_created_on` UTC (`2024-01-28 13:21:01`).
 */
export interface ServiceNowAuditRow {
  sys_id: string
  sys_created_on: string
  tablename: string
  documentkey: string
  fieldname: string
  oldvalue?: string
  newvalue?: string
  user?: string
}

/**
 * A `sys_history_line` row with its set's record (`set.id`, dot-walked): the history sets made
 * from sys_audit on demand, kept at most ~21 days. `old_value`/`new_value` are stored values.
 */
export interface ServiceNowHistoryLine {
  'set.id': string
  field: string
  old_value?: string
  new_value?: string
  update_time: string
}

/** A `sys_choice` row: one value of a choice field (`name` the table, `element` the field). */
export interface ServiceNowChoice {
  name: string
  element: string
  value: string
  label: string
  sequence?: string
  inactive?: string
  language?: string
}

/** One change of a record's state, whichever table it was read from. */
export interface ServiceNowStateChange {
  documentKey: string
  at: string
  from: string
  to: string
}

/** A record with what the connector read besides it: the input of the mapper. */
export interface ServiceNowItemPayload {
  table: string
  record: ServiceNowRecord
  /** The record's state changes, oldest first (stored values, not labels). */
  stateChanges: ServiceNowStateChange[]
  /** Where the changes came from: `sys_audit`, or `sys_history_line` when auditing is off. */
  historyFrom: 'sys_audit' | 'sys_history_line'
  /** The table's state labels by stored value, from `sys_choice`. */
  stateLabels: Readonly<Record<string, string>>
}
