// Lint: typescript-eslint's recommended rules plus the architecture rules of STYLE.md.
import js from '@eslint/js';
import { builtinModules } from 'node:module';
import tseslint from 'typescript-eslint';
import layers from './scripts/eslint-layers.mjs';

// Every Node built-in, with and without the node: prefix, and their subpaths (fs/promises).
const nodeModules = ['node:*', ...builtinModules.flatMap((name) => [name, `${name}/*`])];
// Electron's own entry points: `electron` and `electron/main`, `electron/renderer`, `electron/common`.
const electronModules = ['electron', 'electron/*'];
const rawIpc = { importNames: ['ipcMain', 'ipcRenderer'], message: 'Use the IPC adapter (src-main/electron/ipc.ts) or the preload.' };

export default tseslint.config(
  { ignores: ['dist/**', 'release/**', 'node_modules/**', 'coverage/**', 'test-results/**', 'bench/results.json', 'e2e/fixtures/**'] },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_', caughtErrors: 'none' }],
      '@typescript-eslint/no-explicit-any': 'error',
      'no-control-regex': 'off',
      // Raw IPC only in the IPC adapter and the preload (STYLE: one typed channel map, sender check in one place).
      'no-restricted-imports': ['error', { paths: ['electron', 'electron/main', 'electron/renderer'].map((name) => ({ name, ...rawIpc })) }],
    },
  },
  {
    // The layer picture of docs/architecture.md: imports point down (doors → service → checks… → net… → shared).
    files: ['src-main/**/*.ts', 'src-renderer/**/*.{ts,tsx}'],
    plugins: { layers },
    rules: { 'layers/no-upward-imports': 'error' },
  },
  {
    files: ['src-main/electron/ipc.ts', 'src-main/electron/preload.ts'],
    rules: { 'no-restricted-imports': 'off' },
  },
  {
    // The contract is shared with the renderer: no Node or Electron in it.
    files: ['src-main/shared/**/*.ts'],
    rules: {
      'no-restricted-imports': ['error', { patterns: [{ group: [...nodeModules, ...electronModules], message: 'src-main/shared must not import Node or Electron modules.' }] }],
    },
  },
  {
    // Only the bridge touches window.api or the browser-mode transport.
    files: ['src-renderer/**/*.{ts,tsx}'],
    ignores: ['src-renderer/bridge/**'],
    rules: {
      'no-restricted-properties': ['error', { object: 'window', property: 'api', message: 'Go through src-renderer/bridge.' }],
      'no-restricted-globals': [
        'error',
        { name: 'EventSource', message: 'Go through src-renderer/bridge.' },
        { name: 'fetch', message: 'Go through src-renderer/bridge.' },
        { name: 'WebSocket', message: 'Go through src-renderer/bridge.' },
        { name: 'XMLHttpRequest', message: 'Go through src-renderer/bridge.' },
      ],
    },
  },
  {
    files: ['**/*.cjs', 'scripts/**/*.mjs', 'bench/**/*.mjs'],
    languageOptions: {
      globals: {
        process: 'readonly',
        console: 'readonly',
        require: 'readonly',
        module: 'writable',
        __dirname: 'readonly',
        Buffer: 'readonly',
        setTimeout: 'readonly',
        clearTimeout: 'readonly',
        URL: 'readonly',
      },
    },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
);
