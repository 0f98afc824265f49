// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
})

/** Tests and their support code may import across layers to build fixtures. */
const TEST_FILES = [
  '**/*.test.ts',
  '**/*.test.tsx',
  '**/testing/**',
  '**/*.case.ts',
  '**/*-test-*.ts',
]

/** A server folder that must not import the folders named in `forbidden`. */
const layer = (files, forbidden, message) => [
  {
    files: [files],
    ignores: TEST_FILES,
    rules: restrict([{ group: forbidden.map((folder) => `**/${folder}/**`), message }]),
  },
]

export default tseslint.config(
  {
    ignores: ['**/node_modules/**', '**/dist/**', 'coverage/**', 'docs/**', '**/*.d.ts'],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    languageOptions: { globals: { ...globals.node } },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'max-params': ['error', 3],
      '@typescript-eslint/consistent-type-imports': 'error',
      '@typescript-eslint/no-non-null-assertion': 'error',
      '@typescript-eslint/no-unused-vars': [
        'error',
        { argsIgnorePattern: '^_', varsIgnorePattern: '^_' },
      ],
    },
  },
  {
    files: ['packages/core/src/**'],
    languageOptions: { globals: {} },
    rules: {
      // The engine indexes typed arrays inside loop bounds; with noUncheckedIndexedAccess every such
      // read is `number | undefined`, and `!` is the honest, allocation-free way to say it is in range.
      '@typescript-eslint/no-non-null-assertion': 'off',
      ...restrict([
        {
          group: ['node:*', 'fs', 'path', 'os', 'crypto'],
          message: 'core is pure: no Node built-ins.',
        },
        {
          group: ['@openvmo/server', '@openvmo/server/*', '@openvmo/web', '@openvmo/web/*'],
          message: 'core imports nothing from server or web.',
        },
        {
          group: ['**/index', '**/index.ts'],
          message: 'Import the module you need, not the package barrel.',
        },
      ]),
      'no-restricted-syntax': [
        'error',
        {
          selector: "CallExpression[callee.object.name='Date'][callee.property.name='now']",
          message: 'core takes time as an argument (asOf).',
        },
        {
          selector: "NewExpression[callee.name='Date'][arguments.length=0]",
          message: 'core takes time as an argument (asOf).',
        },
      ],
      'no-restricted-properties': [
        'error',
        {
          object: 'Math',
          property: 'random',
          message: 'core takes a seeded random source as an argument.',
        },
      ],
    },
  },
  {
    // benchmark scripts index arrays of lengths they just made
    files: ['scripts/**'],
    rules: { '@typescript-eslint/no-non-null-assertion': 'off' },
  },
  // Dependency direction inside the server (B → A: B imports A): core ← text, config; core ←
  // sources; core ← store; sources + store ← sync; sync + store ← api; everything ← cli (the
  // composition root). Tests and test support may reach across layers to build their fixtures.
  ...layer(
    'packages/server/src/text/**',
    ['sources', 'store', 'sync', 'api', 'cli', 'demo', 'config'],
    'text helpers know only core.',
  ),
  ...layer(
    'packages/server/src/config/**',
    ['sources', 'store', 'sync', 'api', 'cli', 'demo'],
    'config reads the environment and knows only core.',
  ),
  ...layer(
    'packages/server/src/sources/**',
    ['store', 'sync', 'api', 'cli', 'demo'],
    'Sources return records; only sync/ may talk to the store.',
  ),
  ...layer(
    'packages/server/src/store/**',
    ['sources', 'sync', 'api', 'cli', 'demo'],
    'The store knows only core.',
  ),
  ...layer('packages/server/src/sync/**', ['api', 'cli', 'demo'], 'sync sits below api and cli.'),
  ...layer(
    'packages/server/src/demo/**',
    ['store', 'sync', 'api', 'cli'],
    'The demo generates records; the CLI stores them.',
  ),
  {
    files: ['packages/server/src/api/**'],
    ignores: TEST_FILES,
    rules: restrict([
      {
        group: ['**/cli/**', '**/demo/**'],
        message: 'The CLI is the composition root; api must not import it.',
      },
      {
        group: [
          '**/store/sqlite/**',
          '**/store/postgres/**',
          '**/sources/*/*-connector',
          '**/sources/*/*-client',
        ],
        message:
          'api depends on the Store and Connector interfaces; the CLI picks implementations.',
      },
    ]),
  },
  {
    files: ['packages/web/src/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: {
      ...restrict([
        {
          group: ['@openvmo/server', '@openvmo/server/*', '**/server/src/**'],
          allowTypeImports: true,
          message: 'The dashboard may import server *types* only.',
        },
      ]),
      // ECharts inserts tooltip formatter output as HTML: build it with the escaping `html` tag.
      'no-restricted-syntax': [
        'error',
        ...[
          'ArrowFunctionExpression > TemplateLiteral',
          'ArrowFunctionExpression > BinaryExpression',
          ':function ReturnStatement > TemplateLiteral',
          ':function ReturnStatement > BinaryExpression',
        ].map((body) => ({
          selector: `Property[key.name='tooltip'] Property[key.name='formatter'] > ${body}`,
          message: 'Tooltip formatters return html`…` (format/html.ts), which escapes every value.',
        })),
        {
          selector: 'JSXAttribute[name.name="dangerouslySetInnerHTML"]',
          message: 'No raw HTML in the dashboard; React escapes text.',
        },
      ],
    },
  },
)
