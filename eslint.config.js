import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import lit from 'eslint-plugin-lit';
import litA11y from 'eslint-plugin-lit-a11y';
import prettier from 'eslint-config-prettier';
import globals from 'globals';
import { markupFromStrings } from './scripts/lint-rules.mjs';

export default tseslint.config(
  {
    ignores: [
      '**/node_modules/',
      '**/dist/',
      'packages/elements/deploy/',
      'docs/api/',
      'storybook-static/',
      '.cache/',
      'out/',
      'models/training/',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    files: ['packages/elements/**/*.ts'],
    ...lit.configs['flat/recommended'],
  },
  {
    files: ['packages/elements/**/*.ts'],
    plugins: { 'lit-a11y': litA11y },
    rules: litA11y.configs.recommended.rules,
  },
  {
    languageOptions: { globals: { ...globals.browser, ...globals.node } },
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    // Never build markup from data (entries, files, catalogues, host properties): templates only.
    // A reviewed, data-free exception needs an eslint-disable comment that says why.
    files: ['packages/**/*.ts', 'examples/**/*.js', 'scripts/**/*.mjs'],
    rules: {
      'no-restricted-imports': ['error', { patterns: markupFromStrings.imports }],
      'no-restricted-syntax': ['error', ...markupFromStrings.syntax],
    },
  },
  {
    files: ['**/*.test.ts'],
    languageOptions: { globals: { ...globals.mocha } },
    rules: {
      '@typescript-eslint/no-unused-expressions': 'off',
      '@typescript-eslint/no-non-null-assertion': 'off',
    },
  },
  prettier,
);
