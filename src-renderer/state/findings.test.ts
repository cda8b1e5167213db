import { describe, expect, it } from 'vitest';
import { confidencePercent, confidenceWords } from './findings';

describe('findings', () => {
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
