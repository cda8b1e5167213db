/** The helpdesk's side of a support call: type the code the user reads out, see the user's result card. */
import { Button, Dialog, DialogActions, DialogBody, DialogContent, DialogSurface, DialogTitle, Field, Input, Text, makeStyles, tokens } from '@fluentui/react-components';
import { useMemo, useState, type FormEvent } from 'react';
import { MAX_SUPPORT_CODE_INPUT } from '../../../src-main/shared/limits';
import { resultCardOfCode } from '../../../src-main/shared/result-card';
import { useReturnFocus } from '../../components/use-return-focus';
import { decodeSupportCode, setHelpdeskOpen, useSupportStore } from '../../state/support-store';
import { ResultCard } from './ResultCard';

const useStyles = makeStyles({
  surface: { maxWidth: '640px', width: 'calc(100vw - 48px)' },
  content: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  form: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'flex-end' },
  code: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, letterSpacing: '0.08em' },
  muted: { color: tokens.colorNeutralForeground3 },
});

/** The dialog; mounted only while open (like the fix dialog, so no focus guards sit around the page). */
export function HelpdeskDialog(): React.JSX.Element | null {
  const styles = useStyles();
  const { isHelpdeskOpen, helpdeskResult, helpdeskError, isDecoding } = useSupportStore();
  const [typed, setTyped] = useState('');
  const card = useMemo(() => (helpdeskResult ? resultCardOfCode(helpdeskResult) : null), [helpdeskResult]);
  useReturnFocus(isHelpdeskOpen);
  if (!isHelpdeskOpen) return null;

  const onDecode = (event: FormEvent): void => {
    event.preventDefault();
    void decodeSupportCode(typed);
  };

  return (
    <Dialog open onOpenChange={(_event, data) => setHelpdeskOpen(data.open)} modalType="modal">
      <DialogSurface className={styles.surface}>
        <DialogBody>
          <DialogTitle>Decode a result code</DialogTitle>
          <DialogContent className={styles.content}>
            <form className={styles.form} onSubmit={onDecode} noValidate>
              <Field
                label="Result code from the user"
                hint="With or without dashes, e.g. RD-A4K7-Q2MX or a4k7q2mx."
                validationMessage={helpdeskError ?? undefined}
                style={{ flexGrow: 1 }}
              >
                <Input value={typed} onChange={(_event, data) => setTyped(data.value)} autoComplete="off" spellCheck={false} maxLength={MAX_SUPPORT_CODE_INPUT} />
              </Field>
              <Button type="submit" appearance="primary" disabled={isDecoding}>
                Decode
              </Button>
            </form>
            <div aria-live="polite">
              {helpdeskResult && card ? (
                <div className={styles.content}>
                  <Text className={styles.code}>{helpdeskResult.code}</Text>
                  <ResultCard card={card} label="Decoded result card" />
                  <Text size={200} className={styles.muted}>
                    The code carries no computer name or address: ask the user which computer they diagnosed. Step numbers match the user’s checklist.
                  </Text>
                </div>
              ) : null}
            </div>
          </DialogContent>
          <DialogActions>
            <Button onClick={() => setHelpdeskOpen(false)}>Close</Button>
          </DialogActions>
        </DialogBody>
      </DialogSurface>
    </Dialog>
  );
}
