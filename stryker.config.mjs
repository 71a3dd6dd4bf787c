// Mutation testing of src/core with Stryker's mocha runner and per-test coverage.
// `npm run mutate` runs it all; `scripts/mutation/run.sh --changed` (in npm test) runs it on the core files a change touches.
import { createRequire } from 'node:module';

// The runner plugin resolves mocha's CLI files when it is imported, in this process and in
// each test-runner child: the shim must be active in both (see the shim for why).
const shim = createRequire(import.meta.url).resolve('./scripts/mutation/mocha12-cjs.cjs');
createRequire(import.meta.url)(shim);

export default {
  testRunner: 'mocha',
  coverageAnalysis: 'perTest',
  // Mocha's own `node-option: import=tsx` only applies when its CLI spawns node.
  testRunnerNodeArgs: ['--require', shim, '--import', 'tsx'],
  mochaOptions: {
    // scripts/mutation/run.sh names each shard's tests (scripts/mutation/shards.ts).
    spec: process.env.SWITCHBOARD_MUTATION_SPEC?.split(',') ?? ['src/**/*.test.ts', 'test/unit/**/*.test.ts'],
    extension: ['ts'],
    // The ledger's multi-process tests (30 s, 6 s, 6 s, 11 s) do their work in child processes,
    // where no mutant is ever active; run for every ledger mutant they cover, they would take hours.
    grep: '^(?!.*(?:4 processes × 10,000 appends|a writer killed|4 processes compacting 12 months))',
  },
  mutate: ['src/core/**/*.ts', '!src/core/**/*.test.ts', '!src/core/**/types.ts'],
  // A static mutant runs at module load; this runner cannot reload modules, so each one would
  // restart a worker and run every test (~60% of a full run for ~10% of the mutants).
  ignoreStatic: true,
  checkers: [],
  reporters: ['json', 'clear-text', 'progress-append-only'],
  jsonReporter: { fileName: process.env.SWITCHBOARD_MUTATION_REPORT ?? 'reports/mutation/mutation.json' },
  thresholds: { high: 90, low: 80, break: null },
  // Copied into each sandbox otherwise; .cache holds the provisioned VS Code (hundreds of MB).
  ignorePatterns: ['.cache', 'dist', 'out', 'artifacts', '.vscode-test', 'reports', '*.vsix', 'mutation-results.json'],
  timeoutMS: 10000,
  tempDirName: '.stryker-tmp',
};
