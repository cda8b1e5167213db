import { describe, expect, it } from 'vitest';
import type { FixPlan, FixResult } from '../../src-main/shared/dto';
import { applyFinished, applyRequested, canUndo, closedFix, planReceived, planRequested, stepFailed, undoFinished, undoRequested } from './fix-update';

const planOf = (fixId: FixPlan['fixId'], reversibility: FixPlan['reversibility']): FixPlan => ({
  fixId,
  title: fixId,
  target: 'h',
  scope: 'client',
  needsElevation: false,
  securityCost: null,
  steps: [{ description: 'd', command: 'reg add …' }],
  backup: [],
  undo: [],
  reversibility,
  changes: [],
  verifyChecks: ['client.policy'],
  canApplyHere: true,
  script: null,
  notes: [],
});
// The walk uses a fix whose backup Undo restores; credentials.clear cannot be undone (see the test below).
const plan = planOf('credentials.clear', 'undoable');
const applied: FixResult = { fixId: 'credentials.clear', status: 'applied', message: 'ok', journalId: 'j1', verification: null, output: null };

describe('fix updates', () => {
  it('walks preview → apply → undo', () => {
    let state = planReceived(planRequested('credentials.clear'), 'credentials.clear', plan);
    expect(state.phase).toBe('preview');
    state = applyRequested(state);
    expect(state.phase).toBe('applying');
    state = applyFinished(state, 'credentials.clear', applied);
    expect(state.phase).toBe('applied');
    expect(canUndo(state)).toBe(true);
    state = undoRequested(state);
    expect(state.phase).toBe('undoing');
    state = undoFinished(state, 'credentials.clear', { journalId: 'j1', ok: true, message: 'back' });
    expect(state.phase).toBe('undone');
  });

  it('ignores a late plan for a fix that is no longer open', () => {
    const other = planRequested('dns.flush');
    expect(planReceived(other, 'credentials.clear', plan)).toBe(other);
    expect(planReceived(closedFix(), 'credentials.clear', plan).phase).toBe('closed');
  });

  it('cannot apply without a plan, nor undo without a journal', () => {
    expect(applyRequested(planRequested('dns.flush')).phase).toBe('planning');
    const noJournal = applyFinished(applyRequested(planReceived(planRequested('credentials.clear'), 'credentials.clear', plan)), 'credentials.clear', {
      ...applied,
      journalId: null,
    });
    expect(canUndo(noJournal)).toBe(false);
    expect(undoRequested(noJournal).phase).toBe('applied');
  });

  it('returns to the previous step with the message when a step fails', () => {
    const applying = applyRequested(planReceived(planRequested('credentials.clear'), 'credentials.clear', plan));
    const failed = stepFailed(applying, 'credentials.clear', 'Access denied.');
    expect(failed.phase).toBe('preview');
    expect(failed.error).toBe('Access denied.');
    expect(applyRequested(failed).error).toBeNull();
  });

  it('stays applied with the message when undo fails', () => {
    const undoing = undoRequested(applyFinished(applyRequested(planReceived(planRequested('credentials.clear'), 'credentials.clear', plan)), 'credentials.clear', applied));
    const state = undoFinished(undoing, 'credentials.clear', { journalId: 'j1', ok: false, message: 'gone' });
    expect(state.phase).toBe('applied');
    expect(state.error).toBe('gone');
  });

  it('offers no Undo for a fix that cannot be undone or left nothing changed, even with a journal', () => {
    for (const reversibility of ['irreversible', 'nothing-to-undo'] as const) {
      const state = applyFinished(
        applyRequested(planReceived(planRequested('credentials.clear'), 'credentials.clear', planOf('credentials.clear', reversibility))),
        'credentials.clear',
        applied,
      );
      expect(state.phase).toBe('applied');
      expect(canUndo(state)).toBe(false);
      expect(undoRequested(state).phase).toBe('applied');
    }
  });
});
