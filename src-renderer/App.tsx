/** The dashboard shell: header, start form, then the verdict, checklist and details of the current run. */
import { FluentProvider, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { useEffect } from 'react';
import { signalReady } from './bridge';
import { usePrefersDark } from './components/use-color-scheme';
import { AppHeader } from './features/AppHeader';
import { ResultsView } from './features/ResultsView';
import { StartScreen } from './features/start/StartScreen';
import { listenToProgress } from './state/run-store';
import { loadAppInfo } from './state/settings-store';

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
    const unsubscribe = listenToProgress();
    signalReady();
    void loadAppInfo();
    return unsubscribe;
  }, []);
  return (
    <FluentProvider theme={isDark ? webDarkTheme : webLightTheme}>
      <div className={styles.page}>
        <AppHeader />
        <main className={styles.main}>
          <StartScreen />
          <ResultsView />
        </main>
      </div>
    </FluentProvider>
  );
}
