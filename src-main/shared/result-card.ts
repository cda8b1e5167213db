/**
 * The result card of a support call: the same rows on the user's screen (from the report) and on the helpdesk's
 * (from the code the user read out), so both sides talk about the same thing. The code carries no name or address,
 * so the helpdesk's card has no computer; everything else is what the code holds.
 */
import { CHECK_META, FINDING_META } from './catalog';
import { checkStepNumber } from './check-steps';
import { planOf } from './action-plan';
import { CHECK_IDS, FINDING_IDS, isOneOf, type CheckId, type Severity } from './ids';
import { isProblem } from './verdict';
import { targetLabel } from './target-input';
import type { Report } from './schema';
import type { SupportCode } from './dto';

/** One failed check as the card lists it: its support-mode step number and title. */
export interface CardCheck {
  readonly step: string;
  readonly title: string;
}

/** The card's rows; null where the source does not know. */
export interface ResultCard {
  /** The diagnosed computer; null on the helpdesk's side (the code carries no names). */
  readonly computer: string | null;
  /** "Monday 14:20–14:30 UTC": the ten minutes the diagnosis started in. */
  readonly ranAt: string | null;
  /** The dialog's codes, e.g. "0x904 / 0x7"; null when the user gave none. */
  readonly errorCodes: string | null;
  /** The most likely cause's title; null when no finding was made. */
  readonly cause: string | null;
  /** Other findings, most likely first. */
  readonly also: readonly string[];
  /** The failed checks with their step numbers, in checklist order. */
  readonly failedChecks: readonly CardCheck[];
  /** The recommended fix's title; null when the plan recommends none. */
  readonly recommendedFix: string | null;
}

/** The code and the card tell the time to ten minutes. */
export const SLOT_MINUTES = 10;
const DAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'] as const;

/** Minutes since Sunday 00:00 UTC, rounded down to the code's ten minutes; null when `iso` is not a time. */
export function utcWeekMinute(iso: string): number | null {
  const at = Date.parse(iso);
  if (!Number.isFinite(at)) return null;
  const d = new Date(at);
  const minute = d.getUTCDay() * 1440 + d.getUTCHours() * 60 + d.getUTCMinutes();
  return minute - (minute % SLOT_MINUTES);
}

function clock(minuteOfDay: number): string {
  const m = minuteOfDay % 1440;
  return `${String(Math.floor(m / 60)).padStart(2, '0')}:${String(m % 60).padStart(2, '0')}`;
}

/** "Monday 14:20–14:30 UTC" for a minute of the UTC week. */
export function weekMinuteWords(minute: number): string {
  const day = DAYS[Math.floor(minute / 1440) % 7] ?? 'Sunday';
  return `${day} ${clock(minute % 1440)}–${clock((minute % 1440) + SLOT_MINUTES)} UTC`;
}

/** A code value as the card shows it: "0x904". */
function hexOf(value: number): string {
  return `0x${(value >>> 0).toString(16).toUpperCase()}`;
}

function checkOf(id: string): CardCheck {
  return isOneOf(CHECK_IDS, id) ? { step: checkStepNumber(id), title: CHECK_META[id].title } : { step: '?', title: id };
}

function byStep(a: CardCheck, b: CardCheck): number {
  return a.step.localeCompare(b.step, 'en', { numeric: true });
}

/** The cause (the first finding when it is medium or above, as the verdict rules) and the rest. */
function causeAndRest(top: readonly { title: string; severity: Severity }[]): Pick<ResultCard, 'cause' | 'also'> {
  const first = top[0];
  const isCause = first !== undefined && isProblem(first);
  return { cause: isCause ? first.title : null, also: (isCause ? top.slice(1) : top).map((f) => f.title) };
}

/** The card on the user's side, from the finished report. */
export function resultCardOfReport(report: Report): ResultCard {
  const findings = report.findings;
  const minute = utcWeekMinute(report.startedAt);
  const codes = (report.errorCodes?.codes ?? []).slice(0, 2);
  const failed = [...new Set(report.checks.filter((c) => c.status === 'fail').map((c) => c.id))];
  return {
    computer: targetLabel(report.target, true),
    ranAt: minute === null ? null : weekMinuteWords(minute),
    errorCodes: codes.length ? codes.map((c) => hexOf(c.value)).join(' / ') : null,
    ...causeAndRest(findings.slice(0, 3).map((f) => ({ title: f.title || FINDING_META[f.id].title, severity: f.severity }))),
    failedChecks: failed.map((id: CheckId) => checkOf(id)).sort(byStep),
    recommendedFix: planOf(findings).find((step) => step.isRecommended)?.title ?? null,
  };
}

/** The card on the helpdesk's side, from the decoded code. */
export function resultCardOfCode(decoded: SupportCode): ResultCard {
  return {
    computer: null,
    ranAt: decoded.ranAt ? weekMinuteWords(decoded.ranAt.utcWeekMinute) : null,
    errorCodes: decoded.errorCodes.length ? decoded.errorCodes.map((c) => c.hex).join(' / ') : null,
    ...causeAndRest(decoded.findings.map((f) => ({ title: f.title, severity: isOneOf(FINDING_IDS, f.id) ? FINDING_META[f.id].severity : 'info' }))),
    failedChecks: decoded.failedChecks.map(checkOf).sort(byStep),
    recommendedFix: decoded.recommendedFix?.title ?? null,
  };
}
