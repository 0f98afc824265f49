import { EVENT_STATUS, EVENT_TYPE, type FlowDataset } from '../model/flow-dataset'

/** Which dictionary of a dataset: statuses or artifact types. */
export type ValueKind = 'status' | 'type'

function kindOf(kind: ValueKind): number {
  return kind === 'status' ? EVENT_STATUS : EVENT_TYPE
}

/** The dataset dictionary of `kind` (keys are `qualify(source, name)`). */
export function dictionaryOf(dataset: FlowDataset, kind: ValueKind) {
  return kind === 'status' ? dataset.statuses : dataset.types
}

/**
 * Calls `visit(item, id)` once per item and distinct status (or type) id the item uses: its
 * initial value, and the `to` and `from` of each of its changes of that kind (so the current value,
 * the last change's `to`, is included).
 */
export function visitItemValues(
  dataset: FlowDataset,
  kind: ValueKind,
  visit: (item: number, id: number) => void,
): void {
  const eventKind = kindOf(kind)
  const initial = kind === 'status' ? dataset.initialStatus : dataset.initialType
  const lastItem = new Int32Array(dictionaryOf(dataset, kind).size).fill(-1)
  const emit = (item: number, id: number) => {
    if (id < 0 || lastItem[id] === item) return
    lastItem[id] = item
    visit(item, id)
  }
  for (let item = 0; item < dataset.itemCount; item++) {
    emit(item, initial[item]!)
    const end = dataset.eventOffset[item + 1]!
    for (let event = dataset.eventOffset[item]!; event < end; event++) {
      if (dataset.eventKind[event] !== eventKind) continue
      emit(item, dataset.eventValue[event]!)
      emit(item, dataset.eventFrom[event]!)
    }
  }
}

/** Per status (or type) id: the number of items that use it (see {@link visitItemValues}). */
export function countItemsPerValue(dataset: FlowDataset, kind: ValueKind): Uint32Array {
  const counts = new Uint32Array(dictionaryOf(dataset, kind).size)
  visitItemValues(dataset, kind, (_, id) => counts[id]!++)
  return counts
}

/** The item's current status (or type) id: its last change's `to`, else its initial value. */
export function currentValueOf(dataset: FlowDataset, kind: ValueKind, item: number): number {
  const eventKind = kindOf(kind)
  for (
    let event = dataset.eventOffset[item + 1]! - 1;
    event >= dataset.eventOffset[item]!;
    event--
  ) {
    if (dataset.eventKind[event] === eventKind) return dataset.eventValue[event]!
  }
  return kind === 'status' ? dataset.initialStatus[item]! : dataset.initialType[item]!
}
