/** Long lists in messages, summarised: a message stays one readable line (and linear to build) whatever the input holds. */

/** A count as people read it: 34,998. */
export function formatCount(n: number): string {
  // Not toLocaleString: the first call loads ICU data, which costs more than judging a whole file.
  return String(n).replace(/\B(?=(\d{3})+(?!\d))/g, ',');
}

/** "1, 2, 3, 4, 5 and 34,995 more": at most `shown` items, then how many were left out; all of them when that is one more. */
export function summarizeList(items: readonly string[], shown = 5): string {
  if (items.length <= shown + 1) return items.join(', ');
  return `${items.slice(0, shown).join(', ')} and ${formatCount(items.length - shown)} more`;
}
