import { describe, expect, it } from 'vitest';
import type { Finding } from '../../src-main/shared/schema';
import { confidencePercent, confidenceWords, splitVerdict } from './findings';

const make = (id: Finding['id'], severity: Finding['severity'], confidence: number): Finding => ({
  id,
  section: 'certificates',
  severity,
  confidence,
  title: id,
  explanation: '',
  technical: '',
  checks: [],
  fixes: [],
  evidence: {},
  contradictions: [],
});

describe('findings', () => {
  it('takes the first real problem as the verdict, keeping the order of the rest', () => {
    const list = [make('certificate-self-signed', 'info', 0.99), make('certificate-expired', 'high', 0.8), make('clock-skew', 'high', 0.5)];
    const { top, others } = splitVerdict(list);
    expect(top?.id).toBe('certificate-expired');
    expect(others.map((f) => f.id)).toEqual(['certificate-self-signed', 'clock-skew']);
  });

  it('falls back to an info finding when it is all there is, and to nothing when empty', () => {
    expect(splitVerdict([make('certificate-self-signed', 'info', 0.4)]).top?.id).toBe('certificate-self-signed');
    expect(splitVerdict([])).toEqual({ top: null, others: [] });
  });

  it('says confidence in words and clamps the percentage', () => {
    expect(confidenceWords(0.9)).toBe('very likely');
    expect(confidenceWords(0.7)).toBe('likely');
    expect(confidenceWords(0.5)).toBe('possible');
    expect(confidenceWords(0.1)).toBe('unlikely');
    expect(confidenceWords(Number.NaN)).toBe('unknown');
    expect(confidencePercent(0.856)).toBe(86);
    expect(confidencePercent(1.7)).toBe(100);
    expect(confidencePercent(-1)).toBe(0);
  });
});
