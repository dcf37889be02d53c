import tseslint from 'typescript-eslint';

// ---------------------------------------------------------------------------------------------------------------
// Layering (docs/architecture.md §2 "What may import what"). Three rules, each checked here so that `npm test`
// fails when a layer leaks:
//   1. Pure modules do no I/O and read no clock or randomness: no fs, network, child processes, OS, timers,
//      process/env, the Telnyx SDK (types only) or src/api (types only); `now`/ids are passed in.
//   2. The simulator (src/sim) imports nothing outside src/sim, and not the Telnyx SDK: it must not share the
//      tool's code (and so its bugs), it speaks the wire format on its own.
//   3. The tool imports src/sim only from the `sim` and `demo` commands.
//   4. Folder boundaries: src/track imports nothing from src/commands, src/campaign nothing from src/track.
// Rules 1, 3 and 4 all use `no-restricted-imports`; a file matched by two config objects gets the LAST object's
// options only (flat config replaces rule options, it does not merge them), so each later object repeats the
// earlier ones' patterns: a boundary folder's object repeats rule 3, and the pure-module objects repeat rule 3
// and, for the pure files inside a boundary folder, that folder's boundary.
// ---------------------------------------------------------------------------------------------------------------

/** Folders whose every file is pure. */
const PURE_FOLDERS = ['src/core/**/*.ts', 'src/normalize/**/*.ts', 'src/order-rules/**/*.ts'];

/**
 * Pure files in mixed folders, by file name wherever they live (a file that moves stays checked). A new pure
 * module (rules, grouping, request-body or result-row building) is added here.
 */
const PURE_FILE_NAMES = [
  // input: parsing text that a reader already has in memory
  'columns', 'detect-delimiter', 'map-headers', 'to-input-row', 'raw-cell-from-excel', 'format-number',
  'xml-text', 'xlsx-number-formats', 'xlsx-shared-strings', 'xlsx-workbook-xml',
  // check: batching and reading the answers
  'batch-queue', 'carrier-from-lookup', 'checked-number', 'portability-answers', 'block-probes',
  // plan: order-field rules, grouping and order building
  'build-plan', 'group-numbers', 'normalize-field', 'plan-document', 'plan-types', 'read-order-fields',
  'resolve-accounts', 'part-pin',
  // submit: request bodies, FOC fitting, joining outcomes back onto rows
  'build-order-patch', 'column-for-pointer', 'campaign-results', 'removed-number-issues',
  'wire-order', 'create-order-body',
  // campaign + track: journal records, state, what to fix/cancel, tracking results
  'journal-records', 'campaign-state', 'fold-journal', 'tracking-state', 'tracked-order-view', 'describe-changes', 'exception-guide',
  'exception-sheet', 'plan-cancel', 'plan-fixes', 'build-tracking-results', 'plan-events-refresh', 'porting-event-entry',
  // find: what a journal says of each number, and the answer's table
  'campaign-hits', 'find-report',
  // events: a webhook body read as the feed's event record
  'webhook-event',
  // activate: activation jobs, eligibility and planning, outcomes and exit code, the journal's fold
  'activation-job', 'plan-activation', 'activation-report', 'activation-state',
  // verify: the verification sheet and the checks of its rows
  'verification-sheet', 'check-verification-rows',
  // portouts: decisions
  'plan-apply-step', 'validate-decisions', 'portout-list-row', 'portout-filters', 'plan-portout-extras',
  // export: filters, durations, names, diffs, retention
  'export-kind', 'report-filters', 'parse-duration', 'export-file-name', 'diff-exports', 'plan-retention',
  // api: the arithmetic of pacing and counting (the scheduler around it is the adapter)
  'rate-pacer', 'rate-limit-headers', 'call-kind', 'api-stats',
  // output: result rows, summary, order sheet columns, formula neutralizing
  'build-result-row', 'result-columns', 'summary', 'order-sheet', 'neutralize-formula',
  // loa + share: configuration rules, file names, index and token sheet rows, the expiry flag
  'loa-configuration-rules', 'loa-file-name', 'loa-index', 'share-expiry', 'sharing-token-sheet',
  // report: the campaign's report.html, data in and HTML out (the charts drawn by ECharts to SVG)
  'status-groups', 'report-history', 'report-model', 'report-charts', 'render-report', 'build-report',
];
const PURE_FILES = [...PURE_FOLDERS, ...PURE_FILE_NAMES.map((name) => `src/**/${name}.ts`)];

/** The `sim` and `demo` commands are the only tool files that may import src/sim. */
const SIM_COMMANDS = ['src/commands/sim.ts', 'src/commands/demo.ts'];

const NO_SIM_MESSAGE = 'only the sim and demo commands may import src/sim (docs/architecture.md §2)';
const noSimImport = { regex: '^(\\.\\.?/)+sim/', message: NO_SIM_MESSAGE };
const noSimDynamicImport = {
  // esquery regexes cannot hold a `/`: \x2F is one.
  selector: 'ImportExpression[source.value=/^(\\.\\.?\\x2F)+sim\\x2F/]',
  message: NO_SIM_MESSAGE,
};

const PURE_MESSAGE = 'a pure module does no I/O (docs/architecture.md §2): pass the result or a dependency in';
const ioModules = [
  'fs', 'fs/promises', 'net', 'http', 'https', 'http2', 'tls', 'dns', 'dns/promises', 'dgram', 'child_process',
  'os', 'process', 'readline', 'readline/promises', 'timers', 'timers/promises', 'perf_hooks', 'worker_threads',
  'cluster', 'undici',
].flatMap((name) => [name, `node:${name}`]);
const pureImportRules = (extraPatterns = []) => [
  'error',
  {
    paths: [
      ...ioModules.map((name) => ({ name, message: PURE_MESSAGE })),
      {
        name: 'telnyx',
        allowTypeImports: true,
        message: 'a pure module does not call the Telnyx SDK; `import type` is fine',
      },
      ...['crypto', 'node:crypto'].map((name) => ({
        name,
        allowImportNames: ['createHash'],
        message: 'a pure module may hash (createHash) but not draw random values: pass ids in',
      })),
    ],
    patterns: [
      { regex: '^telnyx/', allowTypeImports: true, message: 'a pure module does not call the Telnyx SDK; `import type` is fine' },
      { regex: '^(\\.\\./)+api/', allowTypeImports: true, message: 'a pure module does not call src/api; `import type` is fine' },
      noSimImport,
      ...extraPatterns,
    ],
  },
];

const CLOCK_MESSAGE = 'a pure module reads no clock: take `now` as a parameter';
const pureSyntaxRules = [
  'error',
  { selector: "MemberExpression[object.name='Date'][property.name='now']", message: CLOCK_MESSAGE },
  { selector: "NewExpression[callee.name='Date'][arguments.length=0]", message: CLOCK_MESSAGE },
  { selector: "CallExpression[callee.name='Date']", message: CLOCK_MESSAGE },
  {
    selector: "MemberExpression[object.name='Math'][property.name='random']",
    message: 'a pure module draws no random numbers: pass a random source or the ids in',
  },
  { selector: 'ImportExpression', message: 'a pure module loads no code at run time' },
];

const pureGlobalRules = [
  'error',
  ...['process', 'performance', 'crypto', 'fetch', 'setTimeout', 'setInterval', 'setImmediate', 'WebSocket'].map(
    (name) => ({ name, message: `a pure module does not use \`${name}\` (docs/architecture.md §2): pass it in` }),
  ),
];

/** 4. What a folder's files may not import (relative imports; a folder nested one level deeper is covered too). */
const FOLDER_BOUNDARIES = [
  {
    folder: 'src/track',
    patterns: [{ regex: '^(\\.\\./)+commands/', message: 'src/track imports nothing from src/commands (docs/architecture.md §2): move what both need to a neutral home' }],
  },
  {
    folder: 'src/campaign',
    patterns: [{ regex: '^(\\.\\./)+track/', message: 'src/campaign imports nothing from src/track (docs/architecture.md §2): move what both need to a neutral home' }],
  },
];

/** src/sim at depth d (0 = src/sim/*.ts) may not leave src/sim: d+1 `../` reach src. */
const simDepthConfigs = [0, 1, 2].map((depth) => {
  const files = [`src/sim/${'*/'.repeat(depth)}*.ts`];
  const up = `^(\\.\\./){${depth + 1}}`;
  const message = 'src/sim imports nothing outside src/sim (docs/architecture.md §2): the simulator shares no code with the tool';
  return {
    files,
    rules: {
      '@typescript-eslint/no-restricted-imports': [
        'error',
        {
          paths: [{ name: 'telnyx', message: 'the simulator speaks the wire format; it does not use the SDK' }],
          patterns: [{ regex: up, message }, { regex: '^telnyx/', message }],
        },
      ],
      'no-restricted-syntax': [
        'error',
        { selector: `ImportExpression[source.value=/${up.replaceAll('/', '\\x2F')}/]`, message },
      ],
    },
  };
});

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'out/**', 'coverage/**', 'bench/.data/**', 'eslint.config.js'] },
  ...tseslint.configs.recommended,
  {
    languageOptions: {
      // Plain-JS scripts outside the TypeScript projects (the sample generator) get a default program.
      parserOptions: { projectService: { allowDefaultProject: ['samples/*.mjs', 'bench/*.js'] }, tsconfigRootDir: import.meta.dirname },
    },
    rules: {
      // The classic bug of a batch tool: a promise nobody awaits.
      '@typescript-eslint/no-floating-promises': 'error',
      '@typescript-eslint/no-misused-promises': 'error',
      '@typescript-eslint/await-thenable': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
      'no-console': 'off',
    },
  },
  // 3. The tool reaches the simulator only through the sim and demo commands.
  {
    files: ['src/**/*.ts'],
    ignores: ['src/sim/**', ...SIM_COMMANDS],
    rules: {
      '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noSimImport] }],
      'no-restricted-syntax': ['error', noSimDynamicImport],
    },
  },
  // 4. Folder boundaries (after 3, so their options, which repeat 3, are the ones that apply).
  ...FOLDER_BOUNDARIES.map(({ folder, patterns }) => ({
    files: [`${folder}/**/*.ts`],
    rules: { '@typescript-eslint/no-restricted-imports': ['error', { patterns: [noSimImport, ...patterns] }] },
  })),
  // 1. Pure modules (after 3 and 4, so their options, which repeat 3, are the ones that apply).
  {
    files: PURE_FILES,
    ignores: ['src/sim/**'],
    rules: {
      '@typescript-eslint/no-restricted-imports': pureImportRules(),
      'no-restricted-syntax': [...pureSyntaxRules, noSimDynamicImport],
      'no-restricted-globals': pureGlobalRules,
      'no-console': 'error',
    },
  },
  // 1 + 4. Pure modules inside a boundary folder (an inner array matches files that match all its globs).
  ...FOLDER_BOUNDARIES.map(({ folder, patterns }) => ({
    files: PURE_FILES.map((pure) => [`${folder}/**/*.ts`, pure]),
    rules: { '@typescript-eslint/no-restricted-imports': pureImportRules(patterns) },
  })),
  // 2. The simulator stays self-contained.
  ...simDepthConfigs,
);
export { PURE_FOLDERS, PURE_FILE_NAMES, FOLDER_BOUNDARIES };
