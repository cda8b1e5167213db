// The runner's real invocation (-EncodedCommand, data in the environment) run by a real PowerShell.
import { expect, it } from 'vitest';
import { describeWithPwsh } from '../test-support/pwsh';
import { buildPowerShellInvocation, interpretOutput, runInvocation } from './powershell-runner';

const HOSTILE = [
  `"; Remove-Item -Recurse C:\\ ; "`,
  "'; calc; '",
  '$(Stop-Computer)',
  '`whoami`',
  'line1\nline2\r\n& calc',
  'Grüße-Ünïcødé-東京-🙂',
  '--% -Command calc',
  '\u2019; calc; \u2018',
];

describeWithPwsh('the runner under real PowerShell', (pwsh) => {
  it('hands every hostile value to the script as data, unchanged, and the script text stays constant', async () => {
    const script = '[pscustomobject]@{ values = @($RdpDoctorData.values); count = @($RdpDoctorData.values).Count } | ConvertTo-Json -Compress';
    const inv = buildPowerShellInvocation(script, { values: HOSTILE });
    const out = await runInvocation({ ...inv, command: pwsh }, { timeoutMs: 60_000, collector: 'echo' });
    const parsed = JSON.parse(interpretOutput(out, 'echo', 'json')) as { values: string[]; count: number };
    expect(parsed.count).toBe(HOSTILE.length);
    expect(parsed.values).toEqual(HOSTILE);
  });
});
