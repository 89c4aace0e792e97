/**
 * What `npm run bench` measures: groups of rows, each a faultline configuration and, where one
 * exists, the peer it is compared with in the same run.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SpinConfig } from './peer-spin.ts';
import { twoPhasePromela } from './spin/two-phase-pml.ts';

/** Where a benchmarked model comes from. */
export type ModelSource =
  | { readonly kind: 'two-phase'; readonly rms: number; readonly plain: boolean }
  | {
      readonly kind: 'catalog';
      readonly family: string;
      readonly variant: string;
      readonly params?: Readonly<Record<string, string>>;
      /** False: built without its declared symmetry (`check --no-symmetry`); one worker only. */
      readonly symmetry?: false;
    };

/** One faultline run: a model, the number of workers, engine options (reductions among them). */
export interface FaultlineConfig {
  readonly source: ModelSource;
  readonly workers?: number;
  readonly options?: Readonly<Record<string, unknown>>;
}

/** The figures a faultline child prints. */
export interface FaultlineFigures {
  readonly distinct: number;
  readonly generated: number;
  readonly depth: number;
  readonly complete: boolean;
  readonly verdicts: Readonly<Record<string, string>>;
  /** Steps of each counterexample found (shortest ones: bfs). */
  readonly shortest: Readonly<Record<string, number>>;
  readonly seconds: number;
  /** CPU seconds of the search (user + system, every worker's included). */
  readonly cpuSeconds: number;
  readonly peakRssMb: number;
}

/** Counts a row must reproduce (TLC's published TwoPhase figures, or a shortest trace's length). */
export interface Expected {
  readonly distinct?: number;
  readonly generated?: number;
  readonly depth?: number;
  readonly shortest?: Readonly<Record<string, number>>;
}

/** A row of the bench. */
export interface Row {
  readonly label: string;
  readonly faultline: FaultlineConfig;
  readonly spin?: SpinConfig;
  readonly expected?: Expected;
}

/** A named group of rows, selected with `--only NAME`. */
export interface Group {
  readonly name: string;
  readonly title: string;
  readonly rows: readonly Row[];
  /** Why a group cannot run in this checkout, if it cannot. */
  readonly missing?: string;
}

/** TLC's counts for TwoPhase (/work/shared/reference/tla-examples.md). */
const TWO_PHASE_COUNTS: Readonly<Record<number, Expected>> = {
  7: { distinct: 296_448, generated: 2_744_706, depth: 23 },
  8: { distinct: 1_745_408, generated: 18_507_778, depth: 26 },
  9: { distinct: 10_340_352, generated: 123_558_402, depth: 29 },
};

const spinFolder = join(import.meta.dirname, 'spin');

/** The quorum register's parameters that match bench/spin/qreg3_fl.pml. */
const QREG3 = { replicas: '3', clients: '2' } as const;

/** The groups, given the families the catalog holds and the worker counts asked for. */
export function groups(families: ReadonlyMap<string, readonly string[]>, workerCounts: readonly number[]): Group[] {
  const perWorkers = (label: string, faultline: FaultlineConfig, rest: Omit<Row, 'label' | 'faultline'> = {}): Row[] =>
    workerCounts.map((workers) => ({ label: workerCounts.length > 1 ? `${label}, ${workers} worker${workers > 1 ? 's' : ''}` : label, faultline: { ...faultline, workers }, ...rest }));

  const twoPhase: Row[] = [8, 9].flatMap((rms) => {
    const spin: SpinConfig = { promela: twoPhasePromela(rms), panFlags: [rms >= 9 ? '-w27' : '-w26'] };
    return [false, true].flatMap((plain) =>
      perWorkers(`TwoPhase rms=${rms} ${plain ? 'plain objects' : 'packed'}`, { source: { kind: 'two-phase', rms, plain } }, { spin, expected: TWO_PHASE_COUNTS[rms] }),
    );
  });

  const register = readFileSync(join(spinFolder, 'qreg3_fl.pml'), 'utf8');
  const hasRegister = families.has('quorum-register');
  const quorumRegister: Row[] = hasRegister
    ? [
        // qreg3_fl.pml's configuration: 3 replicas and 2 clients (the family's defaults may be smaller).
        // Its replicas are declared interchangeable; the rows without symmetry explore every renaming.
        ...perWorkers('quorum register Q=2', { source: { kind: 'catalog', family: 'quorum-register', variant: 'majority', params: QREG3 } }, {
          spin: { promela: register, panFlags: ['-w26'] },
        }),
        {
          label: 'quorum register Q=2, symmetry off',
          faultline: { source: { kind: 'catalog', family: 'quorum-register', variant: 'majority', params: QREG3, symmetry: false } },
          spin: { promela: register, panFlags: ['-w26'] },
        },
        ...[true, false].map(
          (symmetric): Row => ({
            label: `quorum register Q=1, shortest counterexample${symmetric ? '' : ', symmetry off'}`,
            faultline: { source: { kind: 'catalog', family: 'quorum-register', variant: 'minority', params: QREG3, ...(symmetric ? {} : { symmetry: false as const }) } },
            spin: { promela: register, defines: ['-DQ=1'], gccFlags: ['-DBFS'], panFlags: ['-w26'] },
          }),
        ),
      ]
    : [];

  const system: Row[] = [];
  for (const family of SYSTEM_FAMILIES) {
    for (const variant of families.get(family) ?? []) {
      system.push(...perWorkers(`${family}/${variant}`, { source: { kind: 'catalog', family, variant } }));
    }
  }
  // Beyond the defaults: two faults, the bound the family defaults are meant to grow to.
  if (families.get('quorum-store')?.includes('abd')) {
    system.push(...perWorkers('quorum-store/abd, faults=2', { source: { kind: 'catalog', family: 'quorum-store', variant: 'abd', params: { faults: '2' } } }));
  }
  // Declared symmetry on a catalog model: the two home replicas the workload does not name.
  if (families.get('quorum-store')?.includes('abd-five')) {
    system.push({ label: 'quorum-store/abd-five, symmetry off', faultline: { source: { kind: 'catalog', family: 'quorum-store', variant: 'abd-five', symmetry: false } } });
  }

  return [
    { name: 'two-phase', title: 'TwoPhase (bfs) against SPIN on the same state graph', rows: twoPhase },
    {
      name: 'quorum-register',
      title: "A quorum register on the system layer against SPIN's qreg3_fl.pml (same protocol and semantics)",
      rows: quorumRegister,
      ...(hasRegister ? {} : { missing: 'no quorum-register family (models/quorum-register) in this checkout' }),
    },
    { name: 'system', title: "The catalog's system-layer models at their defaults (no peer: states per CPU second)", rows: system },
  ];
}

/** Catalog families built on the system layer. */
export const SYSTEM_FAMILIES = ['quorum-store', 'partitioned-log', 'cap'];
