import { describe, expect, it } from 'vitest';
import { buildPowerShellInvocation } from '../powershell-runner';
import { COLLECTOR_SCRIPTS } from '../scripts';
import { SERVER_COLLECTORS, SERVER_SCRIPTS } from './scripts';

/** Bracket balance outside PowerShell string literals ('…' with '' escapes, "…" with `" escapes) and # comments. */
function unbalanced(script: string): string | null {
  const stack: string[] = [];
  const pairs: Record<string, string> = { ')': '(', '}': '{', ']': '[' };
  for (let i = 0; i < script.length; i++) {
    const c = script[i] ?? '';
    if (c === "'") {
      i = script.indexOf("'", i + 1);
      while (i >= 0 && script[i + 1] === "'") i = script.indexOf("'", i + 2);
      if (i < 0) return 'unterminated single-quoted string';
    } else if (c === '"') {
      let j = i + 1;
      while (j < script.length && (script[j] !== '"' || script[j - 1] === '`')) j++;
      if (j >= script.length) return 'unterminated double-quoted string';
      i = j;
    } else if (c === '#' && /(^|\s)$/.test(script.slice(Math.max(0, i - 1), i))) {
      i = script.indexOf('\n', i);
      if (i < 0) break;
    } else if ('({['.includes(c)) stack.push(c);
    else if (c in pairs) {
      if (stack.pop() !== pairs[c]) return `unexpected ${c} at offset ${i}`;
    }
  }
  return stack.length ? `unclosed ${stack.join('')}` : null;
}

describe('server collector scripts', () => {
  it('has one script per collector name, merged into the runner table', () => {
    expect(Object.keys(SERVER_SCRIPTS).sort()).toEqual(Object.values(SERVER_COLLECTORS).sort());
    for (const name of Object.keys(SERVER_SCRIPTS)) expect(COLLECTOR_SCRIPTS[name]).toBe(SERVER_SCRIPTS[name as keyof typeof SERVER_SCRIPTS]);
  });

  for (const [name, entry] of Object.entries(SERVER_SCRIPTS)) {
    it(`${name}: fits one command line, balanced, ASCII, prints compressed JSON, takes no spliced input`, () => {
      expect(() => buildPowerShellInvocation(entry.script, {}, 'C:\\Windows')).not.toThrow();
      expect(unbalanced(entry.script)).toBeNull();
      expect(/^[\x09\x0a\x0d\x20-\x7e]*$/.test(entry.script)).toBe(true);
      expect(entry.script).toMatch(/ConvertTo-Json -Depth \d -Compress\s*$/);
      expect(entry.script).not.toMatch(/Invoke-Expression|\biex\b|\$\{|RdpDoctorData/);
      expect(entry.output).toBe('json');
    });
  }

  it('the balance checker catches a broken script', () => {
    expect(unbalanced("if ($a) { 'x' ")).toBe('unclosed {');
    expect(unbalanced("@( 'a)' )")).toBeNull();
    expect(unbalanced("'it''s' }")).toMatch(/unexpected/);
  });
});
