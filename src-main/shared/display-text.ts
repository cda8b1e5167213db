/**
 * Text that came from outside (server and certificate names, event messages, file names) as people may see it: every
 * character that changes how the text around it reads instead of showing itself is replaced by a visible escape.
 * One pure function for the UI, the reports and the command line, so no door shows U+202E reversing what an admin reads.
 */

// C0 and C1 controls except tab and line feed; Unicode format characters (bidi embeddings, overrides, isolates and
// marks, zero-width characters, the BOM, tag characters, the Arabic letter mark); the line and paragraph separators.
const HIDDEN = /[\u0000-\u0008\u000b-\u001f\u007f-\u009f\u2028\u2029\p{Cf}]/gu;

function codePoint(ch: string): string {
  return (ch.codePointAt(0) ?? 0).toString(16).toUpperCase().padStart(4, '0');
}

/** `text` with each hidden or direction-changing character shown as `[U+202E]`; CRLF becomes LF, tabs and line feeds stay. */
export function displayText(text: string): string {
  return text.replace(/\r\n/g, '\n').replace(HIDDEN, (ch) => `[U+${codePoint(ch)}]`);
}

/** A copy of `value` with displayText applied to every string in it (keys included), for whole replies shown in the UI. */
export function displayTextDeep<T>(value: T): T {
  if (typeof value === 'string') return displayText(value) as T;
  if (Array.isArray(value)) return value.map((item: unknown) => displayTextDeep(item)) as T;
  if (value !== null && typeof value === 'object' && Object.getPrototypeOf(value) === Object.prototype) {
    const out: Record<string, unknown> = {};
    for (const [key, item] of Object.entries(value)) out[displayText(key)] = displayTextDeep(item);
    return out as T;
  }
  return value;
}

/**
 * Serialized JSON with every hidden character written as a `\uXXXX` escape: the data parses back unchanged, but
 * whoever opens the file in an editor or terminal sees the escape, not a reversed line. JSON.stringify escapes only
 * C0 controls, and outside strings JSON holds nothing but ASCII, so only string contents change.
 */
export function escapeJsonText(json: string): string {
  // An astral character (a tag) is written as its two UTF-16 halves, as JSON spells it.
  return json.replace(HIDDEN, (ch) => Array.from({ length: ch.length }, (_, i) => `\\u${ch.charCodeAt(i).toString(16).padStart(4, '0')}`).join(''));
}
