import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
// @ts-expect-error plain ESM script without type declarations
import { checkBuilderConfig, checkProjectRules, loadBuilderConfig, validateAgainstSchema } from './builder-config.mjs';

const root = join(__dirname, '..');
/** The parts of the parsed config the tests change. */
interface Config {
  [key: string]: unknown;
  win: { [key: string]: unknown; target: { target: string }[] };
}
const config = (): Config => loadBuilderConfig(join(root, 'electron-builder.yml')) as Config;

describe('electron-builder.yml', () => {
  it('passes electron-builder’s schema and the project rules', async () => {
    expect(await checkBuilderConfig(root)).toEqual([]);
  });
  it('is caught by the schema when an option is misspelled or misplaced', async () => {
    const bad = config();
    bad.win.requestedExecutionLvl = 'asInvoker';
    expect(await validateAgainstSchema(bad)).toMatch(/configuration\.win/);
    const misplaced = config();
    misplaced['title'] = 'only valid under dmg';
    expect(await validateAgainstSchema(misplaced)).toMatch(/title/);
  });
  it('is caught by the project rules when the app would run elevated or lose a target or the fuse hook', () => {
    const bad = config();
    bad.win.requestedExecutionLevel = 'requireAdministrator';
    bad.win.target = bad.win.target.filter((t) => t.target !== 'portable');
    delete bad['afterPack'];
    bad['asar'] = false;
    bad['npmRebuild'] = true;
    const problems: string[] = checkProjectRules(bad, root);
    expect(problems.join('\n')).toMatch(/asInvoker/);
    expect(problems.join('\n')).toMatch(/portable/);
    expect(problems.join('\n')).toMatch(/afterPack/);
    expect(problems.join('\n')).toMatch(/asar/);
    expect(problems.join('\n')).toMatch(/npmRebuild/);
  });
});
