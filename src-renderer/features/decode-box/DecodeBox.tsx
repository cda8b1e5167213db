/**
 * What the pasted error codes mean, shown live under "Error message or code": each code in plain words; the
 * decoder's names (disconnectReasonAtClientWinsockFDCLOSE, ERRINFO_…), its summary and the myths it corrects sit
 * behind "Details for IT".
 */
import { Badge, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
import { Info16Regular } from '@fluentui/react-icons';
import { ItDetails } from '../../components/ItDetails';
import { useDecodeStore } from '../../state/decode-store';

const useStyles = makeStyles({
  box: {
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalS,
    padding: tokens.spacingHorizontalM,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground1,
    border: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
  },
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'grid', gridTemplateColumns: '4.5em minmax(0, 1fr)', columnGap: tokens.spacingHorizontalS },
  hex: { fontFamily: tokens.fontFamilyMonospace, fontWeight: tokens.fontWeightSemibold },
  body: { display: 'flex', flexDirection: 'column' },
  name: { fontFamily: tokens.fontFamilyMonospace, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  muted: { color: tokens.colorNeutralForeground2 },
  correction: { display: 'flex', gap: tokens.spacingHorizontalXS, color: tokens.colorNeutralForeground2 },
  icon: { flexShrink: 0, marginTop: '2px', color: tokens.colorBrandForeground1 },
});

/** The decoded codes, summary and corrections (e.g. what 0x7 is not); polite live region. */
export function DecodeBox(): React.JSX.Element | null {
  const styles = useStyles();
  const result = useDecodeStore((state) => state.result);
  const error = useDecodeStore((state) => state.error);
  const isPending = useDecodeStore((state) => state.isPending);
  const text = useDecodeStore((state) => state.text);
  if (!text.trim()) return null;
  return (
    <section className={styles.box} aria-label="Decoded error" aria-live="polite" aria-busy={isPending}>
      {isPending && !result ? <Spinner size="tiny" label="Decoding…" /> : null}
      {error ? <Text>{error}</Text> : null}
      {result ? (
        <>
          {result.codes.length > 0 ? (
            <ul className={styles.list}>
              {result.codes.map((code, index) => (
                <li key={`${code.kind}-${code.value}-${index}`} className={styles.item}>
                  <Text className={styles.hex}>{code.hex}</Text>
                  <span className={styles.body}>
                    <Text weight="semibold">{code.meaning || code.name}</Text>
                    {code.official ? null : (
                      <Badge appearance="tint" color="warning" size="small">
                        not documented by Microsoft
                      </Badge>
                    )}
                  </span>
                </li>
              ))}
            </ul>
          ) : null}
          {result.summary || result.corrections.length > 0 || result.codes.length > 0 ? (
            <ItDetails>
              {result.codes.map((code, index) => (
                <Text key={`${code.kind}-${code.value}-${index}`} size={200} className={styles.name}>
                  {`${code.hex}: ${code.name}`}
                </Text>
              ))}
              {result.summary ? (
                <Text size={200} className={styles.muted}>
                  {result.summary}
                </Text>
              ) : null}
              {result.corrections.map((line, index) => (
                <Text key={index} size={200} className={styles.correction}>
                  <Info16Regular className={styles.icon} aria-hidden="true" />
                  <span>{line}</span>
                </Text>
              ))}
            </ItDetails>
          ) : null}
        </>
      ) : null}
    </section>
  );
}
