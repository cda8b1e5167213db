import { X509Certificate } from 'node:crypto';
import { existsSync } from 'node:fs';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { execFileSync } from 'node:child_process';
import { expiredCert, notYetValidCert, validCert, wrongNameCert } from './certs';
import { freePort, isPortOpen, waitForPort } from './ports';
import { type LabProcess, makeLabTempDir, removeLabTempDir, spawnLab } from './processes';

/** Which certificate a lab xrdp presents: a preset or your own PEM pair. */
export type XrdpCertChoice = 'valid' | 'expired' | 'wrong-name' | 'not-yet-valid' | { certPem: string; keyPem: string };

/** Options for startXrdp. */
export interface XrdpOptions {
  /** xrdp.ini security_layer: negotiate (TLS or RDP, client's choice), tls only, or rdp (Standard RDP Security) only. */
  securityLayer: 'negotiate' | 'tls' | 'rdp';
  cert?: XrdpCertChoice;
  /** Name the preset certificates are issued for (default 'localhost', which also covers 127.0.0.1). */
  hostName?: string;
  /** Extra [Globals] keys, e.g. { ssl_protocols: 'TLSv1.2' }; they override the lab defaults. */
  globals?: Record<string, string>;
  /** A fixed port (e.g. 3389 for tools that only probe the standard port); default a free one. */
  port?: number;
  startTimeoutMs?: number;
}

/** A running lab xrdp. */
export interface LabXrdp {
  host: '127.0.0.1';
  port: number;
  certPem: string;
  /** SHA-256 of the certificate, formatted like tls fingerprint256. */
  sha256: string;
  /** Last lines of xrdp's console output and log file. */
  logTail(): Promise<string>;
  stop(): Promise<void>;
}

const XRDP_RSA_KEYS = '/etc/xrdp/rsakeys.ini';

function pickCert(choice: XrdpCertChoice, host: string): { certPem: string; keyPem: string } {
  if (typeof choice === 'object') return choice;
  switch (choice) {
    case 'valid':
      return validCert(host);
    case 'expired':
      return expiredCert(host);
    case 'wrong-name':
      return wrongNameCert();
    case 'not-yet-valid':
      return notYetValidCert(host);
    default:
      throw new TypeError(`startXrdp: unknown cert choice ${String(choice)}`);
  }
}

function iniValue(key: string, value: string): string {
  if (/[\r\n]/.test(key + value) || !/^[A-Za-z0-9_.]+$/.test(key)) throw new TypeError(`startXrdp: bad ini entry ${key}`);
  return `${key}=${value}`;
}

function renderIni(dir: string, port: number, securityLayer: string, extra: Record<string, string>): string {
  // Channels must be listed or xrdp answers the MCS channel join with no channels and xfreerdp fails (exit 147).
  const globals: Record<string, string> = {
    ini_version: '1',
    fork: 'true',
    port: `tcp://127.0.0.1:${port}`,
    tcp_nodelay: 'true',
    security_layer: securityLayer,
    crypt_level: 'high',
    certificate: join(dir, 'cert.pem'),
    key_file: join(dir, 'key.pem'),
    ssl_protocols: 'TLSv1.2, TLSv1.3',
    allow_channels: 'true',
    max_bpp: '32',
    new_cursors: 'true',
    use_fastpath: 'both',
    ...extra,
  };
  return [
    '[Globals]',
    ...Object.entries(globals).map(([k, v]) => iniValue(k, v)),
    '[Logging]',
    `LogFile=${join(dir, 'xrdp.log')}`,
    'LogLevel=INFO',
    'EnableSyslog=false',
    // Only errors on the console (a start-up failure before the log file opens): every connection logs at INFO, and
    // a child blocked on a full stdout pipe, while its reader sits in a synchronous call, stops accepting for good.
    'EnableConsole=true',
    'ConsoleLevel=ERROR',
    '[Channels]',
    ...['rdpdr', 'rdpsnd', 'drdynvc', 'cliprdr', 'rail', 'xrdpvr', 'tcutils'].map((c) => `${c}=true`),
    '[Xorg]',
    'name=Xorg',
    'lib=libxup.so',
    'username=ask',
    'password=ask',
    'ip=127.0.0.1',
    'port=-1',
    'code=20',
    '',
  ].join('\n');
}

// xrdp 0.9 reads its Standard RDP Security keys from a fixed path; create them once if the package did not.
function ensureRsaKeys(): void {
  if (!existsSync(XRDP_RSA_KEYS)) execFileSync('xrdp-keygen', ['xrdp', XRDP_RSA_KEYS], { stdio: 'ignore', timeout: 30_000 });
}

function lastLines(text: string, n = 40): string {
  return text.split('\n').slice(-n).join('\n');
}

/** Starts `xrdp --nodaemon` on a free 127.0.0.1 port with its own temp dir; resolves once the port accepts connections. */
export async function startXrdp(options: XrdpOptions): Promise<LabXrdp> {
  const { securityLayer, cert = 'valid', hostName = 'localhost', globals = {}, startTimeoutMs = 10_000 } = options;
  if (!['negotiate', 'tls', 'rdp'].includes(securityLayer)) throw new TypeError(`startXrdp: bad securityLayer ${String(securityLayer)}`);
  if (securityLayer !== 'tls') ensureRsaKeys();
  const pair = pickCert(cert, hostName);
  const sha256 = new X509Certificate(pair.certPem).fingerprint256;

  let lastError: Error | undefined;
  // A port can be taken between freePort() and xrdp's bind; retry with a new one.
  for (let attempt = 0; attempt < 3; attempt++) {
    const dir = await makeLabTempDir('xrdp');
    const port = options.port ?? (await freePort());
    await writeFile(join(dir, 'cert.pem'), pair.certPem, { mode: 0o644 });
    await writeFile(join(dir, 'key.pem'), pair.keyPem, { mode: 0o600 });
    const iniPath = join(dir, 'xrdp.ini');
    await writeFile(iniPath, renderIni(dir, port, securityLayer, globals));

    let proc: LabProcess;
    try {
      proc = spawnLab('xrdp', ['--nodaemon', '--config', iniPath], { name: `xrdp:${port}`, cwd: dir, removeOnStop: [dir] });
    } catch (err) {
      removeLabTempDir(dir);
      throw err;
    }
    const logTail = async () => {
      const file = await readFile(join(dir, 'xrdp.log'), 'utf8').catch(() => '');
      // The console carries only errors; it alone matters when xrdp died before opening its log.
      return lastLines(file.trim() ? file : proc.output());
    };
    let stopped: Promise<void> | undefined;
    const stop = () => (stopped ??= proc.stop());
    try {
      await waitForPort(port, { timeoutMs: startTimeoutMs, isDead: () => proc.hasExited(), what: `xrdp on port ${port}` });
      return { host: '127.0.0.1', port, certPem: pair.certPem, sha256, logTail, stop };
    } catch (err) {
      const tail = await logTail();
      // Retry only a lost port race: xrdp died and someone else now listens on the port we picked.
      const lostRace = proc.hasExited() && (await isPortOpen(port));
      await stop();
      lastError = new Error(`${(err as Error).message}\n--- xrdp log tail ---\n${tail}`);
      if (!lostRace) break;
    }
  }
  throw lastError ?? new Error('startXrdp failed');
}
