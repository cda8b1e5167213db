// Checks electron-builder.yml without the Electron binary: electron-builder's own schema validation
// (app-builder-lib's validateConfiguration over its scheme.json) plus the project's packaging rules.
import { createRequire } from 'node:module';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

const require = createRequire(import.meta.url);

/** Reads and parses electron-builder.yml (or another config path) with js-yaml. */
export function loadBuilderConfig(file) {
  return require('js-yaml').load(readFileSync(file, 'utf8'));
}

/** Runs electron-builder's schema validation; resolves with null or the one-paragraph error. */
export async function validateAgainstSchema(config) {
  const { validateConfiguration } = require('app-builder-lib/out/util/config/config');
  try {
    await validateConfiguration(config, { isEnabled: false, add: () => undefined });
    return null;
  } catch (error) {
    return String(error?.message ?? error).split('\n  How to fix')[0];
  }
}

const targetsOf = (platform) => (platform?.target ?? []).map((t) => (typeof t === 'string' ? { target: t, arch: [] } : t));

/** The project's own rules for the packaging config; returns a list of problems (empty when fine). */
export function checkProjectRules(config, root) {
  const problems = [];
  const need = (ok, message) => ok || problems.push(message);
  const pkg = JSON.parse(readFileSync(join(root, 'package.json'), 'utf8'));
  const installed = JSON.parse(readFileSync(join(root, 'node_modules/electron/package.json'), 'utf8')).version;
  need(typeof config.appId === 'string' && /^[a-z0-9-]+(\.[a-z0-9-]+)+$/i.test(config.appId), 'appId must be a reverse-DNS id');
  need(config.productName === pkg.productName, `productName must match package.json (${pkg.productName})`);
  need(!('version' in config) && !config.extraMetadata?.version, 'the version must come from package.json');
  need(config.electronVersion === installed, `electronVersion (${config.electronVersion}) must equal the installed electron (${installed})`);
  need(config.asar === true, 'asar must be on (the OnlyLoadAppFromAsar fuse needs it)');
  need(Array.isArray(config.files) && config.files.includes('dist/**') && config.files.includes('package.json'), 'files must include dist/** and package.json');
  need(config.afterPack === './dist/hooks/after-pack.cjs', 'afterPack must be the fuse hook built by scripts/build.mjs');
  // package.json pins @electron/rebuild to a release that supports Node 20; electron-builder must then never call it.
  need(!pkg.overrides?.['@electron/rebuild'] || config.npmRebuild === false, 'npmRebuild must be false while package.json overrides @electron/rebuild');
  need(config.win?.requestedExecutionLevel === 'asInvoker', 'win.requestedExecutionLevel must be asInvoker (the app never runs elevated)');
  for (const name of ['nsis', 'portable']) {
    const t = targetsOf(config.win).find((x) => x.target === name);
    need(t && ['x64', 'arm64'].every((a) => t.arch?.includes(a)), `win target ${name} must build x64 and arm64`);
  }
  need(
    targetsOf(config.mac).some((t) => t.target === 'dmg'),
    'mac must build a dmg',
  );
  for (const name of ['AppImage', 'deb'])
    need(
      targetsOf(config.linux).some((t) => t.target === name),
      `linux must build ${name}`,
    );
  need(
    [config.mac, config.linux].every((p) => (p?.fileAssociations ?? []).some((f) => f.ext === 'rdp')),
    'mac and linux must associate .rdp files',
  );
  const nsh = config.nsis?.include;
  need(typeof nsh === 'string' && existsSync(join(root, nsh)) && /RdpDoctor\.RdpFile/.test(readFileSync(join(root, nsh), 'utf8')), 'nsis.include must register the .rdp verb');
  for (const icon of [config.win?.icon, config.mac?.icon, config.linux?.icon])
    need(typeof icon === 'string' && existsSync(join(root, icon)), `icon ${icon} is missing (run npm run icons)`);
  return problems;
}

/** Everything wrong with `file` (schema first, then project rules). */
export async function checkBuilderConfig(root, file = join(root, 'electron-builder.yml')) {
  const config = loadBuilderConfig(file);
  const schemaError = await validateAgainstSchema(config);
  return [...(schemaError ? [schemaError] : []), ...checkProjectRules(config, root)];
}
