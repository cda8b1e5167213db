/** Derived views of the findings: confidence and severity in words (the verdict itself is src-main/shared/verdict.ts). */
import type { Finding } from '../../src-main/shared/schema';

/** Confidence as people say it, for a value between 0 and 1. */
export function confidenceWords(confidence: number): string {
  if (!Number.isFinite(confidence)) return 'unknown';
  if (confidence >= 0.85) return 'very likely';
  if (confidence >= 0.65) return 'likely';
  if (confidence >= 0.4) return 'possible';
  return 'unlikely';
}

/** Confidence as a whole percentage, clamped to 0–100. */
export function confidencePercent(confidence: number): number {
  if (!Number.isFinite(confidence)) return 0;
  return Math.round(Math.min(1, Math.max(0, confidence)) * 100);
}

/** Severity in words for a badge. */
export const SEVERITY_WORDS = {
  critical: 'Blocks the connection',
  high: 'Can block the connection',
  medium: 'May cause problems',
  low: 'Minor',
  info: 'For information',
} as const satisfies Record<Finding['severity'], string>;
