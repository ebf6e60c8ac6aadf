/** The example request of Hamgam's "Update Order Item" page (https://vd.hamgam.online/docs/core/orders/items/update), verbatim. */
export const documentedItemUpdateRequest = { quantity: 3, unit_discount: 5.0 } as const
