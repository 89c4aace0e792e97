import type { Property } from '../../src/core/model.ts';
import { firstRepeat, type DeliverySource } from './delivery-view.ts';

/** No duplicate (at-most-once): no record's output reaches the downstream store twice. */
export function noDuplicateProcessing<St>(source: DeliverySource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'no-duplicate',
    kind: 'always',
    description: 'no record is processed twice',
    check(state) {
      const { processed } = source.delivery(state);
      const twice = firstRepeat(processed);
      return twice === undefined || `offset ${twice} was processed twice`;
    },
  };
}
