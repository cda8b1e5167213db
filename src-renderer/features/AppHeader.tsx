/** The title bar: product name, support mode toggle and, in support mode, the helpdesk's decoder. */
import { Button, Switch, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Headset20Regular, Stethoscope24Regular } from '@fluentui/react-icons';
import { setSupportMode, useSettingsStore } from '../state/settings-store';
import { setHelpdeskOpen } from '../state/support-store';
import { HelpdeskDialog } from './support-mode/HelpdeskDialog';

const useStyles = makeStyles({
  header: {
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalM,
    padding: `${tokens.spacingVerticalM} ${tokens.spacingHorizontalXXL}`,
    backgroundColor: tokens.colorNeutralBackground1,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  brand: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorBrandForeground1 },
  name: { color: tokens.colorNeutralForeground1 },
  spacer: { flexGrow: 1 },
  version: { color: tokens.colorNeutralForeground3 },
});

/** The app's header bar. */
export function AppHeader(): React.JSX.Element {
  const styles = useStyles();
  const isSupportMode = useSettingsStore((state) => state.isSupportMode);
  const version = useSettingsStore((state) => state.info?.version);
  return (
    <header className={styles.header}>
      <span className={styles.brand}>
        <Stethoscope24Regular aria-hidden="true" />
        <Text weight="semibold" size={400} className={styles.name}>
          RDP Doctor
        </Text>
      </span>
      {version ? (
        <Text size={200} className={styles.version}>
          {version}
        </Text>
      ) : null}
      <span className={styles.spacer} />
      {/* The helpdesk's decoder sits behind a button, not on the user's screen: the user only reads a code out. */}
      {isSupportMode ? (
        <Button appearance="subtle" icon={<Headset20Regular />} onClick={() => setHelpdeskOpen(true)}>
          Helpdesk: decode a code
        </Button>
      ) : null}
      <HelpdeskDialog />
      <Switch label="Support mode" checked={isSupportMode} onChange={(_event, data) => setSupportMode(data.checked)} />
    </header>
  );
}
