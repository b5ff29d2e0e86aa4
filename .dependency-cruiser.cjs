/**
 * The layers of B24 Desk (see docs/architecture.md#layers), checked by
 * `npm run lint`. Models: GitHub Desktop's custom ESLint rule against loosely typed IPC and VS Code's
 * `code-layering` check. Type-only imports count: a cycle through types still ties modules together.
 * Paths are relative to the folder depcruise runs in, so the fixture in test/fixtures/layers can
 * show every rule firing with the same configuration.
 */
const SHELL = '^src/main/((index|window|ipc|desktop)\\.ts$|shell/)'

/**
 * Service areas (src/main/services/<area>/) reach each other through doors: an area's index.ts,
 * plus what the importing area declares here, allow-list style (VS Code's `code-import-patterns`).
 * The foundation areas app, bitrix and db have no index: their modules others use are declared
 * for each area that uses them. An area not listed may use doors only. Tests (`*.test.ts`) and
 * `testing/` folders are exempt: fixtures and tests reach into an area's internals on purpose.
 */
const AREA_IMPORTS = {
  app: ['bitrix/redact'],
  bitrix: ['app/language'],
  catalog: ['app/language', 'bitrix/errors', 'bitrix/types', 'db/database'],
  desktop: ['app/language', 'app/log-file', 'bitrix/redact'],
  outbox: ['app/language', 'bitrix/types', 'db/database', 'db/other-connections'],
  portals: [
    'app/language',
    'bitrix/agent',
    'bitrix/ca',
    'bitrix/client',
    'bitrix/types',
    'bitrix/webhook-url',
    'db/database'
  ],
  previews: ['bitrix/client', 'bitrix/types'],
  snapshots: ['app/language', 'bitrix/types', 'db/database'],
  watch: ['app/language', 'db/database'],
  workspace: ['app/language', 'db/database']
}
const AREA = '^src/main/services/[^/]+/'
const DOOR = '^src/main/services/[^/]+/index\\.ts$'
const NOT_TESTS = '(\\.test\\.ts$|/testing/)'
const doorRule = (from, pathNot) => ({
  name: 'areas-through-doors',
  comment:
    'A service area imports another area only through its door (index.ts) or what it declares in ' +
    'AREA_IMPORTS (.dependency-cruiser.cjs); tests and testing/ folders are exempt. Export what is ' +
    'needed from the door, or declare a foundation module (docs/architecture.md#areas).',
  severity: 'error',
  from: { path: from, pathNot: NOT_TESTS },
  to: { path: AREA, pathNot: [DOOR, ...pathNot] }
})
const AREA_RULES = [
  ...Object.entries(AREA_IMPORTS).map(([area, allowed]) =>
    doorRule(`^src/main/services/${area}/`, [
      `^src/main/services/${area}/`,
      ...allowed.map((m) => `^src/main/services/${m}\\.ts$`)
    ])
  ),
  // Areas not declared above: doors only ($1 is the importing area: the lookahead captures nothing).
  doorRule(`^src/main/services/(?!(${Object.keys(AREA_IMPORTS).join('|')})/)([^/]+)/`, [
    '^src/main/services/$1/'
  ])
]

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'services-not-shell',
      comment:
        'Services run without Electron (under Node, in the command line and the tests): they may not ' +
        'import the IPC edge (src/main/ipc) or the shell files. Errors live in services/errors.ts; ' +
        'handler types and the input check in src/shared/ipc/handlers.ts; events in services/events.ts.',
      severity: 'error',
      from: { path: '^src/main/services/' },
      to: { path: ['^src/main/ipc/', SHELL] }
    },
    {
      name: 'renderer-only-contract',
      comment: 'The renderer reaches main only through the contract in src/shared (window.api).',
      severity: 'error',
      from: { path: '^src/renderer/' },
      to: { path: '^src/(main|cli|emulator|preload/index)' }
    },
    {
      name: 'shared-imports-nothing',
      comment: 'src/shared (contract, domain types) imports nothing of the app: both sides depend on it.',
      severity: 'error',
      from: { path: '^src/shared/' },
      to: { path: '^src/(main|renderer|preload|cli|emulator)/' }
    },
    {
      name: 'emulator-knows-no-app',
      comment: 'The emulated portal stands for a real Bitrix24: it knows nothing of the app.',
      severity: 'error',
      from: { path: '^src/emulator/' },
      to: { path: '^src/(main|renderer|preload|cli|shared)/' }
    },
    {
      name: 'preload-only-contract',
      comment: 'The sandboxed preload bundles only the contract (and requires only electron).',
      severity: 'error',
      from: { path: '^src/preload/' },
      to: { path: '^src/(main|renderer|cli|emulator)/' }
    },
    ...AREA_RULES,
    {
      name: 'no-cycles',
      comment: 'No import cycles, type-only imports included.',
      severity: 'error',
      from: {},
      to: { circular: true }
    }
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: '(^|/)(node_modules|out)/' },
    // Keep `import type` edges: a type-only cycle is still a cycle.
    tsPreCompilationDeps: true,
    tsConfig: { fileName: 'tsconfig.depcruise.json' },
    enhancedResolveOptions: { extensions: ['.ts', '.tsx', '.js', '.mjs', '.cjs', '.d.ts'] }
  }
}
