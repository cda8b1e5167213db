/** "Export report": pick a format and what to hide, save or download it, then open it, show it, or copy a summary for a ticket. */
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
  MessageBarActions,
  MessageBarBody,
  Radio,
  RadioGroup,
  Textarea,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, Copy20Regular, Save20Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { useReturnFocus } from '../../components/use-return-focus';
import type { ExportRequest } from '../../../src-main/shared/dto';
import { messageOf } from '../../bridge';
import { copyText, EXPORT_FORMATS, exportReport, reportSummary, revealReport, type ExportOutcome } from '../../state/export-actions';
import { useSettingsStore } from '../../state/settings-store';

const useStyles = makeStyles({
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  group: { display: 'flex', flexDirection: 'column', border: 'none', margin: 0, padding: 0 },
  summary: { fontFamily: tokens.fontFamilyMonospace, minHeight: '10rem' },
  action: { whiteSpace: 'nowrap' },
});

type Note = { readonly intent: 'success' | 'error'; readonly text: string };

/** Where the file went, with Open / Show in folder when the app saved it. */
function SavedNote({ outcome, onProblem }: { outcome: ExportOutcome; onProblem: (text: string) => void }): React.JSX.Element | null {
  if (outcome.kind === 'cancelled') return null;
  const reveal = (action: 'open' | 'folder'): void => {
    if (outcome.kind !== 'saved') return;
    void revealReport(outcome.saveId, action)
      .then((problem) => problem && onProblem(problem))
      .catch((error: unknown) => onProblem(messageOf(error)));
  };
  return (
    <MessageBar intent="success" layout="multiline">
      <MessageBarBody data-testid="export-done">
        {outcome.kind === 'saved' ? `Saved ${outcome.fileName} in ${outcome.folder}.` : `Downloaded ${outcome.fileName}. Your browser keeps it with its other downloads.`}
      </MessageBarBody>
      {outcome.kind === 'saved' ? (
        <MessageBarActions>
          <Button size="small" onClick={() => reveal('open')}>
            Open
          </Button>
          <Button size="small" onClick={() => reveal('folder')}>
            Show in folder
          </Button>
        </MessageBarActions>
      ) : null}
    </MessageBar>
  );
}

/** The export button and its dialog; disabled until a diagnosis has finished. */
export function ExportButton({ isEnabled }: { isEnabled: boolean }): React.JSX.Element {
  const styles = useStyles();
  const [isOpen, setOpen] = useState(false);
  const [format, setFormat] = useState<ExportRequest['format']>('html');
  const [hideUsers, setHideUsers] = useState(false);
  const [hideHosts, setHideHosts] = useState(false);
  const [includeLog, setIncludeLog] = useState(false);
  const canAttachLog = useSettingsStore((state) => state.info?.canAttachLog === true);
  const canSave = useSettingsStore((state) => state.info?.canSaveReports === true);
  const [outcome, setOutcome] = useState<ExportOutcome | null>(null);
  const [note, setNote] = useState<Note | null>(null);
  const [summaryToCopy, setSummaryToCopy] = useState<string | null>(null);
  const [isBusy, setBusy] = useState(false);

  const close = (): void => {
    setOpen(false);
    setOutcome(null);
    setNote(null);
    setSummaryToCopy(null);
  };
  useReturnFocus(isOpen);
  const redact = { users: hideUsers, hosts: hideHosts };

  const onExport = async (): Promise<void> => {
    setBusy(true);
    setNote(null);
    setOutcome(null);
    try {
      setOutcome(await exportReport(format, redact, canAttachLog && includeLog, canSave));
    } catch (error) {
      setNote({ intent: 'error', text: messageOf(error) });
    } finally {
      setBusy(false);
    }
  };

  const onCopySummary = async (): Promise<void> => {
    setNote(null);
    setSummaryToCopy(null);
    try {
      const text = await reportSummary(redact);
      if (await copyText(text)) setNote({ intent: 'success', text: 'Summary copied: paste it into the ticket.' });
      else setSummaryToCopy(text);
    } catch (error) {
      setNote({ intent: 'error', text: messageOf(error) });
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
                <fieldset className={styles.group}>
                  <legend>Before sharing, hide</legend>
                  <Checkbox label="User names" checked={hideUsers} onChange={(_event, data) => setHideUsers(data.checked === true)} />
                  <Checkbox label="Host names and addresses" checked={hideHosts} onChange={(_event, data) => setHideHosts(data.checked === true)} />
                </fieldset>
                {canAttachLog ? (
                  <Checkbox label="Attach the end of the app log (for IT support)" checked={includeLog} onChange={(_event, data) => setIncludeLog(data.checked === true)} />
                ) : null}
                {outcome ? <SavedNote outcome={outcome} onProblem={(text) => setNote({ intent: 'error', text })} /> : null}
                {note ? (
                  <MessageBar intent={note.intent}>
                    <MessageBarBody data-testid={note.intent === 'error' ? 'export-error' : 'export-note'}>{note.text}</MessageBarBody>
                  </MessageBar>
                ) : null}
                {summaryToCopy !== null ? (
                  <Field label="Summary to copy" hint="Copying is not allowed here; select the text and copy it.">
                    <Textarea className={styles.summary} readOnly value={summaryToCopy} resize="vertical" />
                  </Field>
                ) : null}
              </DialogContent>
              <DialogActions>
                <Button appearance="primary" icon={canSave ? <Save20Regular /> : <ArrowDownload20Regular />} onClick={() => void onExport()} disabled={isBusy}>
                  {canSave ? 'Save…' : 'Download'}
                </Button>
                <Button className={styles.action} icon={<Copy20Regular />} onClick={() => void onCopySummary()}>
                  Copy summary
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
