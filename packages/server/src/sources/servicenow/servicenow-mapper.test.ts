import { describe, expect, test } from 'vitest'
import { auditRowsToChanges, choiceLabels, historyLinesToChanges } from './servicenow-history'
import { serviceNowInstant, serviceNowItemToRecord } from './servicenow-mapper'
import type { ServiceNowItemPayload, ServiceNowRecord } from './servicenow-payloads'

const field = (value: string, display_value = value) => ({ value, display_value })

const CHANGE_LABELS = choiceLabels([
  { name: 'change_request', element: 'state', value: '-5', label: 'New', sequence: '0' },
  { name: 'change_request', element: 'state', value: '-1', label: 'Implement', sequence: '4' },
  { name: 'change_request', element: 'state', value: '3', label: 'Closed', sequence: '6' },
  { name: 'change_request', element: 'state', value: '4', label: 'Canceled', sequence: '7' },
  { name: 'change_request', element: 'state', value: '9', label: 'Old', inactive: 'true' },
])

function change(overrides: ServiceNowRecord = {}): ServiceNowRecord {
  return {
    sys_id: field('a9e30c7dc61122760116894de7bcc7bd'),
    number: field('CHG0000024'),
    short_description: field('Upgrade the payments database (see PAY-12)'),
    description: field('Rollout for INC0010001'),
    state: field('3', 'Closed'),
    sys_created_on: field('2026-02-01 08:00:00'),
    sys_updated_on: field('2026-02-03 17:30:00'),
    closed_at: field('2026-02-03 17:30:00'),
    parent: field('', ''),
    caused_by: field('', ''),
    ...overrides,
  }
}

function payload(over: Partial<ServiceNowItemPayload> = {}): ServiceNowItemPayload {
  return {
    table: 'change_request',
    record: change(),
    historyFrom: 'sys_audit',
    stateLabels: CHANGE_LABELS,
    stateChanges: auditRowsToChanges([
      // sys_audit rows as the Table API lists them, out of order
      {
        sys_id: '2',
        documentkey: 'a9e3',
        tablename: 'change_request',
        fieldname: 'state',
        oldvalue: '-1',
        newvalue: '3',
        sys_created_on: '2026-02-03 17:30:00',
      },
      {
        sys_id: '1',
        documentkey: 'a9e3',
        tablename: 'change_request',
        fieldname: 'state',
        oldvalue: '-5',
        newvalue: '-1',
        sys_created_on: '2026-02-02 09:15:00',
      },
    ]),
    ...over,
  }
}

const map = (p: ServiceNowItemPayload) =>
  serviceNowItemToRecord(p, { source: 'snow', instanceUrl: 'https://acme.service-now.com' })

describe('serviceNowItemToRecord', () => {
  test('audit rows become status changes labelled with the instance sys_choice labels', () => {
    const result = map(payload())
    expect(result.ok).toBe(true)
    if (!result.ok) return
    expect(result.record).toMatchObject({
      key: 'CHG0000024',
      type: 'change',
      project: 'change_request',
      status: 'Closed',
      created: '2026-02-01T08:00:00Z',
      resolved: '2026-02-03T17:30:00Z',
      url: 'https://acme.service-now.com/change_request.do?sys_id=a9e30c7dc61122760116894de7bcc7bd',
      title: 'Upgrade the payments database (see PAY-12)',
    })
    expect(result.record.fields).toMatchObject({
      body: 'Rollout for INC0010001',
      historyFrom: 'sys_audit',
    })
    expect(result.record.changes).toEqual([
      { at: '2026-02-02T09:15:00Z', field: 'status', from: 'New', to: 'Implement' },
      { at: '2026-02-03T17:30:00Z', field: 'status', from: 'Implement', to: 'Closed' },
    ])
    expect(result.warnings).toEqual([])
  })

  test('a canceled change keeps the instance label Canceled, and inactive choices are not used', () => {
    const result = map(
      payload({ record: change({ state: field('4', 'Canceled') }), stateChanges: [] }),
    )
    expect(result.ok && result.record.status).toBe('Canceled')
    expect(CHANGE_LABELS['9']).toBeUndefined()
  })

  test('history that does not end in the state now gets one correcting change when history sets expired', () => {
    const lines = historyLinesToChanges([
      {
        'set.id': 'a9e3',
        field: 'state',
        old_value: '-5',
        new_value: '-1',
        update_time: '2026-02-02 09:15:00',
      },
    ])
    const result = map(payload({ stateChanges: lines, historyFrom: 'sys_history_line' }))
    if (!result.ok) throw new Error(result.reason)
    expect(result.record.changes.at(-1)).toEqual({
      at: '2026-02-03T17:30:00Z',
      field: 'status',
      from: 'Implement',
      to: 'Closed',
    })
    expect(result.record.fields).toMatchObject({
      historyCorrected: true,
      historyFrom: 'sys_history_line',
    })
  })

  test('a state without a sys_choice label falls back to the value, reference fields become links', () => {
    const result = map(
      payload({
        table: 'sc_req_item',
        stateLabels: {},
        stateChanges: [],
        record: change({
          number: field('RITM0010001'),
          state: field('2', '2'),
          request: field('b1c2', 'REQ0010001'),
          caused_by: field('c3d4', 'CHG0000024'),
        }),
      }),
    )
    if (!result.ok) throw new Error(result.reason)
    expect(result.record).toMatchObject({
      type: 'requested_item',
      status: '2',
      parent: 'REQ0010001',
    })
    expect(result.record.links).toEqual([
      { type: 'parent', target: 'REQ0010001' },
      { type: 'caused_by', target: 'CHG0000024' },
    ])
  })

  test('reference fields are left out when links are off', () => {
    const record = change({ parent: field('p1', 'CHG0000001') })
    const result = serviceNowItemToRecord(payload({ record }), {
      source: 'snow',
      instanceUrl: 'https://acme.service-now.com',
      links: false,
    })
    expect(result.ok && [result.record.parent, result.record.links]).toEqual([undefined, undefined])
  })

  test('a record without a valid sys_created_on or state is refused with the reason', () => {
    const noDate = map(payload({ record: change({ sys_created_on: field('19/01/2016') }) }))
    expect(noDate).toEqual({
      ok: false,
      reason: 'CHG0000024: sys_created_on "19/01/2016" is not a date',
    })
    const noState = map(payload({ record: change({ state: undefined }) }))
    expect(noState).toEqual({ ok: false, reason: 'CHG0000024: state is missing' })
  })

  test('ServiceNow UTC date-times become ISO instants and anything else is refused', () => {
    expect(serviceNowInstant('2016-01-19 04:52:04')).toBe('2016-01-19T04:52:04Z')
    expect(serviceNowInstant('2016-01-19T04:52:04')).toBeUndefined()
    expect(serviceNowInstant('2016-02-30 04:52:04')).toBeUndefined()
  })
})
