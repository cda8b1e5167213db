/** Check server.listener: Remote Desktop services running, and something listening on the configured port (and who). */
import { judgeListener, isRunning, parseListener, parseServices } from '../windows/server/services';
import { SERVER_COLLECTORS } from '../windows/server/scripts';
import { defineHostCheck, readCollector } from './server-host';

/**
 * server.listener. Fails when TermService is not running, nothing listens on the configured port, or another
 * program holds it; warns when the port differs from the one being dialled or a helper service is disabled.
 * Evidence: `{ services: [{ name, present, state, startMode, processId, account }], configuredPort, targetPort,
 * termServicePid, tcp: [{ localAddress, localPort, owningProcess, processName }], udp: [...],
 * listeningOnConfiguredPort, configuredPortOwnedByTermService: boolean|null, squatter: { pid, name }|null,
 * termServiceOtherPorts: number[], termServiceRunning: boolean }`.
 */
export const serverListenerCheck = defineHostCheck('server.listener', async (ctx) => {
  const services = await readCollector(ctx, SERVER_COLLECTORS.services, parseServices);
  const listener = await readCollector(ctx, SERVER_COLLECTORS.listener, parseListener);
  const verdict = judgeListener(listener);
  const term = services.find((s) => s.name === 'TermService');
  const termServiceRunning = isRunning(term);
  const targetPort = ctx.target.port;
  const evidence = {
    services,
    configuredPort: listener.configuredPort,
    targetPort,
    termServicePid: listener.termServicePid,
    tcp: listener.tcp,
    udp: listener.udp,
    ...verdict,
    termServiceRunning,
  };
  const port = listener.configuredPort;
  if (!termServiceRunning) {
    const state = term?.present ? `${term.state ?? 'unknown'}, start type ${term.startMode ?? 'unknown'}` : 'not installed';
    return { status: 'fail', summary: `Remote Desktop Services (TermService) is not running (${state}).`, evidence };
  }
  if (verdict.squatter) {
    return {
      status: 'fail',
      summary: `Port ${port} is held by ${verdict.squatter.name ?? 'another program'} (process ${verdict.squatter.pid ?? '?'}), not by Remote Desktop.`,
      evidence,
    };
  }
  if (!verdict.listeningOnConfiguredPort) {
    const other = verdict.termServiceOtherPorts.length ? ` It listens on ${verdict.termServiceOtherPorts.join(', ')} instead.` : '';
    return { status: 'fail', summary: `Nothing listens on the configured RDP port ${port}.${other}`, evidence };
  }
  if (port !== targetPort) {
    return { status: 'warn', summary: `The host listens on port ${port}, but this diagnosis dials port ${targetPort}.`, evidence };
  }
  const disabled = services.filter((s) => s.name !== 'TermService' && (s.startMode ?? '').toLowerCase() === 'disabled');
  if (disabled.length) {
    return { status: 'warn', summary: `Listening on port ${port}, but ${disabled.map((s) => s.name).join(' and ')} is disabled.`, evidence };
  }
  return { status: 'pass', summary: `TermService is running and listening on port ${port}.`, evidence };
});
