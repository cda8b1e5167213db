/** RDP security-negotiation names every layer speaks: protocol bits and failure codes (MS-RDPBCGR 2.2.1.1.1, 2.2.1.2.2). */

/** requestedProtocols / selectedProtocol bit values (MS-RDPBCGR 2.2.1.1.1). */
export const PROTOCOL = {
  RDP: 0x00,
  SSL: 0x01,
  HYBRID: 0x02,
  RDSTLS: 0x04,
  HYBRID_EX: 0x08,
  RDSAAD: 0x10,
} as const;

/** A security protocol name as the spec spells it. */
export type ProtocolName = keyof typeof PROTOCOL;

/** RDP_NEG_FAILURE failureCode values by their spec names (MS-RDPBCGR 2.2.1.2.2). */
export const FAILURE_CODE = {
  SSL_REQUIRED_BY_SERVER: 1,
  SSL_NOT_ALLOWED_BY_SERVER: 2,
  SSL_CERT_NOT_ON_SERVER: 3,
  INCONSISTENT_FLAGS: 4,
  HYBRID_REQUIRED_BY_SERVER: 5,
  SSL_WITH_USER_AUTH_REQUIRED_BY_SERVER: 6,
} as const;

/** A failure code name as the spec spells it. */
export type FailureCodeName = keyof typeof FAILURE_CODE;

/** The spec name of a failure code, or undefined for a value the spec does not define. */
function definedFailure(code: number): FailureCodeName | undefined {
  return (Object.keys(FAILURE_CODE) as FailureCodeName[]).find((k) => FAILURE_CODE[k] === code);
}

/** The spec name of a failure code, or UNKNOWN_FAILURE_<n>. */
export function failureCodeName(code: number): string {
  return definedFailure(code) ?? `UNKNOWN_FAILURE_${code}`;
}

/** True for a failureCode the spec defines (a server sending another value is not speaking MS-RDPBCGR). */
export function isDefinedFailureCode(code: number): boolean {
  return definedFailure(code) !== undefined;
}

/** The name of a single selected protocol value, or UNKNOWN_<hex>. */
export function protocolName(value: number): string {
  const hit = (Object.keys(PROTOCOL) as ProtocolName[]).find((k) => PROTOCOL[k] === value);
  return hit ?? `UNKNOWN_0x${value.toString(16)}`;
}
