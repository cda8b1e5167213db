/** Diagnosis rules for the certificate evidence. */
import type { Rule } from '../types';

/** The certificate rules, in no particular order (ranking orders findings). */
export const certificateRules: readonly Rule[] = [];
