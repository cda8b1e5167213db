/** Test helper: a strict well-formedness check for the HTML report. */
import { expect } from 'vitest';

const VOID = new Set(['meta', 'br', 'hr', 'img', 'input', 'link', 'col', 'area', 'base', 'wbr', 'source']);

/** The first well-formedness problem in `html`, or null: tags close in order, no raw "<" or ">" outside tags, quoted attributes. */
export function wellFormedProblem(html: string): string | null {
  const stack: string[] = [];
  const body = html.replace(/^<!DOCTYPE html>\s*/i, '').replace(/<style>[\s\S]*?<\/style>/, '<style></style>');
  const tag = /<\/?([a-z][a-z0-9]*)(\s[^<>]*)?>/gi;
  let last = 0;
  for (const m of body.matchAll(tag)) {
    if (/[<>]/.test(body.slice(last, m.index))) return `raw < or > before ${m[0]}`;
    last = m.index + m[0].length;
    const name = m[1]!.toLowerCase();
    if (m[0].startsWith('</')) {
      const open = stack.pop();
      if (open !== name) return `</${name}> closes <${open ?? 'nothing'}>`;
    } else if (!VOID.has(name)) stack.push(name);
    const rest = (m[2] ?? '').replace(/\s[a-z-]+(="[^"<>]*")?/gi, '').trim();
    if (rest !== '') return `bad attributes in ${m[0]}`;
  }
  if (/[<>]/.test(body.slice(last))) return 'raw < or > at the end';
  return stack.length > 0 ? `unclosed <${stack.join('>, <')}>` : null;
}

/** Fails the test when `html` is not well-formed. */
export function assertWellFormed(html: string): void {
  expect(wellFormedProblem(html)).toBeNull();
}
