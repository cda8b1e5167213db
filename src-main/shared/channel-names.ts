/** Channel names only (no schemas), so the sandboxed preload stays tiny; channels.ts checks it covers them all. */

/** Every request channel, named `domain:action`. */
export const CHANNEL_NAMES = [
  'app:info',
  'checks:list',
  'diagnosis:start',
  'diagnosis:cancel',
  'diagnosis:get',
  'decode:code',
  'decode:support',
  'support:code',
  'rdpfile:inspect',
  'fix:plan',
  'fix:apply',
  'fix:undo',
  'report:export',
  'rdpfile:clean',
  'report:save',
  'report:reveal',
  'report:summary',
  'hostevidence:inspect',
] as const;
/** A request channel name. */
export type ChannelName = (typeof CHANNEL_NAMES)[number];

/** The push channel that carries ProgressEvent records to the UI. */
export const PROGRESS_CHANNEL = 'diagnosis:progress' as const;
/** The push channel the renderer uses to say it is ready for pushes. */
export const READY_CHANNEL = 'app:ready' as const;
/** The push channel that hands the renderer a .rdp file opened from outside (RdpFileInput: association, argument, menu). */
export const OPEN_RDP_CHANNEL = 'app:open-rdp' as const;
