/** CredSSP TSRequest (MS-CSSP 2.2.1): encode the first client message, decode the server's answer without throwing. */
import { decodeInteger, encodeExplicit, encodeInteger, encodeOctetString, encodeSequence, readChildren, readTlv, type DerResult } from './der';

/** The TSRequest version we announce (MS-CSSP versions 2–6; Windows 10 sends 6). */
export const TSREQUEST_VERSION = 6;

/** The fields of a TSRequest we read. */
export interface TsRequest {
  readonly version: number;
  readonly negoTokens: Uint8Array[];
  /** NTSTATUS/HRESULT the server put in errorCode (versions 3+), or null. */
  readonly errorCode: number | null;
  readonly hasAuthInfo: boolean;
  readonly hasPubKeyAuth: boolean;
}

/** TSRequest { version, negoTokens: [ { negoToken } ] } as DER. */
export function encodeTsRequest(negoToken: Uint8Array, version = TSREQUEST_VERSION): Uint8Array {
  const token = encodeSequence(encodeExplicit(0, encodeOctetString(negoToken)));
  return encodeSequence(encodeExplicit(0, encodeInteger(version)), encodeExplicit(1, encodeSequence(token)));
}

/** Decodes a TSRequest; unknown context tags are skipped, malformed structure is an error result. */
export function decodeTsRequest(bytes: Uint8Array): DerResult<TsRequest> {
  const outer = readTlv(bytes, 0);
  if (!outer.ok) return outer;
  if (outer.value.tag !== 0x30) return { ok: false, error: `TSRequest must be a SEQUENCE, got tag 0x${outer.value.tag.toString(16)}` };
  const fields = readChildren(outer.value.value);
  if (!fields.ok) return fields;
  let version: number | null = null;
  let errorCode: number | null = null;
  const negoTokens: Uint8Array[] = [];
  let hasAuthInfo = false;
  let hasPubKeyAuth = false;
  for (const field of fields.value) {
    const inner = readTlv(field.value, 0);
    if (!inner.ok) return { ok: false, error: `TSRequest field [${field.tag & 0x1f}]: ${inner.error}` };
    switch (field.tag) {
      case 0xa0: {
        const v = decodeInteger(inner.value);
        if (!v.ok) return { ok: false, error: `TSRequest version: ${v.error}` };
        version = v.value;
        break;
      }
      case 0xa1: {
        const tokens = decodeNegoData(inner.value.tag, inner.value.value);
        if (!tokens.ok) return tokens;
        negoTokens.push(...tokens.value);
        break;
      }
      case 0xa2:
        hasAuthInfo = true;
        break;
      case 0xa3:
        hasPubKeyAuth = true;
        break;
      case 0xa4: {
        const v = decodeInteger(inner.value);
        if (v.ok) errorCode = v.value >>> 0;
        break;
      }
      default:
        break;
    }
  }
  if (version === null) return { ok: false, error: 'TSRequest has no version' };
  return { ok: true, value: { version, negoTokens, errorCode, hasAuthInfo, hasPubKeyAuth } };
}

/** NegoData ::= SEQUENCE OF SEQUENCE { negoToken [0] OCTET STRING }. */
function decodeNegoData(tag: number, value: Uint8Array): DerResult<Uint8Array[]> {
  if (tag !== 0x30) return { ok: false, error: 'NegoData must be a SEQUENCE OF' };
  const items = readChildren(value);
  if (!items.ok) return items;
  const tokens: Uint8Array[] = [];
  for (const item of items.value) {
    if (item.tag !== 0x30) return { ok: false, error: 'NegoData item must be a SEQUENCE' };
    const explicit = readTlv(item.value, 0);
    if (!explicit.ok) return explicit;
    if (explicit.value.tag !== 0xa0) continue;
    const octets = readTlv(explicit.value.value, 0);
    if (!octets.ok) return octets;
    if (octets.value.tag !== 0x04) return { ok: false, error: 'negoToken must be an OCTET STRING' };
    tokens.push(octets.value.value);
  }
  return { ok: true, value: tokens };
}
