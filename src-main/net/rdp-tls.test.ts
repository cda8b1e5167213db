import { describe, expect, it } from 'vitest';
import { describeTlsError } from './rdp-tls';

const err = (message: string, code?: string): NodeJS.ErrnoException => Object.assign(new Error(message), code ? { code } : {});

describe('describeTlsError', () => {
  it('keeps the OpenSSL reason and the alert number and name', () => {
    const e = err(
      '805CF1935C7F0000:error:0A000438:SSL routines:ssl3_read_bytes:tlsv1 alert internal error:../deps/openssl/openssl/ssl/record/rec_layer_s3.c:1601:SSL alert number 80',
      'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR',
    );
    expect(describeTlsError(e)).toEqual({
      ok: false,
      error: 'tlsv1 alert internal error, SSL alert number 80',
      errorCode: 'ERR_SSL_TLSV1_ALERT_INTERNAL_ERROR',
      alert: { code: 80, name: 'internal_error' },
    });
  });
  it('marks a reset or early disconnect as a drop', () => {
    expect(describeTlsError(err('Client network socket disconnected before secure TLS connection was established', 'ECONNRESET'))).toMatchObject({ dropped: true });
    expect(describeTlsError(err('read ECONNRESET', 'ECONNRESET'))).toMatchObject({ dropped: true });
  });
  it('keeps a local refusal without inventing an alert', () => {
    const r = describeTlsError(
      err('C0:error:0A000102:SSL routines:ssl_choose_client_version:unsupported protocol:../ssl/statem/statem_lib.c:1983:', 'ERR_SSL_UNSUPPORTED_PROTOCOL'),
    );
    expect(r.error).toBe('unsupported protocol');
    expect(r.alert).toBeUndefined();
    expect(r.dropped).toBeUndefined();
  });
});
