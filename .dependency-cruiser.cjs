/**
 * The layers of B24 Desk (see docs/architecture.md#layers), checked by
 * `npm run lint`. Models: GitHub Desktop's custom ESLint rule against loosely typed IPC and VS Code's
 * `code-layering` check. Type-only imports count: a cycle through types still ties modules together.
 * Paths are relative to the folder depcruise runs in, so the fixture in test/fixtures/layers can
 * show every rule firing with the same configuration.
 */
const SHELL = '^src/main/((index|window|ipc|desktop)\\.ts$|shell/)'

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
