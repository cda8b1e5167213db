/** CredSSP identity probe: TLS after HYBRID, send TSRequest(NTLM NEGOTIATE), read the CHALLENGE, close. Never authenticates. */
import type tls from 'node:tls';
import { derTotalLength } from './der';
import { buildNegotiate, findNtlmSignature, parseChallenge, type NtlmChallengeInfo } from './ntlm';
import { attemptTls, describeTlsError, type TlsAttempt } from './rdp-tls';
import { decodeTsRequest, encodeTsRequest } from './tsrequest';
import { PROTOCOL } from '../shared/protocol';

/** Largest TSRequest we read back; a CHALLENGE reply is a few hundred bytes. */
export const MAX_TSREQUEST_BYTES = 16 * 1024;

/** The outcome of the probe; plain JSON apart from the Date inside `challenge`. */
export type CredSspProbe =
  | { readonly ok: true; readonly tls: TlsAttempt; readonly tsRequestVersion: number; readonly challenge: NtlmChallengeInfo; readonly ms: number }
  | { readonly ok: false; readonly stage: 'negotiation' | 'tls' | 'credssp'; readonly error: string; readonly tls: TlsAttempt | null; readonly ms: number };

/** Parameters of the probe. */
export interface CredSspProbeOptions {
  readonly host: string;
  readonly port: number;
  readonly servername: string | null;
  readonly timeoutMs: number;
  readonly signal?: AbortSignal;
  /** requestedProtocols; SSL|HYBRID|HYBRID_EX like mstsc and nmap (docs/protocol.md#the-ntlm-identity). */
  readonly requested?: number;
}

type Exchange = { ok: true; version: number; challenge: NtlmChallengeInfo } | { ok: false; error: string };

/** Runs the probe; every step bounded by timeoutMs and the signal. */
export async function probeCredSsp(options: CredSspProbeOptions): Promise<CredSspProbe> {
  const started = performance.now();
  const ms = (): number => Math.round(performance.now() - started);
  const result = await attemptTls<Exchange>(
    {
      host: options.host,
      port: options.port,
      servername: options.servername,
      requestedProtocols: options.requested ?? PROTOCOL.SSL | PROTOCOL.HYBRID | PROTOCOL.HYBRID_EX,
      timeoutMs: options.timeoutMs,
      signal: options.signal,
      version: null,
      requireCredSsp: true,
    },
    (socket) => exchangeNegotiate(socket, options.timeoutMs, options.signal),
  );
  const attempt = result.attempt;
  if (!attempt.ok) {
    const stage = attempt.negotiation !== undefined ? 'negotiation' : 'tls';
    return { ok: false, stage, error: attempt.error ?? 'TLS failed', tls: stage === 'tls' ? attempt : null, ms: ms() };
  }
  const x = result.extra;
  if (!x) return { ok: false, stage: 'credssp', error: 'no CredSSP exchange took place', tls: attempt, ms: ms() };
  if (!x.ok) return { ok: false, stage: 'credssp', error: x.error, tls: attempt, ms: ms() };
  return { ok: true, tls: attempt, tsRequestVersion: x.version, challenge: x.challenge, ms: ms() };
}

/** Sends the first TSRequest and reads exactly one TSRequest back (size-capped, time-bounded). */
function exchangeNegotiate(socket: tls.TLSSocket, timeoutMs: number, signal?: AbortSignal): Promise<Exchange> {
  return new Promise<Exchange>((resolve) => {
    let buf = Buffer.alloc(0);
    let settled = false;
    const settle = (r: Exchange): void => {
      if (settled) return;
      settled = true;
      clearTimeout(timer);
      signal?.removeEventListener('abort', onAbort);
      socket.removeListener('data', onData);
      socket.removeListener('close', onClose);
      socket.removeListener('error', onError);
      socket.on('error', () => undefined);
      resolve(r);
    };
    const onAbort = (): void => settle({ ok: false, error: 'cancelled' });
    const onClose = (): void => settle({ ok: false, error: `the server closed the connection after ${buf.length} bytes of CredSSP reply` });
    // A TLS error here carries OpenSSL's raw line (addresses, source paths); keep its reason only.
    const onError = (e: Error): void => settle({ ok: false, error: describeTlsError(e).error ?? 'socket error' });
    const onData = (chunk: Buffer): void => {
      buf = Buffer.concat([buf, chunk]);
      const total = derTotalLength(buf);
      if (total === null) return;
      if (!total.ok) return settle({ ok: false, error: `CredSSP reply is not DER: ${total.error}` });
      if (total.value > MAX_TSREQUEST_BYTES) return settle({ ok: false, error: `CredSSP reply of ${total.value} bytes exceeds the limit` });
      if (buf.length < total.value) return;
      settle(readChallenge(buf.subarray(0, total.value)));
    };
    const timer = setTimeout(() => settle({ ok: false, error: `no CredSSP reply within ${timeoutMs} ms` }), Math.max(1, timeoutMs));
    signal?.addEventListener('abort', onAbort, { once: true });
    socket.on('data', onData);
    socket.on('close', onClose);
    socket.on('error', onError);
    if (signal?.aborted) onAbort();
    else socket.write(encodeTsRequest(buildNegotiate()));
  });
}

/** Decodes the server's TSRequest and the NTLM CHALLENGE inside it (pure). */
export function readChallenge(bytes: Uint8Array): Exchange {
  const ts = decodeTsRequest(bytes);
  if (!ts.ok) return { ok: false, error: `CredSSP reply: ${ts.error}` };
  if (ts.value.errorCode !== null && ts.value.negoTokens.length === 0) {
    return { ok: false, error: `the server answered with CredSSP error 0x${ts.value.errorCode.toString(16).padStart(8, '0')}` };
  }
  for (const token of ts.value.negoTokens) {
    const at = findNtlmSignature(token);
    if (at < 0) continue;
    const parsed = parseChallenge(token.subarray(at));
    if (!parsed.ok) return { ok: false, error: `NTLM: ${parsed.error}` };
    return { ok: true, version: ts.value.version, challenge: parsed.value };
  }
  return { ok: false, error: 'the CredSSP reply carries no NTLM message' };
}
