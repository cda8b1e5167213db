import { describe, expect, it } from 'vitest';
import type { TcpAttempt } from '../net/tcp';
import { judgeTcp, type LatencyFigures } from './net-tcp.check';

const open: TcpAttempt = { address: '10.0.0.5', port: 3389, family: 4, kind: 'open', ms: 2, code: null, message: 'open' };

/** A sample of five connects, `lost` of them unanswered. */
function sample(lost: number): LatencyFigures {
  const samplesMs = Array.from({ length: 5 }, (_, i) => (i < lost ? null : 2));
  return { address: '10.0.0.5', port: 3389, attempts: 5, answered: 5 - lost, lossRatio: lost / 5, medianMs: 2, maxMs: 2, minMs: 2, samplesMs, budgetMs: 5000 };
}

describe('judgeTcp packet loss', () => {
  it('does not call one unanswered connect of five loss: a busy server can drop a single SYN from its listen queue', () => {
    const outcome = judgeTcp('srv', 3389, [open], sample(1));
    expect(outcome.evidence['packetLoss']).toBe(false);
    expect(outcome.status).toBe('pass');
  });

  it('calls two or more unanswered connects of five loss', () => {
    for (const lost of [2, 3]) {
      const outcome = judgeTcp('srv', 3389, [open], sample(lost));
      expect(outcome.evidence['packetLoss']).toBe(true);
      expect(outcome.status).toBe('warn');
    }
  });
});

describe('judgeTcp latency', () => {
  const timed = (medianMs: number, pathMedianMs?: number): LatencyFigures => ({ ...sample(0), medianMs, maxMs: medianMs, ...(pathMedianMs === undefined ? {} : { pathMedianMs }) });

  it('does not call a path slow when our own busy loop made the connects read slow', () => {
    const outcome = judgeTcp('srv', 3389, [open], timed(420, 1.5));
    expect(outcome.evidence['highLatency']).toBe(false);
    expect(outcome.status).toBe('pass');
  });

  it('calls a path slow when the round trips stay slow with our own busy time taken out', () => {
    const outcome = judgeTcp('srv', 3389, [open], timed(420, 380));
    expect(outcome.evidence['highLatency']).toBe(true);
    expect(outcome.summary).toContain('median 380 ms');
  });

  it('judges a recording without the corrected figure on its plain median', () => {
    expect(judgeTcp('srv', 3389, [open], timed(420)).evidence['highLatency']).toBe(true);
    expect(judgeTcp('srv', 3389, [open], timed(20)).evidence['highLatency']).toBe(false);
  });
});

describe('judgeTcp on loopback', () => {
  const local: TcpAttempt = { ...open, address: '127.0.0.1' };
  const slow = (address: string): LatencyFigures => ({ ...sample(0), address, medianMs: 420, maxMs: 420, pathMedianMs: 380 });

  it('never calls loopback slow: there is no path, only this computer’s load', () => {
    for (const address of ['127.0.0.1', '127.8.9.10', '::1', '::ffff:127.0.0.1']) {
      const outcome = judgeTcp('localhost', 3389, [{ ...local, address }], slow(address));
      expect(outcome.evidence['highLatency'], address).toBe(false);
      expect(outcome.status, address).toBe('pass');
    }
    // The same figures to another computer are a slow path.
    expect(judgeTcp('srv', 3389, [open], slow('10.0.0.5')).evidence['highLatency']).toBe(true);
  });

  it('still counts unanswered connects on loopback: the server dropped them', () => {
    const lossy = { ...sample(3), address: '127.0.0.1' };
    expect(judgeTcp('localhost', 3389, [local], lossy).evidence['packetLoss']).toBe(true);
  });
});
