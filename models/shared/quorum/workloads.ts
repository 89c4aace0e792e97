import type { ClientStep } from '../../../src/system/index.ts';
import type { RegisterOp } from '../../../properties/history/index.ts';

const write = (node: number, value: number): ClientStep<RegisterOp> => ({ node, input: { f: 'write', value } });
const read = (node: number): ClientStep<RegisterOp> => ({ node, input: { f: 'read' } });

/** A client's script of operations, one client per row. */
export type Script = readonly (readonly ClientStep<RegisterOp>[])[];

/** One write concurrent with two sequential reads at other coordinators: the shape of the new/old inversion. */
export const writeVersusTwoReads: Script = [[write(0, 1)], [read(1), read(2)]];

/** Two sequential writes at different coordinators, then a read: what counter versions and last-write-wins lose. */
export const twoWritesThenRead: Script = [[write(1, 1), write(0, 2)], [read(2)]];

/** Two writers at different coordinators, the second write concurrent with two sequential reads. */
export const twoWritesVersusTwoReads: Script = [[write(1, 1), write(0, 2)], [read(2), read(2)]];
