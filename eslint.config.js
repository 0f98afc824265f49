// @ts-check
import js from '@eslint/js'
import tseslint from 'typescript-eslint'
import globals from 'globals'

const restrict = (patterns) => ({
  '@typescript-eslint/no-restricted-imports': ['error', { patterns }],
})

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
  {
    files: ['packages/server/src/connectors/**'],
    rules: restrict([
      {
        group: ['**/store/**', '**/sync/**', '**/api/**', '**/cli/**'],
        message: 'Connectors return model objects; only sync/ may talk to the store.',
      },
    ]),
  },
  {
    files: ['packages/server/src/store/**'],
    rules: restrict([
      {
        group: ['**/connectors/**', '**/sync/**', '**/api/**', '**/cli/**'],
        message: 'The store knows only core.',
      },
    ]),
  },
  {
    files: ['packages/server/src/sync/**'],
    rules: restrict([
      { group: ['**/api/**', '**/cli/**'], message: 'sync sits below api and cli.' },
    ]),
  },
  {
    files: ['packages/server/src/api/**'],
    rules: restrict([
      { group: ['**/cli/**'], message: 'The CLI is the composition root; api must not import it.' },
      {
        group: ['**/store/sqlite/**', '**/store/postgres/**', '**/connectors/*/**'],
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
