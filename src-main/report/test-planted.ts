/** Test helper: finding identifying values in exported reports, base64 decoded and PDF text extracted. */
import { inflateSync } from 'node:zlib';

/** Text shown by a PDF's content streams (deflated or not), hex strings decoded; one line per text operator. */
export function pdfText(pdf: Buffer): string {
  const raw = pdf.toString('latin1');
  const streams: string[] = [];
  for (const m of raw.matchAll(/stream\r?\n([\s\S]*?)\r?\nendstream/g)) {
    const data = Buffer.from(m[1]!, 'latin1');
    try {
      streams.push(inflateSync(data).toString('latin1'));
    } catch {
      streams.push(m[1]!);
    }
  }
  return streams
    .join('\n')
    .split(/\n/)
    .map((l) => [...l.matchAll(/<([0-9a-f]+)>/gi)].map((h) => Buffer.from(h[1]!, 'hex').toString('latin1')).join(''))
    .join('\n');
}

/** Every run of base64 (16 characters or more) in `text`, decoded, so names hidden in encoded data are found too. */
export function decodedBase64Runs(text: string): string[] {
  const out: string[] = [];
  for (const m of text.matchAll(/[A-Za-z0-9+/_-]{16,}={0,2}/g)) {
    for (const shift of [0, 1, 2, 3]) {
      const run = m[0].slice(shift).replace(/-/g, '+').replace(/_/g, '/');
      const bytes = Buffer.from(run.slice(0, run.length - (run.length % 4)), 'base64');
      out.push(bytes.toString('latin1'), bytes.toString('utf16le'));
    }
  }
  return out;
}

/** The planted values found in `text` or in anything base64-encoded inside it (case-insensitive; UTF-16 and JSON-escaped too). */
export function plantedIn(text: string, planted: readonly string[]): string[] {
  const haystacks = [text, text.replace(/\\\\/g, '\\'), ...decodedBase64Runs(text)].map((h) => h.toLowerCase());
  return planted.filter((p) => haystacks.some((h) => h.includes(p.toLowerCase())));
}
