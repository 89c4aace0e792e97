import { describe, expect, it } from 'vitest';
import type { BrokerState } from '../../models/partitioned-log/broker.ts';
import type { ControllerState } from '../../models/partitioned-log/controller.ts';
import { partitionedLogModel as definition } from '../../models/partitioned-log/partitioned-log.ts';
import { resolveParams } from '../../src/core/params.ts';

/**
 * The isolation fault kind (models/partitioned-log/isolation.ts): a broker cut off with the
 * clients, the controller's session with it expiring while it is cut off, and its registration
 * at the heal. Nodes: b0 = 0, b1 = 1, ctl = 2, prod0 = 3.
 */
const model = definition.build('isolated-leader', resolveParams(definition, 'isolated-leader'));
type St = ReturnType<typeof model.init>[number];
const lines = (s: St) => model.actions(s).map((a) => model.describeAction!(a, s));
const step = (s: St, line: string) => {
  const action = model.actions(s).find((a) => model.describeAction!(a, s) === line);
  if (action === undefined) throw new Error(`no action '${line}' among: ${lines(s).join(' | ')}`);
  return model.next(s, action);
};
const controller = (s: St) => (s.nodes[2] as ControllerState).partitions[0]!;
const broker = (s: St, b: number) => (s.nodes[b] as BrokerState).partitions[0]!;

describe('isolation of a broker with the clients', () => {
  const start = model.init()[0]!;
  const cut = step(start, 'partition {b0,prod0} | {b1,ctl}');

  it('cuts one broker off with the clients, one side per broker, and spends the fault', () => {
    expect(lines(start).filter((l) => l.startsWith('partition'))).toEqual(['partition {b0,prod0} | {b1,ctl}', 'partition {b0,ctl} | {b1,prod0}']);
    expect(lines(cut).filter((l) => l.startsWith('partition'))).toEqual([]);
    expect(model.isFault!(model.actions(start).find((a) => model.describeAction!(a, start).startsWith('partition'))!)).toBe(true);
  });

  it('lets the session of the cut-off broker expire, and only while it is cut off', () => {
    expect(lines(start).some((l) => l.includes('session'))).toBe(false);
    expect(lines(cut).filter((l) => l.includes('session') || l.startsWith('heal'))).toEqual(["ctl's session with b0 expires", 'heal']);
  });

  it('at expiry the controller elects another in-sync replica, while the cut-off leader still believes it leads', () => {
    const expired = step(cut, "ctl's session with b0 expires");

    expect(controller(expired)).toMatchObject({ leader: 1, epoch: 1, isr: 0b10 });
    expect(broker(expired, 0)).toMatchObject({ leader: 0, epoch: 0 });
    expect(lines(expired).some((l) => l.includes('session'))).toBe(false);
  });

  it('at the heal the broker whose session expired registers again; a heal before the expiry changes nothing else', () => {
    const expired = step(cut, "ctl's session with b0 expires");
    const healed = step(expired, 'heal; b0 registers again');
    const early = step(cut, 'heal');

    expect(healed.partition).toBe(0);
    expect(healed).not.toHaveProperty('expired');
    expect(lines(healed)).toContain('deliver Register b0→ctl');
    expect(early.partition).toBe(0);
    expect(lines(early).some((l) => l.includes('Register'))).toBe(false);
  });
});
