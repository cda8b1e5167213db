/** Diagnosis rules for the server evidence. */
import type { Rule } from '../types';

/** The server rules, in no particular order (ranking orders findings). */
export const serverRules: readonly Rule[] = [];
