// `npm run check:builder`: electron-builder.yml against electron-builder's schema and the project's packaging rules.
import { checkBuilderConfig } from './builder-config.mjs';

const root = new URL('..', import.meta.url).pathname;
const problems = await checkBuilderConfig(root);
for (const p of problems) console.error(`electron-builder.yml: ${p}`);
console.log(problems.length === 0 ? 'electron-builder.yml: valid' : `electron-builder.yml: ${problems.length} problem(s)`);
process.exit(problems.length === 0 ? 0 : 1);
