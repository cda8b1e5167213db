import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { BadInputError } from '../shared/errors';
import { evidenceBytes, evidenceOfRecording } from './test-evidence';
import { isWindowsCollectorError } from './errors';
import { HOST_COLLECTORS, createHostEvidenceSource, hostEvidenceNote, parseHostEvidence, summarizeHostEvidence } from './host-evidence';
import { createReplaySource } from './replay-source';

const HOST = join(__dirname, '..', '..', 'e2e', 'fixtures', 'windows', 'host-expired-cert');
const signal = new AbortController().signal;

function refusal(bytes: Uint8Array | string, name = 'evidence.json'): string {
  try {
    parseHostEvidence(typeof bytes === 'string' ? Buffer.from(bytes, 'utf8') : bytes, name);
  } catch (error) {
    expect(error).toBeInstanceOf(BadInputError);
    return (error as Error).message;
  }
  throw new Error('the file was accepted');
}

describe('host evidence', () => {
  it('answers every host collector exactly as the recorded host folder it was made from', async () => {
    const source = createHostEvidenceSource(parseHostEvidence(evidenceBytes(HOST), 'host.json'));
    const folder = createReplaySource(HOST);
    expect(source.machineRole).toBe('host');
    expect(source.origin).toBe('replay');
    // No folder: a target naming the host is still probed over the network.
    expect(source.replayDir).toBeNull();
    expect(source.recordedAt?.toISOString()).toBe('2026-11-21T12:00:00.000Z');
    for (const name of HOST_COLLECTORS) expect(await source.collect(name, {}, signal), name).toBe(await folder.collect(name, {}, signal));
  });

  it('turns a collector that failed on the host into the error the live runner would have given', async () => {
    const evidence = evidenceOfRecording(HOST);
    const collectors = {
      ...(evidence['collectors'] as Record<string, unknown>),
      'server-firewall': { error: { category: 'PermissionDenied', id: 'CimException,Get-NetFirewallRule', message: 'Access denied' } },
      'server-events': { stdout: 'WARNING: something\n' },
    };
    delete (collectors as Record<string, unknown>)['server-capacity'];
    const source = createHostEvidenceSource(parseHostEvidence(Buffer.from(JSON.stringify({ ...evidence, collectors })), 'h.json'));
    const kindOf = async (name: string) =>
      source.collect(name, {}, signal).then(
        () => 'answered',
        (e: unknown) => (isWindowsCollectorError(e) ? e.kind : 'thrown'),
      );
    expect(await kindOf('server-firewall')).toBe('access-denied');
    expect(await kindOf('server-events')).toBe('not-json');
    expect(await kindOf('server-capacity')).toBe('not-recorded');
    expect(await kindOf('client-credentials')).toBe('not-recorded');
  });

  it('refuses what is not host evidence with one line naming the file and what is wrong', () => {
    const good = evidenceOfRecording(HOST);
    const cases: Array<[Uint8Array | string, RegExp]> = [
      ['', /evidence\.json is not host evidence: it is not JSON/],
      ['<html>', /it is not JSON/],
      [new Uint8Array([0x7b, 0xff, 0xfe, 0x7d]), /it is not UTF-8 text/],
      ['[]', /its format tag is missing/],
      [JSON.stringify({ ...good, format: 'something-else' }), /its format tag is "something-else", not "rdp-doctor-host-evidence\/1"/],
      [JSON.stringify({ ...good, format: 'rdp-doctor-host-evidence/2' }), /format "rdp-doctor-host-evidence\/2", which this version of RDP Doctor cannot read/],
      [JSON.stringify({ ...good, collectors: { 'client-credentials': { stdout: '{}' } } }), /not host collectors of this version \("client-credentials"\)/],
      [JSON.stringify({ ...good, collectors: {} }), /holds no host collector/],
      [JSON.stringify({ ...good, collectors: { 'server-events': { stdout: 1 } } }), /damaged host evidence \(collectors\.server-events/],
      [JSON.stringify({ ...good, collectors: { 'server-events': { run: 'calc' } } }), /damaged host evidence/],
      [JSON.stringify({ ...good, collectedAt: 'yesterday' }), /collectedAt is not a date/],
      [JSON.stringify({ ...good, computerName: 7 }), /damaged host evidence \(computerName/],
    ];
    for (const [bytes, expected] of cases) {
      const message = refusal(bytes);
      expect(message, String(expected)).toMatch(expected);
      expect(message.split('\n'), message).toHaveLength(1);
    }
  });

  it('takes the UTF-8 BOM Windows tools put in front', () => {
    const bytes = Buffer.concat([Buffer.from([0xef, 0xbb, 0xbf]), evidenceBytes(HOST)]);
    expect(parseHostEvidence(bytes, 'bom.json').computerName).toBe('RDP-HOST01');
  });

  it('says when the file comes from another computer than the target, and not when the target names it', () => {
    const evidence = parseHostEvidence(evidenceBytes(HOST, { addresses: ['10.0.0.5', 'FE80::1'] }), 'host.json');
    for (const same of ['RDP-HOST01', 'rdp-host01.corp.example', '10.0.0.5', 'fe80::1']) expect(hostEvidenceNote(evidence, same), same).toBeNull();
    expect(hostEvidenceNote(evidence, 'rdp-lab.example')).toBe('The host evidence host.json comes from RDP-HOST01, not rdp-lab.example: the host checks describe RDP-HOST01.');
    const summary = summarizeHostEvidence(evidence, 'rdp-lab.example');
    expect(summary).toMatchObject({ computerName: 'RDP-HOST01', collectedAt: '2026-11-21T12:00:00.000Z', failed: [] });
    expect(summary.collectors.sort()).toEqual([...HOST_COLLECTORS].sort());
    expect(summary.note).toMatch(/comes from RDP-HOST01/);
  });
});
