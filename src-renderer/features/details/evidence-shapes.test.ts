import { describe, expect, it } from 'vitest';
import { daysLeftText, fieldText, formatDate, humanKey, readableText, scalarText } from './evidence-format';
import { readCertificate, readEvents, readNegotiation, readNtlm } from './evidence-shapes';

describe('evidence shapes', () => {
  it('finds certificate facts at the top level or nested', () => {
    const facts = {
      ok: true,
      subject: 'CN=lab',
      issuer: 'CN=lab',
      notBefore: '2025-01-01T00:00:00.000Z',
      notAfter: '2026-01-01T00:00:00.000Z',
      daysLeft: -3,
      validity: 'expired',
      selfSigned: true,
      dnsNames: ['lab', 7],
      ipAddresses: [],
      sha1: 'AB',
      sha256: 'CD',
      key: { type: 'RSA', bits: 2048, curve: null },
      signatureAlgorithm: { name: 'sha256WithRSAEncryption' },
      problems: [{ code: 'expired', message: 'It expired.' }, 'plain'],
    };
    for (const evidence of [facts, { certificate: facts }, { chain: [facts] }]) {
      const cert = readCertificate(evidence);
      expect(cert?.subject).toBe('CN=lab');
      expect(cert?.dnsNames).toEqual(['lab']);
      expect(cert?.keyText).toBe('RSA, 2048 bits');
      // An expired problem reads in days, as people say it; the JSON report keeps the service's raw message.
      expect(cert?.problems).toEqual([`Expired 3 days ago, on ${formatDate('2026-01-01T00:00:00.000Z')}.`, 'plain']);
    }
    expect(readCertificate({ error: 'no TLS' })).toBeNull();
  });

  it('turns negotiation probes into asked / answered / meaning rows', () => {
    const rows = readNegotiation({
      summary: {
        probes: [
          { protocol: 'RDP', outcome: { kind: 'failure', code: 1, codeName: 'SSL_REQUIRED_BY_SERVER' } },
          { protocol: 'SSL', outcome: { kind: 'selected', protocol: 1, protocolName: 'SSL' } },
          { protocol: 'HYBRID', outcome: { kind: 'closed', reset: true } },
          'junk',
        ],
      },
    });
    expect(rows).toHaveLength(3);
    expect(rows?.[0]).toMatchObject({ asked: 'Standard RDP Security (no TLS)', answered: 'Refused (SSL_REQUIRED_BY_SERVER)' });
    expect(rows?.[1]?.answered).toBe('Selected SSL');
    expect(rows?.[2]?.answered).toBe('Connection closed');
    expect(readNegotiation({ probes: [] })).toBeNull();
  });

  it('reads NTLM identity and event timelines, newest first', () => {
    expect(readNtlm({ info: { netbiosComputer: 'PC' } })).toEqual({ netbiosComputer: 'PC' });
    const events = readEvents({ events: [{ time: '2026-01-01T00:00:00Z', id: 1, message: 'old' }, { time: '2026-02-01T00:00:00Z', eventId: 2, meaning: 'new' }, null] });
    expect(events?.map((e) => e.message)).toEqual(['new', 'old']);
    expect(events?.[0]?.id).toBe('2');
    expect(readEvents({ nothing: true })).toBeNull();
  });

  it('formats keys and scalars for people', () => {
    expect(humanKey('lastSeenAt')).toBe('Last seen at');
    expect(humanKey('notAfter')).toBe('Valid until');
    expect(humanKey('sha1')).toBe('SHA-1 thumbprint');
    expect(humanKey('isExpired')).toBe('Expired');
    expect(fieldText('daysLeft', -11)).toBe('Expired 11 days ago');
    expect(daysLeftText(1)).toBe('Expires in 1 day');
    expect(daysLeftText(0)).toBe('Expires today');
    expect(readableText('Expired on 2026-11-21T08:24:35.000Z.')).toBe(`Expired on ${formatDate('2026-11-21T08:24:35.000Z')}.`);
    expect(readableText('expired on 2026-08-05, so')).not.toContain('2026-08-05');
    expect(readableText('build 22631.4460, 2026-02-30')).toBe('build 22631.4460, 2026-02-30');
    expect(humanKey('dns_names')).toBe('Dns names');
    expect(scalarText(true)).toBe('yes');
    expect(scalarText(null)).toBe('—');
    expect(scalarText('plain')).toBe('plain');
  });
});
