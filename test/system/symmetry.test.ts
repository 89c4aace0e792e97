import { describe, expect, it } from 'vitest';
import { runCli } from '../helpers/cli.ts';
import { rememberCatalogModule } from '../../src/cli/model-recipe.ts';
import { ModelContractError } from '../../src/core/errors.ts';
import { defineModel, type Model, type Property } from '../../src/core/model.ts';
import { bfs } from '../../src/explore/bfs.ts';
import { fp } from '../../src/core/fingerprint.ts';
import { compileSystem, crash, defineRole, defineSystem, type NodeId, type Rename, type SystemState, withoutSymmetry } from '../../src/system/index.ts';
import { client } from '../../models/quorum-register/client.ts';
import { replica } from '../../models/quorum-register/replica.ts';
import { checkContract, checkSymmetric, expectReductionSound, expectSymmetric } from '../../src/testing/index.ts';
import { resolveParams } from '../../src/core/params.ts';
import { quorumStoreModel } from '../../models/quorum-store/quorum-store.ts';
import { capModel } from '../../models/cap/cap.ts';
import { quorumRegister, quorumRegisterModel } from '../../models/quorum-register/quorum-register.ts';

/** A poll: the coordinator asks every voter; each answers with its own id inside the message; the coordinator lists who answered. */
type PollMessage = { readonly type: 'Ask' } | { readonly type: 'Answer'; readonly voter: NodeId };
interface Coordinator {
  readonly answered: readonly NodeId[];
}

const voter = defineRole<{ readonly asked: boolean }, PollMessage, string, string, never>({
  init: () => ({ asked: false }),
  on: {
    Ask(state, _msg, from, ctx) {
      ctx.send(from, { type: 'Answer', voter: ctx.self });
      return { asked: true };
    },
  },
});

const coordinator = (relabel: boolean) =>
  defineRole<Coordinator, PollMessage, string, string, never>({
    init: () => ({ answered: [] }),
    onRequest(state, _request, ctx) {
      ctx.broadcast(ctx.nodes('voter'), { type: 'Ask' });
      return state;
    },
    on: {
      Answer(state, msg, _from, ctx) {
        const answered = [...state.answered, msg.voter].sort((a, b) => a - b);
        if (answered.length === ctx.nodes('voter').length) ctx.reply(0, 'all answered');
        return { answered };
      },
    },
    ...(relabel ? { relabel: (state: Coordinator, rename: Rename) => ({ answered: state.answered.map(rename).sort((a, b) => a - b) }) } : {}),
  });

interface PollOptions {
  readonly relabelMessage?: boolean;
  readonly relabelState?: boolean;
  readonly properties?: readonly Property<SystemState<any, any, any, any>>[];
}

const poll = (options: PollOptions = {}) =>
  defineSystem({
    roles: { coordinator: coordinator(options.relabelState ?? true), voter },
    nodes: [{ role: 'coordinator', name: 'c' }, ...[0, 1, 2].map((i) => ({ role: 'voter' as const, name: `v${i}` }))],
    network: 'unordered',
    workload: [[{ node: 'c', input: 'poll' }]],
    faults: { budget: 1, kinds: [crash()] },
    symmetry: {
      roles: ['voter'],
      ...((options.relabelMessage ?? true) ? { relabelMessage: (msg: PollMessage, rename: Rename) => (msg.type === 'Answer' ? { ...msg, voter: rename(msg.voter) } : msg) } : {}),
    },
    properties: () => options.properties ?? [{ name: 'everyone-answers', kind: 'sometimes', description: 'all three voters answer', check: (s) => (s.nodes[0] as Coordinator).answered.length === 3 }],
  });

const pollModel = (options: PollOptions = {}) =>
  defineModel({
    name: 'poll',
    description: 'a coordinator polls three interchangeable voters',
    params: {},
    variants: { standard: { description: 'as declared', setup: options, expect: { 'everyone-answers': 'holds' } } },
    build: (variant) => poll(variant.setup),
  });

/** The quorum register's roles with stepwise sending, its replicas declared interchangeable anyway. */
function stepwiseWithSymmetry() {
  const roles = { replica, client: client({ quorum: 2, clients: 1, sending: 'stepwise', guard: true }) };
  return defineSystem({
    roles,
    nodes: [...[0, 1, 2].map((i) => ({ role: 'replica' as const, name: `r${i}` })), { role: 'client', name: 'c0' }],
    network: 'fifo',
    workload: [[{ node: 'c0', input: { f: 'write', value: 1 } }]],
    symmetry: { roles: ['replica'] },
  });
}

/** The poll's model with its symmetry left out. */
function compileSystemWithout(definition: ReturnType<typeof pollModel>) {
  return withoutSymmetry(definition.build('standard', {}));
}

describe('declared symmetry', () => {
  it('check --no-symmetry explores the same variant without it: more states, the same verdicts and lengths', async () => {
    const args = ['check', 'quorum-register/minority', '--param', 'replicas=3', '--json'];
    const [reduced, plain] = [JSON.parse((await runCli(...args)).out).results[0], JSON.parse((await runCli(...args, '--no-symmetry')).out).results[0]];
    const summary = (r: { distinctStates: number; bounds: string; properties: { name: string; verdict: string; counterexample?: { steps: unknown[] } }[] }) => [
      r.distinctStates,
      r.bounds.endsWith('; symmetry: r0, r1, r2 interchangeable'),
      r.properties.map((p) => `${p.name}:${p.verdict}:${p.counterexample?.steps.length ?? '-'}`),
    ];
    expect(summary(reduced)).toEqual([11_776, true, ['regular:violated:13', 'reads-another-write:holds:-']]);
    expect(summary(plain)).toEqual([60_744, false, ['regular:violated:13', 'reads-another-write:holds:-']]);
    // Worker threads build the model with its symmetry too: the same counts as one thread.
    rememberCatalogModule(new URL('../../models/catalog.ts', import.meta.url).href);
    const counts = async (...extra: string[]) => {
      // Past the 4,096 states from which bfs hashes near the parent, which a model's own fingerprint skips.
      const r = JSON.parse((await runCli('check', 'quorum-store/abd-five', '--json', ...extra)).out).results[0];
      return [r.distinctStates, r.generatedStates, r.depth];
    };
    // Workers go without sleep sets, so they generate what one thread does without them.
    expect(await counts('--workers', '2')).toEqual(await counts());
    expect(await counts()).toEqual([51_074, 325_850, 31]);
    // Sleep sets (one thread only) spare some successors, no state.
    expect(await counts('--sleep-sets')).toEqual([51_074, 289_821, 31]);
    const both = await runCli('check', 'quorum-register', '--no-symmetry', '--workers', '2');
    expect([both.code, both.err.trim()]).toEqual([2, 'faultline: check: --no-symmetry does not combine with --workers yet (each worker builds its own model); drop one of them']);
  });

  it('merges states that differ by a renaming of the replicas: the quorum register at 3 replicas, 60,744 states to 11,776, the same 13-step counterexample', async () => {
    const report = await expectReductionSound(quorumRegisterModel, 'minority', 'canonical', { params: { replicas: '3' } });
    expect([report.plain.distinctStates, report.reduced.distinctStates]).toEqual([60_744, 11_776]);
    expect(report.reduced.properties.find((p) => p.name === 'regular')!.counterexample!.steps).toHaveLength(13);
  });

  it('is a symmetry of the quorum register with batch sending, and the representative keeps to the kernel contract', () => {
    expect(expectSymmetric(quorumRegisterModel, 'majority', { params: { replicas: '3' }, maxStates: 500 })).toEqual({ states: 500, renamings: 2 });
    const model = quorumRegisterModel.build('majority', { replicas: 3, clients: 2, Q: 2, sending: 'batch' });
    expect(checkContract(model, 'quorum-register/majority', 300).states).toBe(300);
  });

  it('prints the groups in the bounds line; withoutSymmetry (check --no-symmetry) drops it and its clause', () => {
    const on = quorumRegisterModel.build('majority', { replicas: 3, clients: 2, Q: 2, sending: 'batch' });
    expect(on.bounds).toMatch(/; workload c0: write 1 at c0, read at c0 \| c1: write 2 at c1, read at c1; symmetry: r0, r1, r2 interchangeable$/);
    const off = withoutSymmetry(on);
    expect([off.canonical, 'symmetry' in off, off.bounds]).toEqual([undefined, false, on.bounds!.replace('; symmetry: r0, r1, r2 interchangeable', '')]);
    const stepwise = quorumRegisterModel.build('majority', { replicas: 3, clients: 2, Q: 2, sending: 'stepwise' });
    expect([stepwise.canonical, withoutSymmetry(stepwise)]).toEqual([undefined, stepwise]);
    expect(() => withoutSymmetry({ ...on, canonical: (s: unknown) => s })).toThrow("the model's canonical is not its declared symmetry's representative, so symmetry cannot be switched off alone");
  });

  it('finds an asymmetric handler: stepwise sending walks the replicas in id order', () => {
    // Declared by hand here: the family declares no symmetry under stepwise sending, for this reason.
    const stepwise = stepwiseWithSymmetry();
    expect(() => checkSymmetric(stepwise, 'stepwise')).toThrow(/^stepwise: r0 and r1 are not interchangeable: after 'c0 timer send-next fires' the renamed successor is not a successor of the renamed state/);
  });

  it('quorum-store/abd-five: the two replicas the workload does not name are interchangeable (ids in versions, answer bit sets), 92,740 states to 51,074', async () => {
    const report = await expectReductionSound(quorumStoreModel, 'abd-five', 'canonical');
    expect([report.plain.distinctStates, report.reduced.distinctStates]).toEqual([92_740, 51_074]);
    expect(report.reduced.properties.map((p) => p.verdict)).toEqual(['holds', 'holds']);
    expect(expectSymmetric(quorumStoreModel, 'abd-five', { maxStates: 300 })).toEqual({ states: 300, renamings: 1 });
    // At three replicas the workload names them all: nothing is interchangeable, and nothing is declared.
    expect(quorumStoreModel.build('abd', resolveParams(quorumStoreModel, 'abd')).canonical).toBeUndefined();
  });

  it('cap at five replicas: a lasting partition keeps its flag under renaming (the kit found it dropped)', () => {
    expect(expectSymmetric(capModel, 'cp', { params: { replicas: '5' }, maxStates: 400 })).toEqual({ states: 400, renamings: 1 });
    const model = capModel.build('cp', resolveParams(capModel, 'cp', { replicas: '5' })) as unknown as { symmetry: { relabel(s: unknown, p: number[]): { partition: number } } } & ReturnType<typeof capModel.build>;
    const start = model.init()[0] as { partition: number };
    const lasting = { ...start, partition: (1 << 30) | 0b01000 }; // {n3} apart, for good
    expect(model.symmetry.relabel(lasting, [0, 1, 2, 4, 3]).partition).toBe((1 << 30) | 0b10000);
    expect(model.symmetry.relabel({ ...start, partition: 0b11110 }, [0, 1, 2, 4, 3]).partition).toBe(0b11110);
  });

  it('relabels ids inside messages and states; a forgotten relabelling is found', async () => {
    const sound = await expectReductionSound(pollModel(), 'standard', 'canonical');
    expect(sound.reduced.distinctStates).toBeLessThan(sound.plain.distinctStates);
    // Every reachable state checked (the poll is small): as many as an exhaustive search without symmetry counts.
    const plain = compileSystemWithout(pollModel());
    expect(expectSymmetric(pollModel()).states).toBe(bfs(plain, { exhaustive: true }).distinctStates);
    expect(() => checkSymmetric(poll({ relabelMessage: false }), 'poll')).toThrow(/^poll: v0 and v1 are not interchangeable: after 'deliver Ask c→v0' the renamed successor is not a successor of the renamed state/);
    expect(() => checkSymmetric(poll({ relabelState: false }), 'poll')).toThrow(/v\d and v\d are not interchangeable/);
  });

  it('finds a property that names one of the interchangeable nodes', () => {
    const first: Property<SystemState<any, any, any, any>> = { name: 'v0-answers-first', kind: 'sometimes', description: 'v0 answers first', check: (s) => (s.nodes[0] as Coordinator).answered[0] === 1 };
    expect(() => checkSymmetric(poll({ properties: [first] }), 'poll')).toThrow("poll: v0 and v1 are not interchangeable: property 'v0-answers-first' judges the state and its renaming differently");
  });

  it("the fingerprint computed from the parts tells apart exactly what the representative does (the same counts as hashing canonical(s))", () => {
    const models = [
      quorumRegister({ replicas: 2, clients: 2, quorum: 2, sending: 'batch' }),
      quorumStoreModel.build('abd-five', resolveParams(quorumStoreModel, 'abd-five')),
      poll(),
    ].map((m) => m as unknown as Model<unknown, unknown>);
    for (const model of models) {
      const { fingerprint: _fingerprint, ...byCanonical } = model;
      const counts = (m: Model<unknown, unknown>) => {
        const r = bfs(m, { exhaustive: true, maxStates: 100_000 });
        expect(r.complete).toBe(true);
        return [r.distinctStates, r.generatedStates, r.depth];
      };
      expect(counts(model)).toEqual(counts(byCanonical));
    }
  });

  it('a representative fingerprint reusing the last state\'s part hashes equals one computed afresh, state after state', () => {
    const build = () => quorumStoreModel.build('abd-five', resolveParams(quorumStoreModel, 'abd-five', { faults: '1' })) as unknown as Model<unknown, unknown>;
    const [sequential, fresh] = [build(), build()];
    const hex = (model: Model<unknown, unknown>, state: unknown) => {
      model.fingerprint!(state);
      return fp.hi.toString(16) + ':' + fp.lo.toString(16);
    };
    // Siblings in expansion order, as bfs fingerprints them; the fresh instance first hashes an unrelated state.
    const start = sequential.init()[0]!;
    let level: unknown[] = [start];
    let compared = 0;
    for (let depth = 0; depth < 6; depth++) {
      const next: unknown[] = [];
      for (const state of level.slice(0, 60)) {
        for (const action of sequential.actions(state)) {
          const successor = sequential.next(state, action);
          hex(fresh, start);
          const expected = hex(fresh, successor);
          expect(hex(sequential, successor)).toBe(expected);
          next.push(successor);
          compared++;
        }
      }
      level = next;
    }
    expect(compared).toBeGreaterThan(1000);
  });

  it('refuses a fault kind that treats members apart, seen in the first steps', () => {
    const restricted = defineSystem({
      roles: { coordinator: coordinator(true), voter },
      nodes: [{ role: 'coordinator', name: 'c' }, ...[0, 1, 2].map((i) => ({ role: 'voter' as const, name: `v${i}` }))],
      network: 'unordered',
      workload: [[{ node: 'c', input: 'poll' }]],
      faults: { budget: 1, kinds: [crash({ nodes: ['v0'] })] },
      symmetry: { roles: ['voter'] },
    });
    expect(() => restricted.init()).toThrow("symmetry: v0 and v1 are not interchangeable: swapping them changes the initial state's successors (a fault kind or handler treats them apart)");
  });

  it('refuses groups the layer can tell are not interchangeable', () => {
    const base = { nodes: 3, network: 'unordered' as const, onRequest: (s: number) => s, workload: [[{ node: 1, input: 'x' }]] };
    expect(() => compileSystem({ ...base, init: () => 0, symmetry: { groups: [[1, 2]] } })).toThrow(new ModelContractError('symmetry: n1 is named by the workload, so it is not interchangeable with the other nodes of its group'));
    expect(() => compileSystem({ ...base, init: () => 0, symmetry: { groups: [[0, 2, 0]] } })).toThrow('symmetry names n0 twice');
    const uneven = compileSystem({ ...base, init: (node: NodeId) => node, symmetry: { groups: [[0, 2]] } });
    expect(() => uneven.init()).toThrow('symmetry: n0 and n2 are not interchangeable: swapping them changes the initial state');
    expect(() => defineSystem({ roles: { voter }, nodes: [{ role: 'voter' }], network: 'unordered', workload: [], symmetry: { roles: ['coordinator' as 'voter'] } })).toThrow("symmetry names role 'coordinator', which no node plays");
  });

  it('keeps counterexamples concrete: every step of a reduced search replays on the model without symmetry', () => {
    const reduced = quorumRegister({ replicas: 3, clients: 2, quorum: 1, sending: 'batch' });
    const plain = withoutSymmetry(reduced);
    const trace = bfs(reduced).properties.find((p) => p.name === 'regular')!.counterexample!;
    let state = plain.init()[trace.initIndex]!;
    for (const step of trace.steps) {
      const action = plain.actions(state)[step.actionIndex]!;
      expect(JSON.stringify(action)).toBe(JSON.stringify(step.action));
      state = plain.next(state, action);
    }
    expect(plain.properties.find((p) => p.name === 'regular')!.check(state)).not.toBe(true);
  });
});
