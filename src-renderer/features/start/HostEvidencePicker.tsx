/** "Load host evidence…": the file collect-host.ps1 wrote on a host nobody can reach; its host checks answer from it. */
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Dismiss16Regular, Server20Regular } from '@fluentui/react-icons';
import { clearHostEvidence, loadHostEvidence, useHostEvidenceStore } from '../../state/host-evidence-store';
import { useStartStore } from '../../state/start-store';
import { FilePickRow } from './FilePickRow';

const useStyles = makeStyles({
  zone: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** "2026-11-21 12:00 UTC": when the host was read, the same for every reader. */
function when(iso: string): string {
  return `${iso.slice(0, 10)} ${iso.slice(11, 16)} UTC`;
}

/** The host evidence area of the start form. */
export function HostEvidencePicker(): React.JSX.Element {
  const styles = useStyles();
  const summary = useHostEvidenceStore((state) => state.summary);
  const error = useHostEvidenceStore((state) => state.error);
  const isReading = useHostEvidenceStore((state) => state.isReading);

  return (
    <div className={styles.zone}>
      <FilePickRow
        label="Load host evidence…"
        icon={<Server20Regular />}
        hint="the file collect-host.ps1 wrote on the remote computer"
        accept=".json,application/json"
        isReading={isReading}
        error={error}
        onFile={(file) => void loadHostEvidence(file, useStartStore.getState().target)}
      />
      {summary ? (
        <div role="group" aria-label="Host evidence">
          <div className={styles.row}>
            <Text weight="semibold">{summary.name}</Text>
            <Button size="small" appearance="subtle" icon={<Dismiss16Regular />} aria-label="Remove host evidence" onClick={clearHostEvidence} />
          </div>
          <Text size={200} className={styles.muted} block>
            {`${summary.computerName || 'A computer with no name'}${summary.os ? ` (${summary.os})` : ''}, read ${when(summary.collectedAt)}: the host checks answer from this file.`}
          </Text>
          {summary.failed.length > 0 ? (
            <Text size={200} block>
              {`Not read on the host: ${summary.failed.join(', ')} (run collect-host.ps1 as administrator for these).`}
            </Text>
          ) : null}
          {summary.note ? (
            <MessageBar intent="warning">
              <MessageBarBody>{summary.note}</MessageBarBody>
            </MessageBar>
          ) : null}
        </div>
      ) : null}
    </div>
  );
}
