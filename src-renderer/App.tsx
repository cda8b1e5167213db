/** The dashboard shell: header, start form, then the verdict, checklist and details of the current run. */
import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useEffect } from 'react';
import { signalReady, subscribeOpenedFiles } from './bridge';
import { usePrefersDark } from './components/use-color-scheme';
import { AppHeader } from './features/AppHeader';
import { ResultsView } from './features/ResultsView';
import { InterruptedFixes } from './features/start/InterruptedFixes';
import { StartScreen } from './features/start/StartScreen';
import { listenToProgress } from './state/run-store';
import { loadAppInfo } from './state/settings-store';
import { openOutsideRdpFile } from './state/start-store';

const useStyles = makeStyles({
  page: {
    minHeight: '100vh',
    backgroundColor: tokens.colorNeutralBackground2,
    color: tokens.colorNeutralForeground1,
    display: 'flex',
    flexDirection: 'column',
  },
  main: {
    width: '100%',
    maxWidth: '1080px',
    boxSizing: 'border-box',
    margin: '0 auto',
    padding: `${tokens.spacingVerticalXL} ${tokens.spacingHorizontalXXL}`,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXL,
  },
});

/** The whole dashboard. */
export function App(): React.JSX.Element {
  const isDark = usePrefersDark();
  const styles = useStyles();
  useEffect(() => {
    // Subscribe before saying ready: the main process holds a file opened at launch until then.
    const stopProgress = listenToProgress();
    const stopFiles = subscribeOpenedFiles((file) => void openOutsideRdpFile(file));
    signalReady();
    void loadAppInfo();
    return () => {
      stopProgress();
      stopFiles();
    };
  }, []);
  return (
    <FluentProvider theme={isDark ? webDarkTheme : webLightTheme}>
      <div className={styles.page}>
        <AppHeader />
        <main className={styles.main}>
          <InterruptedFixes />
          <StartScreen />
          <ResultsView />
        </main>
      </div>
    </FluentProvider>
  );
}
