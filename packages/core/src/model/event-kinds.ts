/** Event kind in `FlowDataset.eventKind`: a status change. */
export const EVENT_STATUS = 0
/** Event kind in `FlowDataset.eventKind`: an artifact-type change. */
export const EVENT_TYPE = 1
