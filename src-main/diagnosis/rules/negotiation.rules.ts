/** Diagnosis rules for the negotiation evidence. */
import type { Rule } from '../types';

/** The negotiation rules, in no particular order (ranking orders findings). */
export const negotiationRules: readonly Rule[] = [];
