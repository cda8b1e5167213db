/** Which paper a PDF report is laid out for: US Letter where it is the norm, A4 everywhere else. */

/** Paper sizes a report can use. */
export type PaperSize = 'A4' | 'LETTER';

// The Americas that print on Letter (the US and Canada, Mexico, most of Central America, Colombia,
// Venezuela, Chile) and the Philippines; the rest of the world uses A4 (ISO 216).
const LETTER_REGIONS = new Set(['US', 'CA', 'MX', 'GT', 'SV', 'NI', 'CR', 'PA', 'DO', 'PR', 'CO', 'VE', 'CL', 'PH']);

/** The paper for a locale such as "en-US", "de_DE.UTF-8" or "fr-CA"; A4 when it names no region. */
export function paperSizeFor(locale: string | null | undefined): PaperSize {
  const region = /^[a-z]{2,3}(?:[-_][A-Za-z]{4})?[-_]([A-Za-z]{2}|\d{3})\b/i.exec((locale ?? '').trim())?.[1]?.toUpperCase();
  return region && LETTER_REGIONS.has(region) ? 'LETTER' : 'A4';
}

/** The locale a command line runs in, as POSIX sets it (LC_PAPER is the category for paper size). */
export function localeFromEnvironment(env: Readonly<Record<string, string | undefined>>): string | null {
  for (const name of ['LC_ALL', 'LC_PAPER', 'LANG']) {
    const value = env[name];
    if (value && value !== 'C' && value !== 'POSIX') return value;
  }
  return null;
}
