// The layer picture of docs/architecture.md as an ESLint rule: an import may point down the picture or
// stay in its own band, never up. Tests are exempt: they wire layers together on purpose.
import path from 'node:path';

/** Each top-level folder of src-main/ and its band: doors (4) → service (3) → checks… (2) → net… and files (1) → shared (0). */
export const LAYERS = {
  electron: 4,
  web: 4,
  cli: 4,
  service: 3,
  scripts: 3,
  checks: 2,
  diagnosis: 2,
  fixes: 2,
  report: 2,
  net: 1,
  windows: 1,
  rdpfile: 1,
  files: 1,
  shared: 0,
  // Helpers for tests only (fast-check settings); nothing of the app imports them.
  'test-support': 0,
};

const BAND_NAMES = ['shared/', 'net/, windows/, rdpfile/, files/', 'checks/, diagnosis/, fixes/, report/', 'service/, scripts/', 'the doors (electron/, web/, cli/)'];

/** Where a repo-relative path sits: { area: 'main', folder } for src-main/<folder>/…, { area: 'renderer' }, or null. */
function placeOf(relative) {
  const parts = relative.split('/');
  if (parts[0] === 'src-main' && parts.length > 1) return { area: 'main', folder: parts[1] };
  if (parts[0] === 'src-renderer') return { area: 'renderer' };
  return null;
}

/** Why importing `to` from `from` breaks the picture, or null when it is allowed. */
export function layerViolation(from, to) {
  if (from === null || to === null) return null;
  if (from.area === 'renderer') {
    if (to.area === 'main' && to.folder !== 'shared')
      return `src-renderer may import only src-main/shared/, not src-main/${to.folder}/ (it reaches the service through the bridge).`;
    return null;
  }
  if (to.area === 'renderer') return `src-main/${from.folder}/ must not import the renderer.`;
  const own = LAYERS[from.folder];
  const other = LAYERS[to.folder];
  if (own === undefined) return `src-main/${from.folder}/ has no place in the layer picture: add it to LAYERS in scripts/eslint-layers.mjs and to docs/architecture.md.`;
  if (other === undefined || other <= own) return null;
  return `src-main/${from.folder}/ sits below ${BAND_NAMES[other]} and must not import src-main/${to.folder}/ (see docs/architecture.md).`;
}

const TEST_FILE = /\.(test|spec)\.tsx?$/;

/** The rule: reports relative imports (static, re-exports and dynamic) that point up the picture. */
const noUpwardImports = {
  meta: { type: 'problem', docs: { description: 'Imports point down the layer picture of docs/architecture.md.' }, schema: [] },
  create(context) {
    const file = context.filename;
    if (TEST_FILE.test(file)) return {};
    const root = context.cwd;
    const from = placeOf(path.relative(root, file).split(path.sep).join('/'));
    if (from === null) return {};
    const check = (node, source) => {
      if (typeof source !== 'string' || !source.startsWith('.')) return;
      const target = path
        .relative(root, path.resolve(path.dirname(file), source))
        .split(path.sep)
        .join('/');
      const message = layerViolation(from, placeOf(target));
      if (message) context.report({ node, message });
    };
    return {
      ImportDeclaration: (node) => check(node, node.source.value),
      ExportNamedDeclaration: (node) => node.source && check(node, node.source.value),
      ExportAllDeclaration: (node) => check(node, node.source.value),
      ImportExpression: (node) => node.source.type === 'Literal' && check(node, node.source.value),
    };
  },
};

/** The local plugin eslint.config.js registers as `layers`. */
export default { rules: { 'no-upward-imports': noUpwardImports } };
