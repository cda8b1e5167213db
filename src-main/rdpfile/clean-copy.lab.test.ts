import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { runXfreerdp, startGatewayStandin, stopAll, type GatewayStandin } from '../../e2e/lab';
import { cleanCopyOfFile } from './clean-copy';
import { generateCleanRdp } from './generate';
import { parseRdpText } from './parse';
import { serializeRdp } from './serialize';

let gateway: GatewayStandin;
const dir = mkdtempSync(join(tmpdir(), 'rdp-doctor-clean-copy-'));

beforeAll(async () => {
  gateway = await startGatewayStandin({ mode: 'gateway' });
});

afterAll(async () => {
  await gateway.stop();
  await stopAll();
});

/** A host reachable only through its RD Gateway, as mstsc saves it (UTF-16LE, CRLF), with the lab's stand-in as the gateway. */
function gatewayFile(): string {
  return [
    'screen mode id:i:2',
    'desktopwidth:i:1920',
    'desktopheight:i:1080',
    'session bpp:i:32',
    'full address:s:pc01.corp.example',
    'authentication level:i:2',
    'enablecredsspsupport:i:0',
    'gatewayhostname:s:127.0.0.1:' + String(gateway.port),
    'gatewayusagemethod:i:1',
    'gatewaycredentialssource:i:0',
    'gatewayprofileusagemethod:i:1',
    'promptcredentialonce:i:1',
    'username:s:CORP\\anna',
    '',
  ].join('\r\n');
}

describe('the clean copy of a gateway file against real xfreerdp', () => {
  it('xfreerdp reads the UTF-16LE clean copy and goes to the RD Gateway it keeps', async () => {
    const copy = cleanCopyOfFile(parseRdpText(gatewayFile(), 'utf-16le-bom'), { fallback: false, name: 'work.rdp' });
    expect(copy.text).toContain(`gatewayhostname:s:127.0.0.1:${gateway.port}\r\n`);
    const path = join(dir, 'work-clean.rdp');
    writeFileSync(path, copy.bytes);
    const before = gateway.requests.length;
    const r = await runXfreerdp({ rdpFile: path, user: 'anna', password: 'lab', timeoutMs: 20_000 });
    const log = r.stdout + r.stderr;
    // xfreerdp parsed the file (no argument error) and opened the gateway's HTTP transport at the stand-in.
    expect(r.exitCode, log).not.toBe(128);
    const seen = gateway.requests.slice(before);
    expect(seen.length, log).toBeGreaterThan(0);
    expect(
      seen.some((q) => q.method === 'RDG_OUT_DATA' && /^\/remoteDesktopGateway\//i.test(q.path)),
      JSON.stringify(seen),
    ).toBe(true);
  });

  it('the file made from the computer name alone goes direct and never asks the gateway (why the file is cleaned, not replaced)', async () => {
    const path = join(dir, 'from-name.rdp');
    writeFileSync(path, generateCleanRdp({ address: 'pc01.corp.example', fallback: false }).bytes);
    const before = gateway.requests.length;
    await runXfreerdp({ rdpFile: path, user: 'anna', password: 'lab', timeoutMs: 10_000 });
    expect(gateway.requests.length).toBe(before);
  });

  it('the copy is the same bytes whatever encoding the original had', () => {
    const fromUtf16 = cleanCopyOfFile(parseRdpText(gatewayFile(), 'utf-16le-bom'), { fallback: false });
    const asUtf8 = serializeRdp(parseRdpText(gatewayFile(), 'utf-8'), { encoding: 'utf-8', lineEnding: 'lf' }).toString('utf8');
    expect(cleanCopyOfFile(parseRdpText(asUtf8, 'utf-8'), { fallback: false }).bytes.equals(fromUtf16.bytes)).toBe(true);
  });
});
