/** Everything below the start form once a diagnosis exists: verdict, checklist and details. */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { Activity, useEffect, useRef, useState } from 'react';
import { useRunStore } from '../state/run-store';
import { useSettingsStore } from '../state/settings-store';
import { shownTarget } from '../state/start-update';
import { Checklist } from './checklist/Checklist';
import { ExportButton } from './export/ExportButton';
import { FixDialog } from './fix-dialog/FixDialog';
import { SupportPanel } from './support-mode/SupportPanel';
import { Verdict } from './verdict/Verdict';

const useStyles = makeStyles({
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  toolbar: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  title: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, flexGrow: 1, ':focus': { outline: 'none' } },
  muted: { color: tokens.colorNeutralForeground3 },
});

/**
 * The results area; before the first run only support mode can show. The run's area is kept rendered but hidden
 * (React's Activity) while no run exists, so "Run diagnosis" only reveals and updates it instead of creating the
 * verdict, the checklist and their styles in the click (hidden, the area already shows a run that is starting:
 * shownPhase). It is first built when the page is idle after showing the start form: built with the form, it held
 * back a fresh page's first paint.
 */
export function ResultsView(): React.JSX.Element {
  const phase = useRunStore((state) => state.phase);
  const isSupportMode = useSettingsStore((state) => state.isSupportMode);
  const hasRun = phase !== 'idle';
  const isPrepared = useIdle();
  return (
    <>
      {!hasRun && isSupportMode ? <SupportPanel /> : null}
      {hasRun || isPrepared ? (
        <Activity mode={hasRun ? 'visible' : 'hidden'}>
          <RunResults />
        </Activity>
      ) : null}
    </>
  );
}

/** False until the browser first has idle time after this component mounted (its frame painted), then true. */
function useIdle(): boolean {
  const [isIdle, setIdle] = useState(false);
  useEffect(() => {
    const handle = requestIdleCallback(() => setIdle(true), { timeout: 2000 });
    return () => cancelIdleCallback(handle);
  }, []);
  return isIdle;
}

/** The current run: its heading and export, support mode, verdict, checklist and fix dialog. */
function RunResults(): React.JSX.Element {
  const styles = useStyles();
  const phase = useRunStore((state) => state.phase);
  const target = useRunStore((state) => state.target);
  const isRerunning = useRunStore((state) => state.reruns.length > 0);
  const isSupportMode = useSettingsStore((state) => state.isSupportMode);
  const heading = useRef<HTMLHeadingElement>(null);
  const hasRun = phase !== 'idle';
  // The start form folds when a run starts; move focus to the results so keyboard users are not left on the page body.
  // (Effects of a hidden Activity wait until it is shown, so this runs when a run reveals the area.)
  useEffect(() => {
    if (hasRun && (document.activeElement === document.body || document.activeElement === null)) heading.current?.focus();
  }, [hasRun]);
  return (
    <div className={styles.stack}>
      <div className={styles.toolbar}>
        <h2 className={styles.title} ref={heading} tabIndex={-1}>
          Results{target ? <Text className={styles.muted} size={500}>{` · ${shownTarget(target)}`}</Text> : null}
        </h2>
        <ExportButton isEnabled={phase === 'finished' && !isRerunning} />
      </div>
      {isSupportMode ? <SupportPanel /> : null}
      <Verdict />
      <Checklist />
      <FixDialog />
    </div>
  );
}
