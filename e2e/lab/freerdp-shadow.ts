import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { validCert } from './certs';
import { freePort, waitForPort } from './ports';
import { makeLabTempDir, removeLabTempDir, removeWithProcess, spawnLab } from './processes';
import { startXvfb } from './xvfb';

/** A running freerdp-shadow-cli that requires NLA (CredSSP), on its own Xvfb. */
export interface LabShadow {
  host: '127.0.0.1';
  port: number;
  /** os.hostname(): the NetBIOS/DNS names in the NTLM CHALLENGE are derived from it. */
  hostname: string;
  /** SHA-256 of the TLS certificate the shadow presents (formatted like tls fingerprint256). */
  sha256: string;
  /** Last ~64 KB of the shadow server's console output. */
  output(): string;
  stop(): Promise<void>;
}

/**
 * Starts Xvfb on a free display, then `freerdp-shadow-cli /sec:nla +auth` on a free 127.0.0.1 port.
 * Verified here (FreeRDP 2.11, root): no SAM file or PAM setup is needed to get the NTLM CHALLENGE; only the
 * AUTHENTICATE step fails ("Could not find user in SAM database"), so every credential is refused.
 */
export async function startShadow(options: { startTimeoutMs?: number } = {}): Promise<LabShadow> {
  const { startTimeoutMs = 10_000 } = options;
  // Own HOME so parallel shadows never race to create ~/.config/freerdp/shadow/shadow.{crt,key}; we pre-seed it.
  const home = await makeLabTempDir('shadow');
  const cert = validCert(hostname());
  let lastError: Error | undefined;
  try {
    const certDir = join(home, '.config', 'freerdp', 'shadow');
    await mkdir(certDir, { recursive: true });
    await writeFile(join(certDir, 'shadow.crt'), cert.certPem);
    await writeFile(join(certDir, 'shadow.key'), cert.keyPem, { mode: 0o600 });
    // A lost port race or an X server that went away: retry with a fresh port and display.
    for (let attempt = 0; attempt < 3; attempt++) {
      const xvfb = await startXvfb();
      const port = await freePort();
      const proc = spawnLab('freerdp-shadow-cli', [`/port:${port}`, '/bind-address:127.0.0.1', '/sec:nla', '+auth'], {
        name: `freerdp-shadow:${port}`,
        env: { ...process.env, DISPLAY: xvfb.displayName, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      });
      try {
        await waitForPort(port, { timeoutMs: startTimeoutMs, isDead: () => proc.hasExited(), what: `freerdp-shadow-cli on port ${port}` });
        removeWithProcess(proc, [home]);
        let stopped: Promise<void> | undefined;
        const stop = () => (stopped ??= proc.stop().finally(() => xvfb.stop()));
        return { host: '127.0.0.1', port, hostname: hostname(), sha256: cert.sha256, output: () => proc.output(), stop };
      } catch (err) {
        const died = proc.hasExited();
        lastError = new Error(
          `${(err as Error).message}\n--- freerdp-shadow-cli output ---\n${proc.output().slice(-4000)}\n--- Xvfb ${xvfb.displayName} ---\n${xvfb.output().slice(-2000)}`,
        );
        await proc.stop();
        await xvfb.stop();
        if (!died) break;
      }
    }
  } catch (err) {
    lastError = err as Error;
  }
  removeLabTempDir(home);
  throw lastError ?? new Error('startShadow failed');
}
