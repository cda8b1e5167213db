/** "Make a clean copy" on the file card: keeps what reaches the host, resets the rest, and says first what a signed file loses. */
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { DocumentCheckmark20Regular } from '@fluentui/react-icons';
import { SIGNED_COPY_NOTE } from '../../../src-main/shared/rdp-file-words';
import { makeCleanCopy, useCleanCopyStore } from '../../state/clean-copy-store';
import { useStartStore } from '../../state/start-store';

const useStyles = makeStyles({
  box: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, marginTop: tokens.spacingVerticalS },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The clean-copy button with its notes; nothing when the file names no computer to reach. */
export function CleanCopyAction(): React.JSX.Element | null {
  const styles = useStyles();
  const file = useStartStore((state) => state.rdpFile);
  const summary = useStartStore((state) => state.rdpSummary);
  const phase = useCleanCopyStore((state) => state.phase);
  const copy = useCleanCopyStore((state) => state.copy);
  const error = useCleanCopyStore((state) => state.error);
  const forFile = useCleanCopyStore((state) => state.forFile);
  if (!file || !summary?.target) return null;
  const mine = forFile === file.name;
  return (
    <div className={styles.box}>
      {summary.signed ? (
        <Text size={200} role="note">
          {SIGNED_COPY_NOTE}
        </Text>
      ) : null}
      <div className={styles.row}>
        <Button size="small" icon={<DocumentCheckmark20Regular />} disabled={mine && phase === 'making'} onClick={() => void makeCleanCopy(file)}>
          Make a clean copy
        </Button>
        <Text size={200} className={styles.muted}>
          Keeps what reaches the computer (address, port, gateway, broker{summary.service ? ', the service keys' : ''}) and resets the rest.
        </Text>
      </div>
      {mine && phase === 'saved' && copy ? (
        <MessageBar intent="success">
          <MessageBarBody>
            Saved {copy.fileName}. {copy.summary}
          </MessageBarBody>
        </MessageBar>
      ) : null}
      {mine && phase === 'failed' && error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </div>
  );
}
