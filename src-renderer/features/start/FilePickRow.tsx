/** The start form's way to pick a file: a button that opens the system's file dialog, a hint beside it, and the error of the last try. */
import { Button, MessageBar, MessageBarBody, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useRef } from 'react';

const useStyles = makeStyles({
  row: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  hidden: { display: 'none' },
});

/** What a file picker row shows and does. */
export interface FilePickRowProps {
  readonly label: string;
  readonly icon: React.JSX.Element;
  /** The hint beside the button while no file is being read. */
  readonly hint: string;
  /** The file types the dialog offers (the input's accept attribute). */
  readonly accept: string;
  readonly isReading: boolean;
  readonly error: string | null;
  readonly onFile: (file: File) => void;
}

/** The button, its hint and a hidden file input; below them the error of the last file, if any. */
export function FilePickRow({ label, icon, hint, accept, isReading, error, onFile }: FilePickRowProps): React.JSX.Element {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  return (
    <>
      <div className={styles.row}>
        <Button icon={icon} onClick={() => input.current?.click()} disabled={isReading}>
          {label}
        </Button>
        <Text size={200} className={styles.muted}>
          {isReading ? 'Reading the file…' : hint}
        </Text>
        <input
          ref={input}
          className={styles.hidden}
          type="file"
          accept={accept}
          tabIndex={-1}
          aria-hidden="true"
          onChange={(event) => {
            const file = event.target.files?.[0];
            if (file) onFile(file);
            // The same file picked again after a change on disk is read again.
            event.target.value = '';
          }}
        />
      </div>
      {error ? (
        <MessageBar intent="error">
          <MessageBarBody>{error}</MessageBarBody>
        </MessageBar>
      ) : null}
    </>
  );
}
