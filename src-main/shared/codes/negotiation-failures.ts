/** RDP_NEG_FAILURE failureCode values (MS-RDPBCGR 2.2.1.2.2): the server's answer when it refuses every protocol offered. */
import { FAILURE_CODE } from '../protocol';
import { indexTable, row, type CodeEntry } from './types';

const SPEC = "Sent in the server's X.224 Connection Confirm as RDP_NEG_FAILURE (MS-RDPBCGR 2.2.1.2.2); the rdp.negotiation check shows which request got it.";

/** The six failure codes. */
export const NEGOTIATION_FAILURE_ROWS: readonly CodeEntry[] = [
  row(
    FAILURE_CODE.SSL_REQUIRED_BY_SERVER,
    'SSL_REQUIRED_BY_SERVER',
    'the server requires TLS, and the client offered only the old Remote Desktop security',
    'server-refusal',
    SPEC,
  ),
  row(FAILURE_CODE.SSL_NOT_ALLOWED_BY_SERVER, 'SSL_NOT_ALLOWED_BY_SERVER', 'the server allows only the old Remote Desktop security, not TLS', 'server-refusal', SPEC),
  row(FAILURE_CODE.SSL_CERT_NOT_ON_SERVER, 'SSL_CERT_NOT_ON_SERVER', 'the server has no usable certificate for TLS', 'server-refusal', SPEC),
  row(FAILURE_CODE.INCONSISTENT_FLAGS, 'INCONSISTENT_FLAGS', 'the protocols the client asked for contradict each other', 'unknown', SPEC),
  row(
    FAILURE_CODE.HYBRID_REQUIRED_BY_SERVER,
    'HYBRID_REQUIRED_BY_SERVER',
    'the server requires Network Level Authentication (CredSSP), which the client did not offer',
    'server-refusal',
    SPEC,
    'mstsc says "The remote computer requires Network Level Authentication"; a .rdp file with enablecredsspsupport:i:0 causes it.',
  ),
  row(FAILURE_CODE.SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER, 'SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER', 'the server requires TLS with a client certificate', 'server-refusal', SPEC),
];

/** The failure codes by value. */
export const NEGOTIATION_FAILURES = indexTable(NEGOTIATION_FAILURE_ROWS);
