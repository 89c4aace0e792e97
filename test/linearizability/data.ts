import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { join } from 'node:path';

/** The histories with known verdicts kept in the repository (override with FAULTLINE_LIN_DATA). */
export const LIN_DATA_DIR = process.env.FAULTLINE_LIN_DATA ?? fileURLToPath(new URL('../fixtures/linearizability', import.meta.url));

/** One manifest entry (the fields the tests use). */
export interface ManifestEntry {
  readonly file: string;
  readonly collection: string;
  readonly operations: number;
  readonly expected: 'linearizable' | 'not linearizable';
  readonly porcupine_steps: number | null;
}

/** The data set's manifest entries. */
export function manifestEntries(): ManifestEntry[] {
  const manifest = JSON.parse(readFileSync(join(LIN_DATA_DIR, 'manifest.json'), 'utf8')) as { histories: ManifestEntry[] };
  return manifest.histories;
}

/** Absolute path of a data set file. */
export function dataFile(name: string): string {
  return join(LIN_DATA_DIR, name);
}
