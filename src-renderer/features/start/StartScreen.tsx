/** The start form: the computer to diagnose, an optional .rdp file, the error text, and "Run diagnosis". */
import { Button, Card, Field, Input, Text, Textarea, makeStyles, tokens } from '@fluentui/react-components';
import { Play24Regular } from '@fluentui/react-icons';
import { useEffect, useRef, useState, type FormEvent } from 'react';
import { DecodeBox } from '../decode-box/DecodeBox';
import { useDecodeStore, setErrorText } from '../../state/decode-store';
import { startDiagnosis, useRunStore } from '../../state/run-store';
import { setTarget, useStartStore } from '../../state/start-store';
import { targetProblem } from '../../state/start-update';
import { RdpFilePicker } from './RdpFilePicker';
import { HostEvidencePicker } from './HostEvidencePicker';
import { recheckHostEvidence, useHostEvidenceStore } from '../../state/host-evidence-store';
import { RecentTargets } from './RecentTargets';
import { RunSummaryBar } from './RunSummaryBar';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalL },
  heading: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, lineHeight: tokens.lineHeightBase500 },
  form: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: `${tokens.spacingVerticalL} ${tokens.spacingHorizontalXXL}` },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, minWidth: 0 },
  actions: { gridColumn: '1 / -1', display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The start screen card. */
export function StartScreen(): React.JSX.Element {
  const styles = useStyles();
  const target = useStartStore((state) => state.target);
  const rdpFile = useStartStore((state) => state.rdpFile);
  const hostEvidence = useHostEvidenceStore((state) => state.file);
  const evidenceFrom = useHostEvidenceStore((state) => state.summary?.computerName ?? null);
  const errorText = useDecodeStore((state) => state.text);
  const phase = useRunStore((state) => state.phase);
  const inputProblem = useRunStore((state) => state.inputProblem);
  const [problem, setProblem] = useState<string | null>(null);
  // While a run exists the form is folded into the summary bar, unless the user opened it again ("Change").
  const [isEditing, setEditing] = useState(false);
  const targetInput = useRef<HTMLInputElement>(null);
  const isBusy = phase === 'starting' || phase === 'running';

  const run = (): boolean => {
    const found = targetProblem(target, rdpFile !== null);
    setProblem(found);
    if (found) targetInput.current?.focus();
    if (found || isBusy) return false;
    // Folds in the same render as the run's start: one render of the page, not a second one from an effect.
    setEditing(false);
    void startDiagnosis({ target: target.trim(), rdpFile: rdpFile ?? undefined, error: errorText, hostEvidence: hostEvidence ?? undefined });
    return true;
  };

  const onSubmit = (event: FormEvent): void => {
    event.preventDefault();
    run();
  };

  // Any run folds the form, also one started by a .rdp file opened from outside the page while the form was open.
  useEffect(() => {
    if (phase === 'starting') setEditing(false);
  }, [phase]);

  // The service refused what was typed (e.g. a .rdp file naming an impossible computer): the run is gone (phase idle),
  // so the form is back; the line goes at the field.
  useEffect(() => {
    if (!inputProblem) return;
    setProblem(inputProblem);
    requestAnimationFrame(() => targetInput.current?.focus());
  }, [inputProblem]);

  if (!isEditing && phase !== 'idle') {
    return (
      <RunSummaryBar
        target={target.trim()}
        fileName={rdpFile?.name ?? null}
        errorText={errorText}
        evidenceFrom={hostEvidence ? evidenceFrom : null}
        isBusy={isBusy}
        onRunAgain={run}
        onChange={() => {
          setEditing(true);
          requestAnimationFrame(() => targetInput.current?.focus());
        }}
      />
    );
  }

  return (
    <Card className={styles.card} appearance="filled" aria-labelledby="start-heading">
      <h1 id="start-heading" className={styles.heading}>
        Why won’t Remote Desktop connect?
      </h1>
      <Text className={styles.muted}>
        Enter the computer you are trying to reach. RDP Doctor walks through the same steps an IT technician would and tells you the most likely cause.
      </Text>
      <form className={styles.form} onSubmit={onSubmit} noValidate>
        <div className={styles.column}>
          <Field
            label="Remote computer"
            hint="A name or address, optionally with a port, e.g. pc-042.corp.example or 10.0.0.5:3389. An mstsc command, an rdp:// link or a line of a .rdp file works too."
            validationMessage={problem ?? undefined}
            validationState={problem ? 'error' : 'none'}
          >
            <Input
              ref={targetInput}
              value={target}
              onChange={(_event, data) => {
                setTarget(data.value);
                if (hostEvidence) void recheckHostEvidence(data.value);
                if (problem) setProblem(null);
              }}
              autoComplete="off"
              spellCheck={false}
              maxLength={300}
            />
          </Field>
          <RecentTargets />
          <RdpFilePicker />
          <HostEvidencePicker />
        </div>
        <div className={styles.column}>
          <Field label="Error message or code" hint="Paste the text of the error dialog, or just its codes, e.g. 0x904 and 0x7. Optional.">
            <Textarea value={errorText} onChange={(_event, data) => setErrorText(data.value)} resize="vertical" rows={3} maxLength={4000} />
          </Field>
          <DecodeBox />
        </div>
        <div className={styles.actions}>
          <Button type="submit" appearance="primary" size="large" icon={<Play24Regular />} disabled={isBusy}>
            Run diagnosis
          </Button>
          {isBusy ? <Text className={styles.muted}>A diagnosis is running…</Text> : null}
        </div>
      </form>
    </Card>
  );
}
