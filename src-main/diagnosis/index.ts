/** From evidence to ranked findings: run every rule, then rank. */
import type { Finding } from '../shared/schema';
import { rankFindings } from './ranking';
import { RULES } from './rules';
import type { Evidence } from './types';

/** Runs every rule over the evidence and returns the findings, most likely first. */
export function diagnose(evidence: Evidence): Finding[] {
  return rankFindings(
    RULES.flatMap((rule) => rule(evidence)),
    evidence,
  );
}
