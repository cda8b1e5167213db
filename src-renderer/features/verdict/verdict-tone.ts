/** The verdict card's tone — its border and icon at a glance — from the run's phase and the verdict. */
import type { Verdict } from '../../../src-main/shared/verdict';
import type { RunPhase } from '../../state/run-update';

/** blocking: a critical or high cause; warning: a medium cause or no single cause; healthy: no problem found; pending: still checking; neutral: stopped or cancelled. */
export type VerdictTone = 'blocking' | 'warning' | 'healthy' | 'pending' | 'neutral';

/** The tone of the verdict card; a cause sets it even while the run goes on. */
export function verdictTone(phase: RunPhase, verdict: Pick<Verdict, 'kind' | 'cause'>): VerdictTone {
  if (verdict.cause) return verdict.cause.severity === 'critical' || verdict.cause.severity === 'high' ? 'blocking' : 'warning';
  if (phase === 'starting' || phase === 'running') return 'pending';
  if (phase !== 'finished') return 'neutral';
  return verdict.kind === 'no-problem' ? 'healthy' : 'warning';
}
