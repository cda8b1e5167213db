/** Open or drop a .rdp file: the service reads it and names its target and problems. */
import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Dismiss16Regular, DocumentArrowUp20Regular } from '@fluentui/react-icons';
import { useState, type DragEvent } from 'react';
import { clearRdpFile, openRdpFile, useStartStore } from '../../state/start-store';
import { CleanCopyAction } from './CleanCopyAction';
import { FilePickRow } from './FilePickRow';

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
  issues: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

/** The .rdp file area of the start form. */
export function RdpFilePicker(): React.JSX.Element {
  const styles = useStyles();
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
      <FilePickRow
        label="Open .rdp file"
        icon={<DocumentArrowUp20Regular />}
        hint="or drop a connection file here"
        accept=".rdp,application/x-rdp"
        isReading={isReading}
        error={error}
        onFile={(file) => void openRdpFile(file)}
      />
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
