import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { createReportFiles } from '../electron/report-files';
import { CHANNELS, type Channel } from '../shared/channels';
import { dispatch } from './dispatch';
import { createNodeAppService } from './node-deps';
import { evidenceBytes } from '../windows/test-evidence';

// Every channel's reply, from the real service through dispatch as a door calls it, passes the reply schema the
// channel map declares: the types the doors and the renderer see are inferred from those schemas, so a handler that
// drifts from them is caught here. A recorded host (a copy, fixes change it) lets a fix apply and undo for real; the
// save dialog answers with a file in the temporary folder, and opening or showing it does nothing.
const root = mkdtempSync(join(tmpdir(), 'rdp-doctor-replies-'));
const machine = join(root, 'machine');
cpSync('e2e/fixtures/windows/host-nla-firewall-off', machine, { recursive: true });
const reportFiles = createReportFiles({
  startFolder: root,
  showSaveDialog: async () => ({ canceled: false, filePath: join(root, 'saved.json') }),
  openPath: async () => '',
  showItemInFolder: () => undefined,
});
const service = createNodeAppService({ door: 'browser', dataDir: join(root, 'data'), env: { RDP_DOCTOR_REPLAY: machine }, reportFiles });
afterAll(() => {
  service.shutdown();
  rmSync(root, { recursive: true, force: true });
});

const answered = new Set<Channel>();

/** Calls `channel`, expects an ok envelope and a reply its schema accepts, and returns the reply. */
async function call<C extends Channel>(channel: C, args: unknown): Promise<Record<string, unknown>> {
  const envelope = await dispatch(service.handlers, channel, args);
  if (!envelope.ok) throw new Error(`${channel}: ${envelope.error.message}`);
  const parsed = CHANNELS[channel].reply.safeParse(envelope.value);
  expect(parsed.error?.issues ?? [], channel).toEqual([]);
  answered.add(channel);
  return envelope.value as Record<string, unknown>;
}

const rdpFile = { name: 'office.rdp', contentBase64: Buffer.from('full address:s:127.0.0.1:1\r\nenablecredsspsupport:i:0\r\n', 'utf8').toString('base64') };

describe('channel replies', () => {
  it('every channel answers with what its reply schema describes', async () => {
    await call('app:info', {});
    await call('checks:list', {});
    await call('decode:code', { text: 'Error code: 0x904. Extended error code: 0x7.' });
    await call('rdpfile:inspect', rdpFile);
    await call('rdpfile:clean', { file: rdpFile });
    await call('hostevidence:inspect', {
      file: { name: 'host.json', contentBase64: evidenceBytes('e2e/fixtures/windows/host-expired-cert').toString('base64') },
      target: 'rdp-lab.example',
    });

    const { taskId } = (await call('diagnosis:start', { target: '127.0.0.1:1', rdpFile, timeoutMs: 1000 })) as { taskId: string };
    await expect.poll(async () => (await call('diagnosis:get', { taskId })) !== null, { timeout: 30_000, interval: 200 }).toBe(true);
    const { code } = (await call('support:code', { taskId })) as { code: string };
    await call('decode:support', { code });
    await call('report:export', { taskId, format: 'json', redact: { users: false, hosts: false } });
    const { saveId } = (await call('report:save', { taskId, format: 'json', redact: { users: true, hosts: true } })) as { saveId: string };
    await call('report:reveal', { saveId, action: 'folder' });
    await call('report:summary', { taskId, redact: { users: true, hosts: true } });
    await call('diagnosis:cancel', { taskId });

    await call('fix:plan', { fixId: 'server.enable-rdp', target: 'localhost' });
    const applied = (await call('fix:apply', { fixId: 'server.enable-rdp', target: 'localhost' })) as { journalId: string | null };
    expect(applied.journalId).not.toBeNull();
    await call('fix:undo', { journalId: applied.journalId });

    expect([...answered].sort()).toEqual(Object.keys(CHANNELS).sort());
  }, 60_000);
});
