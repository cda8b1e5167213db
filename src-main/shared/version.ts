/** The app version, injected at build time from package.json (esbuild `define`); "dev" when run from source. */
declare const __RDP_DOCTOR_VERSION__: string | undefined;

/** The version shown in reports and `--version`. */
export const VERSION: string = typeof __RDP_DOCTOR_VERSION__ === 'string' ? __RDP_DOCTOR_VERSION__ : '0.0.0-dev';
