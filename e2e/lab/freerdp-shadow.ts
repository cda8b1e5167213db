import { mkdir, writeFile } from 'node:fs/promises';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { validCert, type LabCertificate } from './certs';
import { freePort, waitForPort } from './ports';
import { makeLabTempDir, removeLabTempDir, removeWithProcess, spawnLab } from './processes';
import { startXvfb } from './xvfb';

/** A running freerdp-shadow-cli that requires NLA (CredSSP), on its own Xvfb. */
export interface LabShadow {
  host: string;
  port: number;
  /** The host name it runs under (os.hostname() unless given): the NetBIOS/DNS names in the NTLM CHALLENGE are derived from it. */
  hostname: string;
  /** SHA-256 of the TLS certificate the shadow presents (formatted like tls fingerprint256). */
  sha256: string;
  /** Last ~64 KB of the shadow server's console output. */
  output(): string;
  stop(): Promise<void>;
}

/** Options of startShadow. */
export interface ShadowOptions {
  readonly startTimeoutMs?: number;
  /** The host name the shadow sees (and reveals over NTLM), in a UTS namespace of its own; default this machine's. */
  readonly hostName?: string;
  /** The TLS certificate it presents; default one valid for its host name. */
  readonly certificate?: LabCertificate;
  /** The loopback address it listens on (any of 127.0.0.0/8); default 127.0.0.1. */
  readonly bindAddress?: string;
}

/**
 * Starts Xvfb on a free display, then `freerdp-shadow-cli /sec:nla +auth` on a free 127.0.0.1 port.
 * Verified here (FreeRDP 2.11, root): no SAM file or PAM setup is needed to get the NTLM CHALLENGE; only the
 * AUTHENTICATE step fails ("Could not find user in SAM database"), so every credential is refused.
 */
export async function startShadow(options: ShadowOptions = {}): Promise<LabShadow> {
  const { startTimeoutMs = 10_000, hostName, bindAddress = '127.0.0.1' } = options;
  // Own HOME so parallel shadows never race to create ~/.config/freerdp/shadow/shadow.{crt,key}; we pre-seed it.
  const home = await makeLabTempDir('shadow');
  const cert = options.certificate ?? validCert(hostName ?? hostname());
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
      const args = [`/port:${port}`, `/bind-address:${bindAddress}`, '/sec:nla', '+auth'];
      // The NTLM CHALLENGE names come from gethostname(): a host name of its own needs a UTS namespace of its own.
      const [command, commandArgs] = hostName
        ? ['unshare', ['--uts', 'sh', '-c', 'hostname "$0" && exec freerdp-shadow-cli "$@"', hostName, ...args]]
        : ['freerdp-shadow-cli', args];
      const proc = spawnLab(command, commandArgs, {
        name: `freerdp-shadow:${port}`,
        env: { ...process.env, DISPLAY: xvfb.displayName, HOME: home, XDG_CONFIG_HOME: join(home, '.config') },
      });
      try {
        await waitForPort(port, { host: bindAddress, timeoutMs: startTimeoutMs, isDead: () => proc.hasExited(), what: `freerdp-shadow-cli on port ${port}` });
        removeWithProcess(proc, [home]);
        let stopped: Promise<void> | undefined;
        const stop = () => (stopped ??= proc.stop().finally(() => xvfb.stop()));
        return { host: bindAddress, port, hostname: hostName ?? hostname(), sha256: cert.sha256, output: () => proc.output(), stop };
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
