/** Event-log entries and connection attempts as a timeline, newest first. */
import { Text, makeStyles, tokens } from '@fluentui/react-components';
import { formatDate } from './evidence-format';
import type { TimelineEvent } from './evidence-shapes';

const useStyles = makeStyles({
  list: { margin: 0, padding: 0, listStyle: 'none', borderLeft: `2px solid ${tokens.colorNeutralStroke2}` },
  item: { position: 'relative', padding: `${tokens.spacingVerticalXS} 0 ${tokens.spacingVerticalS} ${tokens.spacingHorizontalL}`, display: 'flex', flexDirection: 'column' },
  meta: { color: tokens.colorNeutralForeground3 },
  detail: { color: tokens.colorNeutralForeground2, overflowWrap: 'anywhere' },
});

const SHOWN = 30;

/** The timeline. */
export function EventTimeline({ events }: { events: readonly TimelineEvent[] }): React.JSX.Element {
  const styles = useStyles();
  return (
    <ol className={styles.list} aria-label="Events">
      {events.slice(0, SHOWN).map((event, index) => (
        <li key={index} className={styles.item}>
          <Text size={200} className={styles.meta}>
            {[event.time ? formatDate(event.time) : '', event.source, event.id ? `event ${event.id}` : '', event.level].filter(Boolean).join(' · ')}
          </Text>
          <Text size={200}>{event.message || '—'}</Text>
          {event.details.map((line, lineIndex) => (
            <Text key={lineIndex} size={200} className={styles.detail}>
              {line}
            </Text>
          ))}
        </li>
      ))}
      {events.length > SHOWN ? (
        <li className={styles.item}>
          <Text size={200} className={styles.meta}>
            …and {events.length - SHOWN} older events
          </Text>
        </li>
      ) : null}
    </ol>
  );
}
