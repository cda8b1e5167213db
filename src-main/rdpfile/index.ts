/** The .rdp file module: parse, validate, serialize, read client settings, generate the clean file. */
export type { RdpFile, RdpLine, RdpSetting, RdpIssue, RdpEncoding, RdpParseResult, RdpValueType } from './types';
export { parseRdpBytes, parseRdpText, settingsOf, lastSetting, intSetting, stringSetting } from './parse';
export { validateRdpFile, unknownKeys } from './validate';
export { serializeRdp, editRdpFile, setSetting, removeSetting, isSigned, RdpEditError, SIGNATURE_STRIPPED_NOTE } from './serialize';
export type { RdpEdit, RdpEditResult, SerializeOptions } from './serialize';
export { readClientSettings } from './client-settings';
export { generateCleanRdp, FALLBACK_SECURITY_COST, DISABLE_UDP_KEY_NOTE } from './generate';
export type { CleanRdp, CleanRdpOptions } from './generate';
export { checkRdpFileBytes, rdpFileSummary } from './summary';
export type { RdpFileCheck } from './summary';
