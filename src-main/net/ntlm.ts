/** NTLM NEGOTIATE builder and CHALLENGE parser (MS-NLMP 2.2.1.1, 2.2.1.2, 2.2.2.1); every offset bounds-checked. */

const SIGNATURE = Buffer.from('NTLMSSP\0', 'latin1');
/** NegotiateFlags Windows 10 sends in its first CredSSP message (MS-NLMP 2.2.1.1, docs/protocol.md#the-ntlm-identity). */
export const NEGOTIATE_FLAGS = 0xe20882b7;
/** NTLMSSP_NEGOTIATE_VERSION: the Version field is meaningful. */
export const FLAG_NEGOTIATE_VERSION = 0x02000000;
/** At most this many AV pairs are read, whatever the message claims. */
export const MAX_AV_PAIRS = 64;

/** The 40-byte NEGOTIATE_MESSAGE with empty domain/workstation and Version 10.0.19041 rev 15. */
export function buildNegotiate(): Buffer {
  const m = Buffer.alloc(40);
  SIGNATURE.copy(m, 0);
  m.writeUInt32LE(1, 8);
  m.writeUInt32LE(NEGOTIATE_FLAGS, 12);
  // DomainNameFields (16..23) and WorkstationFields (24..31) stay zero.
  m[32] = 10;
  m[33] = 0;
  m.writeUInt16LE(19041, 34);
  m[39] = 0x0f; // NTLMSSP_REVISION_W2K3
  return m;
}

/** The server identity a CHALLENGE reveals; strings are null when absent. */
export interface NtlmChallengeInfo {
  readonly targetName: string | null;
  readonly flags: number;
  readonly serverChallenge: string;
  readonly netbiosComputer: string | null;
  readonly netbiosDomain: string | null;
  readonly dnsComputer: string | null;
  readonly dnsDomain: string | null;
  readonly dnsTree: string | null;
  /** Server clock from MsvAvTimestamp, null when absent or out of range. */
  readonly timestamp: Date | null;
  /** OS version when NTLMSSP_NEGOTIATE_VERSION is set. */
  readonly version: { readonly major: number; readonly minor: number; readonly build: number; readonly revision: number } | null;
  /** AvIds in the order seen (duplicates included), for evidence. */
  readonly avIds: number[];
  /** Things that were wrong but survivable (duplicate pairs, missing EOL...). */
  readonly warnings: string[];
}

/** A CHALLENGE parse: the info, or a one-line reason. */
export type NtlmParse = { readonly ok: true; readonly value: NtlmChallengeInfo } | { readonly ok: false; readonly error: string };

/** Finds an NTLMSSP message inside a larger blob (e.g. a SPNEGO wrapper), or returns -1. */
export function findNtlmSignature(bytes: Uint8Array): number {
  return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).indexOf(SIGNATURE);
}

/** Parses a CHALLENGE_MESSAGE; never throws. */
export function parseChallenge(bytes: Uint8Array): NtlmParse {
  const m = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  if (m.length < 48) return { ok: false, error: `NTLM message of ${m.length} bytes is too short for a CHALLENGE` };
  if (!m.subarray(0, 8).equals(SIGNATURE)) return { ok: false, error: 'missing NTLMSSP signature' };
  const type = m.readUInt32LE(8);
  if (type !== 2) return { ok: false, error: `NTLM message type ${type} is not a CHALLENGE (2)` };
  const warnings: string[] = [];
  const flags = m.readUInt32LE(20);
  const serverChallenge = m.subarray(24, 32).toString('hex');

  const targetField = readField(m, 12, 'TargetName');
  let targetName: string | null = null;
  if (targetField.ok) targetName = targetField.value.length > 0 ? utf16(targetField.value) : null;
  else warnings.push(targetField.error);

  // Version sits at 48..55 and only exists when the payload starts at or after 56.
  const payloadStart = Math.min(fieldOffset(m, 12), fieldOffset(m, 40));
  let version: NtlmChallengeInfo['version'] = null;
  if ((flags & FLAG_NEGOTIATE_VERSION) !== 0 && m.length >= 56 && payloadStart >= 56) {
    version = { major: m[48] ?? 0, minor: m[49] ?? 0, build: m.readUInt16LE(50), revision: m[55] ?? 0 };
  }

  const info = { netbiosComputer: null, netbiosDomain: null, dnsComputer: null, dnsDomain: null, dnsTree: null } as {
    netbiosComputer: string | null;
    netbiosDomain: string | null;
    dnsComputer: string | null;
    dnsDomain: string | null;
    dnsTree: string | null;
  };
  let timestamp: Date | null = null;
  const avIds: number[] = [];
  const infoField = m.length >= 48 ? readField(m, 40, 'TargetInfo') : null;
  if (infoField && !infoField.ok) warnings.push(infoField.error);
  if (infoField?.ok) {
    const seen = new Set<number>();
    const t = infoField.value;
    let at = 0;
    let ended = false;
    while (at + 4 <= t.length && avIds.length < MAX_AV_PAIRS) {
      const id = t.readUInt16LE(at);
      const len = t.readUInt16LE(at + 2);
      avIds.push(id);
      if (id === 0) {
        ended = true;
        break;
      }
      if (at + 4 + len > t.length) {
        warnings.push(`AV pair ${id} claims ${len} bytes past the end of TargetInfo`);
        break;
      }
      const value = t.subarray(at + 4, at + 4 + len);
      at += 4 + len;
      if (seen.has(id)) {
        warnings.push(`duplicate AV pair ${id} ignored`);
        continue;
      }
      seen.add(id);
      const key = AV_STRING_FIELDS[id];
      if (key) info[key] = utf16(value);
      else if (id === 7) timestamp = len === 8 ? filetimeToDate(value.readBigUInt64LE(0)) : null;
    }
    if (!ended && avIds.length >= MAX_AV_PAIRS) warnings.push(`stopped after ${MAX_AV_PAIRS} AV pairs`);
    else if (!ended) warnings.push('TargetInfo has no MsvAvEOL terminator');
  }
  return { ok: true, value: { targetName, flags, serverChallenge, ...info, timestamp, version, avIds, warnings } };
}

const AV_STRING_FIELDS: Readonly<Record<number, 'netbiosComputer' | 'netbiosDomain' | 'dnsComputer' | 'dnsDomain' | 'dnsTree'>> = {
  1: 'netbiosComputer',
  2: 'netbiosDomain',
  3: 'dnsComputer',
  4: 'dnsDomain',
  5: 'dnsTree',
};

/** FILETIME (100 ns since 1601-01-01 UTC) to a Date, null outside years 1970–9999. */
export function filetimeToDate(filetime: bigint): Date | null {
  const ms = filetime / 10_000n - 11_644_473_600_000n;
  if (ms < 0n || ms > 253_402_300_799_000n) return null;
  return new Date(Number(ms));
}

/** A security buffer (len u16, maxLen u16, offset u32) at `at`, checked to lie inside the message. */
function readField(m: Buffer, at: number, name: string): { ok: true; value: Buffer } | { ok: false; error: string } {
  if (at + 8 > m.length) return { ok: false, error: `${name} field is truncated` };
  const len = m.readUInt16LE(at);
  const offset = m.readUInt32LE(at + 4);
  if (len === 0) return { ok: true, value: Buffer.alloc(0) };
  if (offset > m.length || offset + len > m.length) {
    return { ok: false, error: `${name} (offset ${offset}, length ${len}) lies outside the ${m.length}-byte message` };
  }
  return { ok: true, value: m.subarray(offset, offset + len) };
}

function fieldOffset(m: Buffer, at: number): number {
  if (at + 8 > m.length) return Number.MAX_SAFE_INTEGER;
  return m.readUInt16LE(at) === 0 ? Number.MAX_SAFE_INTEGER : m.readUInt32LE(at + 4);
}

/** UTF-16LE to a string with control characters removed (server-controlled text ends up in reports). */
function utf16(b: Buffer): string {
  const even = b.subarray(0, b.length - (b.length % 2));
  return even.toString('utf16le').replace(/[\u0000-\u001f\u007f]/g, '');
}
