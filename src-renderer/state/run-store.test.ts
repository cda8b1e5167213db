import { afterAll, afterEach, describe, expect, it, vi } from 'vitest';
import type { Channel } from '../../src-main/shared/channels';
import type { ProgressEvent } from '../../src-main/shared/dto';
import { setTransport } from '../bridge';
import type { Transport } from '../bridge/types';
import type { BatchScheduler } from './task-batch';
import { listenToProgress, rerunCheck, resetRun, startDiagnosis, useRunStore } from './run-store';

// The store's actions against a recording transport: what they send, and what they keep in the store.
const calls: { channel: Channel; args: unknown }[] = [];
let nextTask = 0;
let gone = false;
let pushProgress: (event: ProgressEvent) => void = () => {};
const transport: Transport = {
  door: 'browser',
  invoke: async (channel, args) => {
    calls.push({ channel, args });
    if (channel === 'diagnosis:start') return { ok: true, value: { taskId: `task-${(nextTask += 1)}` } } as never;
    if (channel === 'diagnosis:get' && gone) return { ok: false, error: { code: 'gone', message: 'That diagnosis is no longer kept; run it again.' } } as never;
    return { ok: true, value: null } as never;
  },
  onProgress: (listener) => {
    pushProgress = listener;
    return () => {
      pushProgress = () => {};
    };
  },
  onOpenRdpFile: () => () => {},
  ready: () => {},
};
setTransport(transport);
afterAll(() => setTransport(null));
afterEach(() => {
  resetRun();
  calls.length = 0;
  gone = false;
  vi.useRealTimers();
});

const rdpFile = { name: 'office.rdp', contentBase64: 'ZnVsbCBhZGRyZXNzOnM6cGMtNDI=' };

describe('run store', () => {
  it('keeps what started the run in the store, and a re-run of one check sends the same file and codes', async () => {
    await startDiagnosis({ target: 'pc-42', rdpFile, error: ' 0x904 0x7 ' });
    expect(useRunStore.getState().input).toEqual({ target: 'pc-42', rdpFile, error: ' 0x904 0x7 ' });
    expect(calls[0]).toEqual({ channel: 'diagnosis:start', args: { target: 'pc-42', rdpFile, error: '0x904 0x7' } });

    useRunStore.setState({ phase: 'finished' });
    await rerunCheck('net.tcp');
    expect(calls[1]).toEqual({ channel: 'diagnosis:start', args: { target: 'pc-42', checks: ['net.tcp'], rerunOf: 'task-1', rdpFile, error: '0x904 0x7' } });
  });

  it('polls for the report while the run is running, and the timer is in the store until it stops', async () => {
    vi.useFakeTimers();
    await startDiagnosis({ target: 'pc-42' });
    const taskId = useRunStore.getState().taskId;
    expect(useRunStore.getState().pollTimer).not.toBeNull();
    await vi.advanceTimersByTimeAsync(3_000);
    expect(calls.filter((c) => c.channel === 'diagnosis:get')).toEqual([{ channel: 'diagnosis:get', args: { taskId } }]);

    // Once the run is no longer running, the next tick stops the timer and asks nothing more.
    useRunStore.setState({ phase: 'finished' });
    await vi.advanceTimersByTimeAsync(6_000);
    expect(useRunStore.getState().pollTimer).toBeNull();
    expect(calls.filter((c) => c.channel === 'diagnosis:get')).toHaveLength(1);
  });

  it('a run the service no longer keeps ends as failed with its reason, instead of running for ever', async () => {
    vi.useFakeTimers();
    await startDiagnosis({ target: 'pc-42' });
    gone = true;
    await vi.advanceTimersByTimeAsync(3_000);
    expect(useRunStore.getState()).toMatchObject({ phase: 'failed', error: 'That diagnosis is no longer kept; run it again.' });
    await vi.advanceTimersByTimeAsync(3_000);
    expect(useRunStore.getState().pollTimer).toBeNull();
  });

  it('going back to the start keeps nothing of the run: no input, no timer', async () => {
    await startDiagnosis({ target: 'pc-42', rdpFile });
    resetRun();
    expect(useRunStore.getState()).toMatchObject({ phase: 'idle', taskId: null, input: null, pollTimer: null });
  });

  it('progress that arrives in one burst is applied in one store update, in order, when its turn comes', async () => {
    let turn: (() => void) | null = null;
    const scheduler: BatchScheduler = {
      request: (run) => {
        turn = run;
        return () => (turn = null);
      },
    };
    const stop = listenToProgress(scheduler);
    await startDiagnosis({ target: 'pc-42' });
    const taskId = useRunStore.getState().taskId ?? '';
    let updates = 0;
    const unsubscribe = useRunStore.subscribe(() => (updates += 1));
    const result = { id: 'dns.resolve', section: 'dns', title: 'Name resolves to an address', status: 'pass', summary: '10.0.0.5', durationMs: 3, evidence: {} } as const;
    pushProgress({ type: 'task-started', taskId, target: 'pc-42', checks: ['dns.resolve', 'net.tcp'] });
    pushProgress({ type: 'check-started', taskId, id: 'dns.resolve' });
    pushProgress({ type: 'check-finished', taskId, result });
    expect(updates).toBe(0);
    expect(useRunStore.getState().order).toEqual([]);
    (turn as (() => void) | null)?.();
    expect(updates).toBe(1);
    expect(useRunStore.getState().rows['dns.resolve']).toMatchObject({ state: 'pass', summary: '10.0.0.5' });
    expect(useRunStore.getState().rows['net.tcp']).toMatchObject({ state: 'queued' });
    unsubscribe();
    stop();
  });
});
