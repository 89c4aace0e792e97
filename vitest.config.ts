import { availableParallelism } from 'node:os';
import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

/** This package's own entry files, by their public names (as model files and examples import them). */
const entry = (path: string) => fileURLToPath(new URL(path, import.meta.url));

export default defineConfig({
  resolve: {
    alias: [
      { find: /^faultline$/, replacement: entry('./src/index.ts') },
      { find: /^faultline\/system$/, replacement: entry('./src/system/index.ts') },
      { find: /^faultline\/properties$/, replacement: entry('./properties/index.ts') },
      { find: /^faultline\/testing$/, replacement: entry('./src/testing/index.ts') },
      { find: /^faultline\/models$/, replacement: entry('./models/catalog.ts') },
    ],
  },
  test: {
    include: ['test/**/*.test.ts', 'examples/**/*.test.ts'],
    // Vitest's default is one worker fewer than the cores: one on a 2-core CI machine, where the
    // suite's test files are CPU-bound searches and spawned CLIs; two keep both cores busy.
    maxWorkers: Math.max(2, availableParallelism() - 1),
    testTimeout: 120_000,
    hookTimeout: 120_000,
    // The JSON report is what .ci/run reads for its closing "N passed, N failed" line.
    reporters: ['default', 'json'],
    outputFile: { json: '.vitest-report.json' },
  },
});
