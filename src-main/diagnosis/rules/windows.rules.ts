/** Diagnosis rules for the windows evidence. */
import type { Rule } from '../types';

/** The windows rules, in no particular order (ranking orders findings). */
export const windowsRules: readonly Rule[] = [];
