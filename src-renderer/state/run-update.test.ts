import { describe, expect, it } from 'vitest';
import type { ProgressEvent } from '../../src-main/shared/dto';
import type { CheckResult, Finding, Report } from '../../src-main/shared/schema';
import {
  applyProgress,
  applyReport,
  beginRerun,
  beginRun,
  checklistGroups,
  claimRerun,
  claimTask,
  failStart,
  initialRunState,
  rowsBySection,
  runProgress,
  shownPhase,
  type RunState,
} from './run-update';

const result = (id: CheckResult['id'], status: CheckResult['status'], section: CheckResult['section'] = 'dns'): CheckResult => ({
  id,
  section,
  status,
  title: `title ${id}`,
  summary: `summary ${id}`,
  durationMs: 12,
  evidence: { id },
});

const finding: Finding = {
  id: 'certificate-expired',
  section: 'certificates',
  severity: 'high',
  confidence: 0.9,
  title: 'expired',
  explanation: 'e',
  technical: 't',
  checks: ['tls.certificate'],
  fixes: ['server.renew-certificate'],
  evidence: {},
  contradictions: [],
};

const report = (checks: CheckResult[], findings: Finding[] = []): Report => ({
  schemaVersion: 1,
  tool: { name: 'rdp-doctor', version: '1' },
  target: { input: 'h', host: 'h', port: 3389, addresses: [] },
  startedAt: '2026-01-01T00:00:00Z',
  durationMs: 1,
  environment: { platform: 'linux', replay: null, node: '20' },
  errorCodes: null,
  checks,
  findings,
  fixesApplied: [],
});

function run(events: ProgressEvent[], taskId = 't1'): RunState {
  let state = claimTask(beginRun(initialRunState(), 'host'), taskId);
  for (const event of events) state = applyProgress(state, event);
  return state;
}

describe('run updates', () => {
  it('shows the results area of no run yet as a run that is starting, and every other phase as it is', () => {
    expect(shownPhase('idle')).toBe('starting');
    for (const phase of ['starting', 'running', 'finished', 'failed', 'cancelled'] as const) expect(shownPhase(phase)).toBe(phase);
  });

  it('queues the announced checks in order and streams their states', () => {
    const state = run([
      { type: 'task-started', taskId: 't1', target: 'host', checks: ['dns.resolve', 'net.tcp'] },
      { type: 'check-started', taskId: 't1', id: 'dns.resolve' },
      { type: 'check-progress', taskId: 't1', id: 'dns.resolve', message: 'asking' },
    ]);
    expect(state.order).toEqual(['dns.resolve', 'net.tcp']);
    expect(state.rows['dns.resolve']?.state).toBe('running');
    expect(state.rows['dns.resolve']?.message).toBe('asking');
    expect(state.rows['net.tcp']?.state).toBe('queued');
    expect(state.rows['net.tcp']?.title).toBe('Port is reachable');
    const done = applyProgress(state, { type: 'check-finished', taskId: 't1', result: result('dns.resolve', 'fail') });
    expect(done.rows['dns.resolve']).toMatchObject({ state: 'fail', summary: 'summary dns.resolve', durationMs: 12 });
    expect(runProgress(done)).toEqual({ done: 1, total: 2 });
  });

  it('stamps when a check started so its row can tick, and forgets it once finished', () => {
    let state = run([{ type: 'task-started', taskId: 't1', target: 'host', checks: ['net.tcp'] }]);
    state = applyProgress(state, { type: 'check-started', taskId: 't1', id: 'net.tcp' }, 5_000);
    expect(state.rows['net.tcp']).toMatchObject({ state: 'running', startedAt: 5_000 });
    state = applyProgress(state, { type: 'check-progress', taskId: 't1', id: 'net.tcp', message: 'connecting' }, 6_000);
    expect(state.rows['net.tcp']?.startedAt).toBe(5_000);
    state = applyProgress(state, { type: 'check-finished', taskId: 't1', result: result('net.tcp', 'pass', 'network') });
    expect(state.rows['net.tcp']?.startedAt).toBeNull();
  });

  it('ignores events of other tasks once running', () => {
    const state = run([{ type: 'check-started', taskId: 'other', id: 'dns.resolve' }]);
    expect(state.rows['dns.resolve']).toBeUndefined();
  });

  it('replays events that arrived before the task id was known', () => {
    let state = beginRun(initialRunState(), 'host');
    state = applyProgress(state, { type: 'task-started', taskId: 'early', target: 'host', checks: ['net.tcp'] });
    state = applyProgress(state, { type: 'check-finished', taskId: 'early', result: result('net.tcp', 'pass', 'network') });
    expect(state.order).toEqual([]);
    state = claimTask(state, 'early');
    expect(state.phase).toBe('running');
    expect(state.rows['net.tcp']?.state).toBe('pass');
    expect(state.unclaimed).toEqual([]);
  });

  it("applies a task's events sent again (to a tab that joined it) without making finished checks look running", () => {
    const history: ProgressEvent[] = [
      { type: 'task-started', taskId: 't1', target: 'host', checks: ['dns.resolve', 'net.tcp'] },
      { type: 'check-started', taskId: 't1', id: 'dns.resolve' },
      { type: 'check-finished', taskId: 't1', result: result('dns.resolve', 'pass') },
      { type: 'check-started', taskId: 't1', id: 'net.tcp' },
    ];
    const first = run(history);
    // Mid-replay, the start of a check that has its result must not turn it back to running.
    expect(applyProgress(first, history[1]!).rows['dns.resolve']?.state).toBe('pass');
    // The tab that followed all along sees the history again: nothing changes.
    let again = first;
    for (const event of history) again = applyProgress(again, event);
    expect(again.rows['dns.resolve']?.state).toBe('pass');
    expect(again.rows['net.tcp']?.state).toBe('running');
    expect(again.order).toEqual(first.order);
    // The joining tab gets the history before its reply, buffers it, and shows the same once it claims the task.
    let joining = beginRun(initialRunState(), 'host');
    for (const event of history) joining = applyProgress(joining, event);
    joining = claimTask(joining, 't1');
    expect(joining.rows['dns.resolve']?.state).toBe('pass');
    expect(joining.rows['net.tcp']?.state).toBe('running');
    expect(joining.order).toEqual(first.order);
  });

  it('takes findings and the final report', () => {
    const state = run([
      { type: 'task-started', taskId: 't1', target: 'host', checks: ['tls.certificate'] },
      { type: 'findings', taskId: 't1', findings: [finding] },
      { type: 'task-finished', taskId: 't1', report: report([result('tls.certificate', 'fail', 'certificates')], [finding]) },
    ]);
    expect(state.phase).toBe('finished');
    expect(state.findings.map((f) => f.id)).toEqual(['certificate-expired']);
    expect(state.rows['tls.certificate']?.state).toBe('fail');
  });

  it('marks unfinished rows when the task fails or is cancelled', () => {
    const started: ProgressEvent = { type: 'task-started', taskId: 't1', target: 'host', checks: ['dns.resolve', 'net.tcp'] };
    const failed = run([started, { type: 'task-failed', taskId: 't1', message: 'boom' }]);
    expect(failed.phase).toBe('failed');
    expect(failed.error).toBe('boom');
    expect(failed.rows['net.tcp']?.state).toBe('stopped');
    const cancelled = run([started, { type: 'check-finished', taskId: 't1', result: result('dns.resolve', 'pass') }, { type: 'task-cancelled', taskId: 't1' }]);
    expect(cancelled.phase).toBe('cancelled');
    expect(cancelled.rows['dns.resolve']?.state).toBe('pass');
    expect(cancelled.rows['net.tcp']?.state).toBe('cancelled');
  });

  it('a re-run of one check brings the whole recomputed report: rows, verdict and the task export uses', () => {
    let state = run([
      { type: 'task-started', taskId: 't1', target: 'host', checks: ['dns.resolve', 'tls.certificate'] },
      { type: 'task-finished', taskId: 't1', report: report([result('dns.resolve', 'pass'), result('tls.certificate', 'fail', 'certificates')], [finding]) },
    ]);
    state = claimRerun(state, 't2', ['tls.certificate']);
    expect(state.rows['tls.certificate']?.state).toBe('queued');
    expect(state.reruns).toEqual(['t2']);
    state = applyProgress(state, { type: 'check-started', taskId: 't2', id: 'tls.certificate' });
    expect(state.rows['tls.certificate']?.state).toBe('running');
    expect(state.taskId).toBe('t1');
    state = applyProgress(state, { type: 'task-finished', taskId: 't2', report: report([result('dns.resolve', 'pass'), result('tls.certificate', 'pass', 'certificates')], []) });
    expect(state.rows['tls.certificate']?.state).toBe('pass');
    expect(state.rows['dns.resolve']?.state).toBe('pass');
    expect(state.phase).toBe('finished');
    expect(state.findings).toEqual([]);
    expect(state.report?.checks.find((c) => c.id === 'tls.certificate')?.status).toBe('pass');
    expect(state.taskId).toBe('t2');
    expect(state.reruns).toEqual([]);
    expect(state.order).toEqual(['dns.resolve', 'tls.certificate']);
  });

  it('a re-run that finishes before its task id comes back is still applied', () => {
    let state = run([
      { type: 'task-started', taskId: 't1', target: 'host', checks: ['tls.certificate'] },
      { type: 'task-finished', taskId: 't1', report: report([result('tls.certificate', 'fail', 'certificates')], [finding]) },
    ]);
    state = beginRerun(state);
    state = applyProgress(state, { type: 'check-started', taskId: 't2', id: 'tls.certificate' });
    state = applyProgress(state, { type: 'task-finished', taskId: 't2', report: report([result('tls.certificate', 'error', 'certificates')], []) });
    expect(state.rows['tls.certificate']?.state).toBe('fail');
    state = claimRerun(state, 't2', ['tls.certificate']);
    expect(state.rows['tls.certificate']?.state).toBe('error');
    expect(state.findings).toEqual([]);
    expect(state.taskId).toBe('t2');
    expect(state.awaitingReruns).toBe(0);
    expect(state.unclaimed).toEqual([]);
  });

  it('a failed re-run keeps the verdict and the task, and says the row stopped', () => {
    let state = run([
      { type: 'task-started', taskId: 't1', target: 'host', checks: ['tls.certificate'] },
      { type: 'task-finished', taskId: 't1', report: report([result('tls.certificate', 'fail', 'certificates')], [finding]) },
    ]);
    state = claimRerun(state, 't2', ['tls.certificate']);
    state = applyProgress(state, { type: 'task-failed', taskId: 't2', message: 'boom' });
    expect(state.rows['tls.certificate']?.state).toBe('stopped');
    expect(state.taskId).toBe('t1');
    expect(state.findings).toHaveLength(1);
    expect(state.reruns).toEqual([]);
  });

  it('groups rows by section in run order', () => {
    const state = applyReport(run([]), report([result('net.tcp', 'pass', 'network'), result('dns.resolve', 'pass', 'dns'), result('dns.reverse', 'warn', 'dns')]));
    const groups = rowsBySection(state);
    expect([...groups.keys()]).toEqual(['network', 'dns']);
    expect(groups.get('dns')?.map((row) => row.id)).toEqual(['dns.resolve', 'dns.reverse']);
  });

  it('bounds the events it keeps for unknown tasks', () => {
    let state = beginRun(initialRunState(), 'host');
    for (let i = 0; i < 600; i += 1) state = applyProgress(state, { type: 'task-cancelled', taskId: `x${i}` });
    expect(state.unclaimed.length).toBe(500);
  });

  it('a start refused for bad input goes back to the form with the line; another failure is a failed run', () => {
    const starting = beginRun(initialRunState(), 'pc-042:99999');
    const refused = failStart(starting, 'Port 99999 is out of range: a port is a number from 1 to 65535.', true);
    expect(refused.phase).toBe('idle');
    expect(refused.inputProblem).toMatch(/out of range/);
    expect(refused.error).toBeNull();
    expect(beginRun(refused, 'pc-042').inputProblem).toBeNull();
    const failed = failStart(starting, 'The service is gone.');
    expect(failed.phase).toBe('failed');
    expect(failed.inputProblem).toBeNull();
  });

  it('folds the checks that skipped for want of Windows out of their sections, and keeps every other row', () => {
    const needsWindows = (id: CheckResult['id'], section: CheckResult['section']): CheckResult => ({
      ...result(id, 'skip', section),
      summary: "Runs on Windows only: reads this computer's Remote Desktop settings.",
      evidence: { reason: 'no-windows' },
    });
    const state = applyReport(
      initialRunState(),
      report([
        result('dns.resolve', 'pass', 'dns'),
        needsWindows('client.rdp-files', 'settings'),
        result('tls.certificate', 'fail', 'certificates'),
        needsWindows('server.certificate', 'certificates'),
        { ...result('gateway.probe', 'skip', 'alternatives'), summary: 'No Remote Desktop Gateway is configured.' },
      ]),
    );
    const groups = checklistGroups(state);
    expect(groups.windowsOnly.map((row) => row.id)).toEqual(['client.rdp-files', 'server.certificate']);
    expect([...groups.sections.keys()]).toEqual(['dns', 'certificates', 'alternatives']);
    expect(groups.sections.get('certificates')?.map((row) => row.id)).toEqual(['tls.certificate']);
    expect(groups.sections.get('alternatives')?.map((row) => row.state)).toEqual(['skip']);
  });
});
