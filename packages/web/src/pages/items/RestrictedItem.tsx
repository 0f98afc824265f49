import { Badge } from '@mantine/core'

/** The source the API gives an item in a value stream the reader may not see. */
export const RESTRICTED_SOURCE = 'restricted'

/** Whether a linked item is one the reader may not see (no key, title or link is sent for it). */
export function isRestricted(item: { source: string; restricted?: boolean }): boolean {
  return item.restricted === true || item.source === RESTRICTED_SOURCE
}

/** A linked item in a value stream the reader may not see: "restricted", never its title. */
export function RestrictedItem() {
  return (
    <Badge
      variant="outline"
      color="gray"
      size="sm"
      data-testid="restricted-item"
      title="In a value stream you may not see"
    >
      restricted
    </Badge>
  )
}
