/** The example request of Hamgam's "Update Order Item" page (seed 002), verbatim. */
export const documentedItemUpdateRequest = { quantity: 3, unit_discount: 5.0 } as const
