/** The one channel map: every request/response channel with its argument schema and reply type. */
import { z } from 'zod';
import { MAX_DECODE_TEXT } from './limits';
import {
  DiagnoseRequestSchema,
  ExportRequestSchema,
  FixRequestSchema,
  RdpFileInputSchema,
  UndoRequestSchema,
  type AppInfo,
  type CheckInfo,
  type ExportResult,
  type FixPlan,
  type FixResult,
  type RdpFileSummary,
  type SupportCode,
  type UndoResult,
} from './dto';
import type { DecodeResult, Report } from './schema';
import type { ChannelName } from './channel-names';

export { CHANNEL_NAMES, PROGRESS_CHANNEL, READY_CHANNEL, type ChannelName } from './channel-names';

const TaskRef = z.object({ taskId: z.string().min(1).max(64) });
const Empty = z.object({}).strict();

/** Request channels, named `domain:action`, each with the schema its argument must pass. */
export const CHANNELS = {
  'app:info': { args: Empty, reply: null as unknown as AppInfo },
  'checks:list': { args: Empty, reply: null as unknown as CheckInfo[] },
  'diagnosis:start': { args: DiagnoseRequestSchema, reply: null as unknown as { taskId: string } },
  'diagnosis:cancel': { args: TaskRef, reply: null as unknown as { cancelled: boolean } },
  'diagnosis:get': { args: TaskRef, reply: null as unknown as Report | null },
  'decode:code': { args: z.object({ text: z.string().max(MAX_DECODE_TEXT) }), reply: null as unknown as DecodeResult },
  'decode:support': { args: z.object({ code: z.string().max(64) }), reply: null as unknown as SupportCode },
  'support:code': { args: TaskRef, reply: null as unknown as { code: string } },
  'rdpfile:inspect': { args: RdpFileInputSchema, reply: null as unknown as RdpFileSummary },
  'fix:plan': { args: FixRequestSchema, reply: null as unknown as FixPlan },
  'fix:apply': { args: FixRequestSchema, reply: null as unknown as FixResult },
  'fix:undo': { args: UndoRequestSchema, reply: null as unknown as UndoResult },
  'report:export': { args: ExportRequestSchema, reply: null as unknown as ExportResult },
} as const satisfies Record<ChannelName, { args: z.ZodType; reply: unknown }>;

/** A request channel name. */
export type Channel = keyof typeof CHANNELS;
/** The argument type of a channel. */
export type ChannelArgs<C extends Channel> = z.infer<(typeof CHANNELS)[C]['args']>;
/** The reply type of a channel. */
export type ChannelReply<C extends Channel> = (typeof CHANNELS)[C]['reply'];
