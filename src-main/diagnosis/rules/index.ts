/** Every diagnosis rule, gathered from one file per kind of evidence. */
import type { Rule } from '../types';
import { dnsNetworkRules } from './dns-network.rules';
import { certificateRules } from './certificate.rules';
import { negotiationRules } from './negotiation.rules';
import { clientRules } from './client.rules';
import { serverRules } from './server.rules';
import { crossSourceRules } from './cross-source.rules';

/** All rules; order does not matter because ranking is deterministic. */
export const RULES: readonly Rule[] = [...dnsNetworkRules, ...certificateRules, ...negotiationRules, ...clientRules, ...serverRules, ...crossSourceRules];
