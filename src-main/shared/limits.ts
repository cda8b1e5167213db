/** Size limits every door and layer share, so no two places disagree on what is too large (no zod here: the preload uses it). */

/** Largest .rdp file any door accepts (real ones are a few KB; a signed one with an icon stays far below this). */
export const MAX_RDP_FILE_BYTES = 1_000_000;
