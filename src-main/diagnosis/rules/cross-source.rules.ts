/** Diagnosis rules for the cross-source evidence. */
import type { Rule } from '../types';

/** The cross-source rules, in no particular order (ranking orders findings). */
export const crossSourceRules: readonly Rule[] = [];
