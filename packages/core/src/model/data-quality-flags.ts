/**
 * Data-quality findings per item, as bits. History that cannot be right is kept as recorded,
 * reported per item with its reason and handled by the documented rule (FLOW-METRICS.md).
 */
export const QUALITY_FLAGS = {
  /** Identical changes (same instant, field, from, to) were recorded more than once. Rule: counted once. */
  duplicated_changes: 1 << 0,
  /** A change is recorded before the item's creation. Rule: the item is taken as created at its first change. */
  change_before_creation: 1 << 1,
  /** A change's `from` differs from the previous change's `to`. Rule: each change's `to` is trusted. */
  contradictory_history: 1 << 2,
  /** The item reached `done` without being in `waiting` or `active`. Rule: it starts at its end (flow time 0). */
  done_without_start: 1 << 3,
  /** `resolved` is before `created`. Rule: `resolved` is ignored; the status history decides the end. */
  resolved_before_created: 1 << 4,
  /** The item is created after the as-of time. Rule: left out of every computation. */
  created_after_as_of: 1 << 5,
  /** The item has no status history: its state since creation is its current state. */
  no_status_history: 1 << 6,
  /** Status changes share one instant. Rule: they are ordered by their from→to chain, then by value. */
  simultaneous_changes: 1 << 7,
  /** The item uses a status or type the mapping does not map. Rule: left out until it is mapped. */
  unmapped_value: 1 << 8,
  /**
   * The item is done or canceled since its creation, with no status change (a closed item exported
   * without a resolution date or history). Rule: it ends at its creation (lead time 0, completed in
   * its creation period); give it a resolution date or its history to fix it.
   */
  closed_without_resolution: 1 << 9,
  /**
   * The item was completed in a bulk close (see `findBulkCloses`). Rule: counted as recorded unless
   * the mapping's `quality.bulk_close` says otherwise; forecasts warn.
   */
  bulk_close: 1 << 10,
  /** A mapping rule (`treatAs: canceled`) ends the item as canceled for one of its findings. */
  canceled_by_rule: 1 << 11,
  /** A mapping rule (`treatAs: excluded`) leaves the item out of every figure for one of its findings. */
  excluded_by_rule: 1 << 12,
} as const
export type QualityFlag = keyof typeof QUALITY_FLAGS

/** Human-readable reason and rule per flag, for reports. */
export const QUALITY_FLAG_TEXT: Record<QualityFlag, string> = {
  duplicated_changes: 'identical changes recorded more than once; each is counted once',
  change_before_creation:
    'a change is recorded before the creation time; the item is taken as created at its first change',
  contradictory_history:
    "a change's from-value differs from the previous change's to-value; each change's to-value is trusted",
  done_without_start:
    'reached done without being waiting or active; it starts at its end (flow time 0)',
  resolved_before_created: 'resolved is before created; resolved is ignored',
  created_after_as_of: 'created after the as-of time; left out',
  no_status_history:
    'no status changes recorded; the current status is taken as the status since creation',
  simultaneous_changes:
    'several status changes share one instant; they are ordered by their from-to chain',
  unmapped_value:
    'uses a status or artifact type the mapping does not map; left out of every figure until it is mapped',
  closed_without_resolution:
    'done or canceled with no status change (closed without a resolution date); it ends at its creation: lead time 0, completed in its creation period',
  bulk_close:
    'completed in a bulk close (many items closed within minutes); counted as completed at that instant, which inflates throughput there and in forecast samples',
  canceled_by_rule:
    'a mapping rule (treatAs: canceled) ends it as canceled: not delivered, so out of velocity, flow time and throughput',
  excluded_by_rule: 'a mapping rule (treatAs: excluded) leaves it out of every figure',
}

/** The flags set in `bits`, in declaration order. */
export function listQualityFlags(bits: number): QualityFlag[] {
  return (Object.keys(QUALITY_FLAGS) as QualityFlag[]).filter(
    (flag) => (bits & QUALITY_FLAGS[flag]) !== 0,
  )
}
