/** Why a Windows check did not run, in the customer's words (the report and the dashboard show it as the summary). */

/** A client or host check where there is no Windows state to read; checks end it with a full stop. */
export const NEEDS_WINDOWS = "Runs on Windows only: reads this computer's Remote Desktop settings";
