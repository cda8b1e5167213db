// `npm start`: the Electron window where its binary is installed, otherwise browser mode with a one-line reason.
// Extra arguments go to `rdp-doctor ui` (e.g. `npm start -- --no-open --port 8080`).
import { spawn } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const cli = fileURLToPath(new URL('../bin/rdp-doctor.cjs', import.meta.url));
const child = spawn(process.execPath, [cli, 'ui', ...process.argv.slice(2)], { stdio: 'inherit' });
for (const signal of ['SIGINT', 'SIGTERM']) process.on(signal, () => child.kill(signal));
child.on('exit', (code) => process.exit(code ?? 0));
