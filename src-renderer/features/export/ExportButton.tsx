/** "Export report": pick a format and what to hide, then download the report. */
import {
  Button,
  Checkbox,
  Dialog,
  DialogActions,
  DialogBody,
  DialogContent,
  DialogSurface,
  DialogTitle,
  Field,
  MessageBar,
  MessageBarBody,
  Radio,
  RadioGroup,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useReturnFocus } from '../../components/use-return-focus';
import type { ExportRequest } from '../../../src-main/shared/dto';
import { messageOf } from '../../bridge';
import { EXPORT_FORMATS, exportReport } from '../../state/export-actions';
import { useSettingsStore } from '../../state/settings-store';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column' },
});

/** The export button and its dialog; disabled until a diagnosis has finished. */
export function ExportButton({ isEnabled }: { isEnabled: boolean }): React.JSX.Element {
  const styles = useStyles();
  const [isOpen, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportRequest['format']>('html');
  const [hideUsers, setHideUsers] = useState(false);
  const [hideHosts, setHideHosts] = useState(false);
  const [includeLog, setIncludeLog] = useState(false);
  const canAttachLog = useSettingsStore((state) => state.info?.canAttachLog === true);
  const [status, setStatus] = useState<{ intent: 'success' | 'error'; text: string } | null>(null);
  const [isBusy, setBusy] = useState(false);

  const close = (): void => {
    setOpen(false);
    setStatus(null);
  };
  useReturnFocus(isOpen);

  const onDownload = async (): Promise<void> => {
    setBusy(true);
    setStatus(null);
    try {
      const name = await exportReport(format, { users: hideUsers, hosts: hideHosts }, canAttachLog && includeLog);
      setStatus({ intent: 'success', text: `Saved ${name}.` });
    } catch (error) {
      setStatus({ intent: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  // The dialog is mounted only while open: a mounted Dialog starts Fluent's focus trap, whose aria-hidden focusable
  // guards would otherwise sit around the whole page on every screen (axe aria-hidden-focus).
  return (
    <>
      <Button icon={<ArrowDownload20Regular />} disabled={!isEnabled} onClick={() => setOpen(true)}>
        Export report
      </Button>
      {isOpen ? (
    <Dialog open onOpenChange={(_event, data) => (data.open ? undefined : close())}>
      <DialogSurface>
        <DialogBody>
          <DialogTitle>Export report</DialogTitle>
          <DialogContent className={styles.content}>
            <Field label="Format">
              <RadioGroup value={format} onChange={(_event, data) => setFormat(data.value as ExportRequest['format'])}>
                {EXPORT_FORMATS.map((item) => (
                  <Radio key={item.value} value={item.value} label={item.label} />
                ))}
              </RadioGroup>
            </Field>
            <fieldset className={styles.group} style={{ border: 'none', margin: 0, padding: 0 }}>
              <legend>Before sharing, hide</legend>
              <Checkbox label="User names" checked={hideUsers} onChange={(_event, data) => setHideUsers(data.checked === true)} />
              <Checkbox label="Host names and addresses" checked={hideHosts} onChange={(_event, data) => setHideHosts(data.checked === true)} />
            </fieldset>
            {canAttachLog ? (
              <Checkbox
                label="Attach the end of the app log (for IT support)"
                checked={includeLog}
                onChange={(_event, data) => setIncludeLog(data.checked === true)}
              />
            ) : null}
            {status ? (
              <MessageBar intent={status.intent}>
                <MessageBarBody data-testid={status.intent === 'error' ? 'export-error' : 'export-done'}>{status.text}</MessageBarBody>
              </MessageBar>
            ) : null}
          </DialogContent>
          <DialogActions>
            <Button appearance="primary" icon={<ArrowDownload20Regular />} onClick={() => void onDownload()} disabled={isBusy}>
              Download
            </Button>
            <Button onClick={close}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
      ) : null}
    </>
  );
}
