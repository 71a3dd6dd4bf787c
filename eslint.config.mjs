// Lint's main job here is the layer rules (tools/eslint-layers.mjs): which folder may import
// which. A layer is named after the runtime it needs, and imports only point downward:
//   core (plain Node)  ←  app (no editor)  ←  vscode (the editor API)
//   shared (the host↔webview protocol, no runtime)  ←  webview (the browser), app, vscode
import tseslint from 'typescript-eslint';
import layers from './tools/eslint-layers.mjs';

export default tseslint.config(
  { ignores: ['dist/**', 'out/**', 'node_modules/**', '.cache/**', 'artifacts/**', 'media/**', 'test/e2e/bridge/**'] },
  {
    files: ['**/*.ts', '**/*.mts'],
    languageOptions: { parser: tseslint.parser, ecmaVersion: 2023, sourceType: 'module' },
    plugins: { '@typescript-eslint': tseslint.plugin, layers },
    linterOptions: { reportUnusedDisableDirectives: 'error' },
    rules: {
      'layers/import-zones': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
    },
  },
);
