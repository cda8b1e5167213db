/** Support mode: the result code to read aloud, and the helpdesk's field to decode one. */
import { Button, Card, Field, Input, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useEffect, useState, type FormEvent } from 'react';
import { CHECK_META } from '../../../src-main/shared/catalog';
import { isOneOf, CHECK_IDS } from '../../../src-main/shared/ids';
import { useRunStore } from '../../state/run-store';
import { decodeSupportCode, loadSupportCode, useSupportStore } from '../../state/support-store';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM },
  grid: { display: 'grid', gridTemplateColumns: 'minmax(0, 1fr) minmax(0, 1fr)', gap: tokens.spacingHorizontalXXL },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: '40px', lineHeight: '52px', fontWeight: tokens.fontWeightSemibold, letterSpacing: '0.12em', color: tokens.colorBrandForeground1 },
  column: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  muted: { color: tokens.colorNeutralForeground3 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

function checkTitle(id: string): string {
  return isOneOf(CHECK_IDS, id) ? CHECK_META[id].title : id;
}

/** The support panel, shown while Support mode is on. */
export function SupportPanel(): React.JSX.Element {
  const styles = useStyles();
  const taskId = useRunStore((state) => state.taskId);
  const phase = useRunStore((state) => state.phase);
  const { code, codeError, helpdeskResult, helpdeskError, isDecoding } = useSupportStore();
  const [typed, setTyped] = useState('');

  useEffect(() => {
    if (taskId && phase === 'finished') void loadSupportCode(taskId);
  }, [taskId, phase]);

  const onDecode = (event: FormEvent): void => {
    event.preventDefault();
    void decodeSupportCode(typed);
  };

  return (
    <Card className={styles.card} appearance="filled" role="region" aria-label="Support">
      <div className={styles.grid}>
        <section className={styles.column} aria-labelledby="support-code-heading">
          <h2 id="support-code-heading" className={styles.heading}>
            Your result code
          </h2>
          {code ? (
            <>
              <Text className={styles.code} data-testid="support-code">
                {code}
              </Text>
              <Text>Read this code to your helpdesk. The numbered steps below match what they see.</Text>
            </>
          ) : codeError ? (
            <Text>{codeError}</Text>
          ) : phase === 'finished' ? (
            <Spinner size="tiny" label="Getting the code…" />
          ) : (
            <Text className={styles.muted}>Run the diagnosis; the code appears here when it is done.</Text>
          )}
        </section>
        <section className={styles.column} aria-labelledby="support-decode-heading">
          <h2 id="support-decode-heading" className={styles.heading}>
            For the helpdesk
          </h2>
          <form className={styles.form} onSubmit={onDecode} noValidate>
            <Field label="Result code from the user" style={{ flexGrow: 1 }}>
              <Input value={typed} onChange={(_event, data) => setTyped(data.value)} autoComplete="off" spellCheck={false} maxLength={64} />
            </Field>
            <Button type="submit" disabled={isDecoding}>
              Decode
            </Button>
          </form>
          <div aria-live="polite">
            {helpdeskError ? <Text>{helpdeskError}</Text> : null}
            {helpdeskResult ? (
              <div className={styles.column}>
                <Text weight="semibold">Code {helpdeskResult.code}</Text>
                {helpdeskResult.findings.length ? (
                  <ul className={styles.list}>
                    {helpdeskResult.findings.map((finding) => (
                      <li key={finding.id}>{finding.title}</li>
                    ))}
                  </ul>
                ) : (
                  <Text>No problem was found.</Text>
                )}
                {helpdeskResult.failedChecks.length ? <Text size={200}>Failed checks: {helpdeskResult.failedChecks.map(checkTitle).join(', ')}</Text> : null}
              </div>
            ) : null}
          </div>
        </section>
      </div>
    </Card>
  );
}
