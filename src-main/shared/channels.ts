/** The one channel map: every request/response channel with the schemas of its argument and its reply. */
import { z } from 'zod';
import { MAX_DECODE_TEXT, MAX_SUPPORT_CODE_INPUT } from './limits';
import {
  AppInfoSchema,
  CheckInfoSchema,
  DiagnoseRequestSchema,
  ExportRequestSchema,
  ExportResultSchema,
  FixPlanSchema,
  FixRequestSchema,
  FixResultSchema,
  HostEvidenceRequestSchema,
  HostEvidenceSummarySchema,
  RdpCleanCopySchema,
  RdpCleanRequestSchema,
  RdpFileInputSchema,
  RdpFileSummarySchema,
  RevealReportRequestSchema,
  SaveReportRequestSchema,
  SaveReportResultSchema,
  SummaryRequestSchema,
  SupportCodeSchema,
  UndoRequestSchema,
  UndoResultSchema,
} from './dto';
import { DecodeResultSchema, ReportSchema } from './schema';
import type { ChannelName } from './channel-names';
import { lazySchema } from './lazy-schema';

export { CHANNEL_NAMES, PROGRESS_CHANNEL, READY_CHANNEL, type ChannelName } from './channel-names';

const TaskRef = lazySchema(() => z.object({ taskId: z.string().min(1).max(64) }));
const Empty = lazySchema(() => z.object({}).strict());

/** Request channels, named `domain:action`, each with the schema its argument must pass and the schema of its reply. */
export const CHANNELS = {
  'app:info': { args: Empty, reply: AppInfoSchema },
  'checks:list': { args: Empty, reply: lazySchema(() => z.array(CheckInfoSchema)) },
  'diagnosis:start': { args: DiagnoseRequestSchema, reply: lazySchema(() => z.object({ taskId: z.string() })) },
  'diagnosis:cancel': { args: TaskRef, reply: lazySchema(() => z.object({ cancelled: z.boolean() })) },
  'diagnosis:get': { args: TaskRef, reply: lazySchema(() => ReportSchema.nullable()) },
  'decode:code': { args: lazySchema(() => z.object({ text: z.string().max(MAX_DECODE_TEXT) })), reply: DecodeResultSchema },
  'decode:support': { args: lazySchema(() => z.object({ code: z.string().max(MAX_SUPPORT_CODE_INPUT) })), reply: SupportCodeSchema },
  'support:code': { args: TaskRef, reply: lazySchema(() => z.object({ code: z.string() })) },
  'rdpfile:inspect': { args: RdpFileInputSchema, reply: RdpFileSummarySchema },
  'fix:plan': { args: FixRequestSchema, reply: FixPlanSchema },
  'fix:apply': { args: FixRequestSchema, reply: FixResultSchema },
  'fix:undo': { args: UndoRequestSchema, reply: UndoResultSchema },
  'report:export': { args: ExportRequestSchema, reply: ExportResultSchema },
  'rdpfile:clean': { args: RdpCleanRequestSchema, reply: RdpCleanCopySchema },
  'report:save': { args: SaveReportRequestSchema, reply: SaveReportResultSchema },
  'report:reveal': { args: RevealReportRequestSchema, reply: lazySchema(() => z.object({ done: z.boolean(), message: z.string() })) },
  'report:summary': { args: SummaryRequestSchema, reply: lazySchema(() => z.object({ text: z.string() })) },
  'hostevidence:inspect': { args: HostEvidenceRequestSchema, reply: HostEvidenceSummarySchema },
} as const satisfies Record<ChannelName, { args: z.ZodType; reply: z.ZodType }>;

/** A request channel name. */
export type Channel = keyof typeof CHANNELS;
/** The argument type of a channel. */
export type ChannelArgs<C extends Channel> = z.infer<(typeof CHANNELS)[C]['args']>;
/** The reply type of a channel. */
export type ChannelReply<C extends Channel> = z.infer<(typeof CHANNELS)[C]['reply']>;
