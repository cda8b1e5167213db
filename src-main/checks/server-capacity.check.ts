/** Check server.capacity: free memory, remote sessions against the host's limit, and the licensing mode. */
import { LICENSING_NAMES, parseCapacity, sessionLimit } from '../windows/server/capacity';
import { parseRdpRegistry } from '../windows/server/registry';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector, readOptional } from './server-host';

/**
 * server.capacity. Fails when free memory is under 3 % (or 100 MB), or the remote sessions reached a hard limit
 * on a server (disconnected sessions count: they keep their place until signed off or reset); warns under 10 % memory, or when a Session Host has no licensing mode.
 * Evidence: `{ freeMemoryKB, totalMemoryKB, freePercent, productType, caption, terminalServerMode, licensingType,
 * licensingName, remoteSessions, connectedSessions, disconnectedSessions, sessionLimit, limitBasis, isFull: boolean, memoryLow: 'critical'|'low'|null }`.
 */
export const serverCapacityCheck = defineHostCheck('server.capacity', async (ctx) => {
  const c = await readCollector(ctx, SERVER_COLLECTORS.capacity, parseCapacity);
  const reg = await readOptional(ctx, SERVER_COLLECTORS.rdpRegistry, parseRdpRegistry);
  const max = reg ? (reg.policy.maxInstanceCount ?? reg.maxInstanceCount) : null;
  const { limit, basis } = sessionLimit(c, max);
  const freePercent = c.freeMemoryKB !== null && c.totalMemoryKB ? Math.round((c.freeMemoryKB / c.totalMemoryKB) * 1000) / 10 : null;
  const memoryLow: 'critical' | 'low' | null =
    freePercent === null ? null : freePercent < 3 || (c.freeMemoryKB ?? Infinity) < 100 * 1024 ? 'critical' : freePercent < 10 ? 'low' : null;
  // A client edition hands the session over instead of refusing, so only a server limit counts as full.
  const isFull = limit !== null && c.productType !== 1 && c.remoteSessions >= limit;
  const licensingName = c.licensingType === null ? null : (LICENSING_NAMES[c.licensingType] ?? `type ${c.licensingType}`);
  const evidence = {
    freeMemoryKB: c.freeMemoryKB,
    totalMemoryKB: c.totalMemoryKB,
    freePercent,
    productType: c.productType,
    caption: c.caption,
    terminalServerMode: c.terminalServerMode,
    licensingType: c.licensingType,
    licensingName,
    remoteSessions: c.remoteSessions,
    connectedSessions: c.connectedSessions,
    disconnectedSessions: c.disconnectedSessions,
    sessionLimit: limit,
    limitBasis: basis,
    isFull,
    memoryLow,
  };
  const mem = freePercent === null ? 'memory unknown' : `${freePercent}% memory free`;
  const disc = c.disconnectedSessions > 0 ? ` (${c.disconnectedSessions} disconnected)` : '';
  const sessions = `${c.remoteSessions} remote session${c.remoteSessions === 1 ? '' : 's'}${limit !== null ? ` of ${limit}` : ''}${disc}`;
  if (memoryLow === 'critical') return { status: 'fail', summary: `The host is almost out of memory (${mem}).`, evidence };
  if (isFull) return { status: 'fail', summary: `The host has no room for another session (${sessions}; ${basis}).`, evidence };
  if (memoryLow === 'low') return { status: 'warn', summary: `Memory is low (${mem}); ${sessions}.`, evidence };
  if (c.terminalServerMode === 1 && (c.licensingType === 5 || c.licensingType === null)) {
    return { status: 'warn', summary: `Session Host without a licensing mode; ${sessions}.`, evidence };
  }
  return { status: 'pass', summary: `${mem[0]?.toUpperCase()}${mem.slice(1)}; ${sessions}${licensingName ? `; licensing: ${licensingName}` : ''}.`, evidence };
});
