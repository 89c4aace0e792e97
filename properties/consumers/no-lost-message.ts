import type { Property } from '../../src/core/model.ts';
import type { DeliverySource } from './delivery-view.ts';

/**
 * No message lost (at-least-once): every record is processed, held by a live member that will
 * process it, or still readable by the group. A record that is none of these can never be
 * processed: the committed offset moved past it (committed before processing, then a crash) or
 * retention deleted it before the group read it. Judged over what was processed, not fetched.
 */
export function noLostMessage<St>(source: DeliverySource<St>, options: { readonly name?: string } = {}): Property<St> {
  return {
    name: options.name ?? 'no-lost-message',
    kind: 'always',
    description: 'every record is processed, in a live member’s hands, or still readable from the committed offset',
    check(state) {
      const view = source.delivery(state);
      for (let offset = 0; offset < view.records; offset++) {
        if (view.processed.includes(offset) || view.inHand.includes(offset)) continue;
        if (offset < view.logStart) return `offset ${offset} was deleted by retention (the log starts at ${view.logStart}) before any member processed it`;
        if (offset < view.committed) return `offset ${offset} was never processed, but the group's committed offset ${view.committed} is past it: no member will read it again`;
      }
      return true;
    },
  };
}
