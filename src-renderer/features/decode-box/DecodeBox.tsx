/** What the pasted error codes mean, shown live under "Error message or code". */
import { Badge, Spinner, Text, makeStyles, tokens } from '@fluentui/react-components';
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
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  code: { fontFamily: tokens.fontFamilyMonospace },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'baseline', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground3 },
  correction: { color: tokens.colorNeutralForeground2, fontStyle: "italic" },
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
                <li key={`${code.kind}-${code.value}-${index}`} className={styles.row}>
                  <Text weight="semibold" className={styles.code}>
                    {code.hex}
                  </Text>
                  <Text weight="semibold">{code.meaning || code.name}</Text>
                  <Text size={200} className={styles.muted}>
                    {code.name}
                  </Text>
                  {code.official ? null : (
                    <Badge appearance="tint" color="warning" size="small">
                      not documented by Microsoft
                    </Badge>
                  )}
                </li>
              ))}
            </ul>
          ) : null}
          {result.summary ? <Text>{result.summary}</Text> : null}
          {result.corrections.map((line, index) => (
            <Text key={index} size={200} className={styles.correction}>
              {line}
            </Text>
          ))}
        </>
      ) : null}
    </section>
  );
}
