/** Why a Windows check did not run, in the customer's words (the report and the dashboard show it as the summary). */

/** A client or host check where there is no Windows state to read (shared, so the doors can fold those rows). */
export { NEEDS_WINDOWS } from '../shared/needs-windows';
