/** Open or drop a .rdp file: the service reads it and names its target and problems. */
import { Button, MessageBar, MessageBarBody, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Dismiss16Regular, DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useRef, useState, type DragEvent } from 'react';
import { clearRdpFile, openRdpFile, useStartStore } from '../../state/start-store';
import { CleanCopyAction } from './CleanCopyAction';

const useStyles = makeStyles({
  zone: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    border: `${tokens.strokeWidthThin} dashed ${tokens.colorNeutralStroke1}`,
  },
  dragging: { border: `${tokens.strokeWidthThick} dashed ${tokens.colorBrandStroke1}`, backgroundColor: tokens.colorBrandBackground2 },
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: { display: 'none' },
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** The .rdp file area of the start form. */
export function RdpFilePicker(): React.JSX.Element {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const [isDragging, setDragging] = useState(false);
  const summary = useStartStore((state) => state.rdpSummary);
  const error = useStartStore((state) => state.rdpError);
  const isReading = useStartStore((state) => state.isReadingFile);
  // The signature is said once, beside "Make a clean copy", where it matters.
  const issues = summary?.issues.filter((issue) => issue.code !== 'signed') ?? [];

  const onDrop = (event: DragEvent): void => {
    event.preventDefault();
    setDragging(false);
    const file = event.dataTransfer.files[0];
    if (file) void openRdpFile(file);
  };

  return (
    <div
      className={mergeClasses(styles.zone, isDragging && styles.dragging)}
      onDragOver={(event) => {
        event.preventDefault();
        setDragging(true);
      }}
      onDragLeave={() => setDragging(false)}
      onDrop={onDrop}
    >
      <div className={styles.row}>
        <Button icon={<DocumentArrowUp20Regular />} onClick={() => input.current?.click()} disabled={isReading}>
          Open .rdp file
        </Button>
        <Text size={200} className={styles.muted}>
          {isReading ? 'Reading the file…' : 'or drop a connection file here'}
        </Text>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          accept=".rdp,application/x-rdp"
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) void openRdpFile(file);
            event.target.value = '';
          }}
        />
      </div>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
      {summary ? (
        <div role="group" aria-label="Connection file">
          <div className={styles.row}>
            <Text weight="semibold">{summary.name}</Text>
            <Button size="small" appearance="subtle" icon={<Dismiss16Regular />} aria-label="Remove connection file" onClick={clearRdpFile} />
          </div>
          <Text size={200} className={styles.muted} block>
            {summary.where}
          </Text>
          {issues.length > 0 ? (
            <ul className={styles.issues}>
              {issues.map((issue, index) => (
                <li key={index}>
                  <Text size={200}>
                    {issue.severity === 'error' ? 'Problem: ' : issue.severity === 'warning' ? 'Warning: ' : 'Note: '}
                    {issue.message}
                  </Text>
                </li>
              ))}
            </ul>
          ) : (
            <Text size={200} className={styles.muted}>
              No problems found in the file.
            </Text>
          )}
          <CleanCopyAction />
        </div>
      ) : null}
    </div>
  );
}
