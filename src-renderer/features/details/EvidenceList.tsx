/** Any evidence object as a nested definition list, so unknown shapes still read well and never break. */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { fieldText, humanKey, isPlainRecord } from './evidence-format';

const useStyles = makeStyles({
  list: { display: 'grid', gridTemplateColumns: 'minmax(120px, max-content) minmax(0, 1fr)', gap: `${tokens.spacingVerticalXXS} ${tokens.spacingHorizontalL}`, margin: 0 },
  term: { color: tokens.colorNeutralForeground3, fontSize: tokens.fontSizeBase200 },
  value: { margin: 0, fontSize: tokens.fontSizeBase200, overflowWrap: 'anywhere' },
  items: { margin: 0, paddingLeft: tokens.spacingHorizontalL },
});

const MAX_DEPTH = 4;
const MAX_ITEMS = 50;

function Value({ name, value, depth }: { name: string; value: unknown; depth: number }): React.JSX.Element {
  const styles = useStyles();
  if (Array.isArray(value)) {
    if (value.length === 0) return <Text size={200}>none</Text>;
    if (depth >= MAX_DEPTH) return <Text size={200}>{value.length} items</Text>;
    return (
      <ul className={styles.items}>
        {value.slice(0, MAX_ITEMS).map((item, index) => (
          <li key={index}>
            <Value name={name} value={item} depth={depth + 1} />
          </li>
        ))}
        {value.length > MAX_ITEMS ? <li>…and {value.length - MAX_ITEMS} more</li> : null}
      </ul>
    );
  }
  if (isPlainRecord(value)) {
    if (depth >= MAX_DEPTH) return <Text size={200}>…</Text>;
    return <EvidenceList evidence={value} depth={depth + 1} />;
  }
  return <Text size={200}>{fieldText(name, value)}</Text>;
}

/** A definition list of the evidence's fields. */
export function EvidenceList({ evidence, depth = 0 }: { evidence: Readonly<Record<string, unknown>>; depth?: number }): React.JSX.Element {
  const styles = useStyles();
  const entries = Object.entries(evidence).slice(0, MAX_ITEMS);
  return (
    <dl className={styles.list}>
      {entries.map(([key, value]) => (
        <div key={key} style={{ display: 'contents' }}>
          <dt className={styles.term}>{humanKey(key)}</dt>
          <dd className={styles.value}>
            <Value name={key} value={value} depth={depth} />
          </dd>
        </div>
      ))}
    </dl>
  );
}
