import { describe, expect, test } from 'vitest'
import { makeWorkItem } from '../testing/make-work-item'
import { createFlowFixture, itemIndex } from '../testing/flow-fixture'
import { NOT_ENDED } from './timelines'
import { QUALITY_FLAGS } from '../model/data-quality-flags'
import { STATE_CANCELED, STATE_DONE, FLOW_ITEM_TYPES } from '../model/flow-vocabulary'
import { parseInstant, MS_PER_DAY } from '../time/instant'

const day = (d: number, h = 0) =>
  `2024-01-${String(d).padStart(2, '0')}T${String(h).padStart(2, '0')}:00:00Z`
const at = (d: number, h = 0) => parseInstant(day(d, h))

function timelineOf(
  records: Parameters<typeof createFlowFixture>[0],
  key: string,
  asOf = '2024-02-01T00:00:00Z',
) {
  const input = createFlowFixture(records, asOf)
  const i = itemIndex(input, key)
  const t = input.timelines
  return {
    start: t.startMs[i]!,
    end: t.endMs[i]!,
    endState: t.endState[i]!,
    activeDays: t.activeMs[i]! / MS_PER_DAY,
    reopens: t.reopenCount[i]!,
    flowItem: FLOW_ITEM_TYPES[t.flowItem[i]!],
    quality: t.quality[i]!,
    included: t.included[i]!,
    typeChanged: t.typeChanged[i]!,
  }
}

describe('timelines', () => {
  test('start is the first waiting or active moment and end the start of the final done stretch', () => {
    const item = makeWorkItem({
      key: 'A',
      path: [
        [day(2), 'In Progress'],
        [day(4), 'Awaiting QA'],
        [day(5), 'In QA'],
        [day(6), 'Done'],
      ],
    })
    const t = timelineOf([item], 'A')
    expect([t.start, t.end, t.endState]).toEqual([at(2), at(6), STATE_DONE])
    expect(t.activeDays).toBe(3)
  })

  test('a reopened item is in progress until its next end and counts its reopen', () => {
    const item = makeWorkItem({
      key: 'R',
      path: [
        [day(2), 'In Progress'],
        [day(3), 'Done'],
        [day(5), 'In Progress'],
        [day(7), 'Done'],
      ],
    })
    const t = timelineOf([item], 'R')
    expect([t.start, t.end, t.reopens, t.activeDays]).toEqual([at(2), at(7), 1, 3])
    const reopenedNow = timelineOf([item], 'R', day(6))
    expect([reopenedNow.end, reopenedNow.endState, reopenedNow.activeDays]).toEqual([
      NaN,
      NOT_ENDED,
      2,
    ])
  })

  test('time back in the backlog after the start stays inside flow time and is not active', () => {
    const item = makeWorkItem({
      key: 'B',
      path: [
        [day(2), 'In Progress'],
        [day(3), 'Backlog'],
        [day(6), 'In Progress'],
        [day(7), 'Done'],
      ],
    })
    const t = timelineOf([item], 'B')
    expect([t.start, t.end, t.activeDays]).toEqual([at(2), at(7), 2])
  })

  test('an item created directly in an active state starts at creation', () => {
    const item = makeWorkItem({ key: 'C', initialStatus: 'In Progress', path: [[day(3), 'Done']] })
    const t = timelineOf([item], 'C')
    expect([t.start, t.end, t.activeDays]).toEqual([at(1), at(3), 2])
  })

  test('an item that skips from new to done starts at its end and is flagged', () => {
    const t = timelineOf([makeWorkItem({ key: 'S', path: [[day(4), 'Done']] })], 'S')
    expect([t.start, t.end]).toEqual([at(4), at(4)])
    expect(t.quality & QUALITY_FLAGS.done_without_start).toBeTruthy()
  })

  test('a canceled item ends in canceled', () => {
    const t = timelineOf(
      [
        makeWorkItem({
          key: 'X',
          path: [
            [day(2), 'In Progress'],
            [day(3), "Won't Do"],
          ],
        }),
      ],
      'X',
    )
    expect([t.end, t.endState]).toEqual([at(3), STATE_CANCELED])
  })

  test('done then closed is one stretch that ends at done', () => {
    const t = timelineOf(
      [
        makeWorkItem({
          key: 'D',
          path: [
            [day(2), 'In Progress'],
            [day(4), 'Done'],
            [day(6), 'Closed'],
          ],
        }),
      ],
      'D',
    )
    expect(t.end).toBe(at(4))
  })

  test('the type of a completed item is its type at its end when the type changed over time', () => {
    const item = makeWorkItem({
      key: 'T',
      type: 'Bug',
      path: [
        [day(2), 'In Progress'],
        [day(3), 'In Progress', 'Story'],
        [day(4), 'Done'],
      ],
    })
    expect(timelineOf([item], 'T').flowItem).toBe('feature')
    const later = makeWorkItem({
      key: 'U',
      type: 'Bug',
      path: [
        [day(2), 'In Progress'],
        [day(4), 'Done'],
        [day(9), 'Done', 'Story'],
      ],
    })
    expect(timelineOf([later], 'U').flowItem).toBe('defect')
    expect(timelineOf([item], 'T').typeChanged).toBe(1)
    expect(timelineOf([later], 'U').typeChanged).toBe(1)
    // the type change after the as-of time is ignored, like every later change
    expect(timelineOf([later], 'U', day(5)).typeChanged).toBe(0)
    expect(
      timelineOf([makeWorkItem({ key: 'V', path: [[day(2), 'Done']] })], 'V').typeChanged,
    ).toBe(0)
  })

  test('unsorted and duplicated changes give the same timeline as sorted ones and are flagged', () => {
    const sorted = makeWorkItem({
      key: 'S1',
      path: [
        [day(2), 'In Progress'],
        [day(4), 'Awaiting QA'],
        [day(6), 'Done'],
      ],
    })
    const [c1, c2, c3] = sorted.changes
    const messy = { ...sorted, key: 'S2', changes: [c3!, c1!, c2!, c1!] }
    const a = timelineOf([sorted, messy], 'S1')
    const b = timelineOf([sorted, messy], 'S2')
    expect({ ...b, quality: 0 }).toEqual({ ...a, quality: 0 })
    expect(b.quality & QUALITY_FLAGS.duplicated_changes).toBeTruthy()
  })

  test('changes after the as-of time are ignored', () => {
    const item = makeWorkItem({
      key: 'F',
      path: [
        [day(2), 'In Progress'],
        [day(6), 'Done'],
      ],
    })
    const t = timelineOf([item], 'F', day(4, 12))
    expect([t.start, t.end, t.endState, t.activeDays]).toEqual([at(2), NaN, NOT_ENDED, 2.5])
  })

  test('an item created after the as-of time is left out and flagged', () => {
    const t = timelineOf([makeWorkItem({ key: 'L', created: day(10) })], 'L', day(5))
    expect(t.included).toBe(0)
    expect(t.quality & QUALITY_FLAGS.created_after_as_of).toBeTruthy()
    expect([t.start, t.end, t.endState, t.activeDays]).toEqual([NaN, NaN, NOT_ENDED, 0])
  })

  test('a change before creation moves creation to the first change and is flagged', () => {
    const item = makeWorkItem({
      key: 'E',
      created: day(3),
      path: [
        [day(2), 'In Progress'],
        [day(4), 'Done'],
      ],
    })
    const input = createFlowFixture([item], '2024-02-01T00:00:00Z')
    expect(input.dataset.createdMs[0]).toBe(at(2))
    expect(input.timelines.quality[0]! & QUALITY_FLAGS.change_before_creation).toBeTruthy()
  })
})
