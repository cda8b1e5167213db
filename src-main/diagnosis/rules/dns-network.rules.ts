/** Diagnosis rules for the dns-network evidence. */
import type { Rule } from '../types';

/** The dns-network rules, in no particular order (ranking orders findings). */
export const dnsNetworkRules: readonly Rule[] = [];
