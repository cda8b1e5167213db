/** Diagnosis rules for the client evidence. */
import type { Rule } from '../types';

/** The client rules, in no particular order (ranking orders findings). */
export const clientRules: readonly Rule[] = [];
