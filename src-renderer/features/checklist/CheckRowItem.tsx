/** One check in the checklist: state icon, title, summary, time, re-run and details. */
import { Button, Link, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { LARGE_STEP_NUMBER } from '../../components/step-number';
import { ArrowClockwise16Regular, ChevronDown16Regular, ChevronRight16Regular } from '@fluentui/react-icons';
import { useMemo, useState } from 'react';
import { rerunCheck } from '../../state/run-store';
import type { CheckRow } from '../../state/run-update';
import { CheckDetails } from '../details/CheckDetails';
import { StatusIcon } from './StatusIcon';
import { useElapsed } from '../../components/use-elapsed';
import { summarizeRow } from './row-summary';
import { rowLabel, rowMeta } from './status-words';

const useStyles = makeStyles({
  item: { borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`, padding: `${tokens.spacingVerticalS} 0` },
  largeItem: { padding: `${tokens.spacingVerticalM} 0` },
  step: { ...LARGE_STEP_NUMBER, minWidth: '2.6em', flexShrink: 0 },
  line: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalM },
  text: { display: 'flex', flexDirection: 'column', flexGrow: 1, minWidth: 0 },
  summary: { color: tokens.colorNeutralForeground2 },
  skipped: { color: tokens.colorNeutralForeground2, fontWeight: tokens.fontWeightRegular },
  meta: { color: tokens.colorNeutralForeground3, whiteSpace: 'nowrap' },
  moreButton: { alignSelf: 'flex-start', fontSize: tokens.fontSizeBase200 },
  fullText: { margin: `${tokens.spacingVerticalXXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, color: tokens.colorNeutralForeground2 },
  details: { marginTop: tokens.spacingVerticalS, marginLeft: '32px' },
});

/**
 * A checklist row; its accessible name is "<title>, <status in words>, <time>". In support mode `step` ("3.2") is
 * shown large before the title so a user can read it over the phone.
 */
export function CheckRowItem({ row, canRerun, step = null }: { row: CheckRow; canRerun: boolean; step?: string | null }): React.JSX.Element {
  const styles = useStyles();
  const [isOpen, setOpen] = useState(false);
  const isLarge = step !== null;
  const elapsed = useElapsed(row.state === 'running' ? row.startedAt : null);
  const [isFullText, setFullText] = useState(false);
  const summary = useMemo(() => summarizeRow(row.id, row.summary, row.evidence), [row.id, row.summary, row.evidence]);
  const fullTextId = `summary-${row.id}`;
  const hasDetails = row.evidence !== null && Object.keys(row.evidence).length > 0;
  const detailsId = `details-${row.id}`;
  return (
    <li className={mergeClasses(styles.item, isLarge && styles.largeItem)} aria-label={rowLabel(row.title, row.state, row.durationMs)}>
      <div className={styles.line}>
        {step ? <span className={styles.step}>{step}</span> : null}
        <StatusIcon state={row.state} />
        <div className={styles.text}>
          <Text weight="semibold" size={isLarge ? 500 : 300} className={mergeClasses(row.state === 'skip' && styles.skipped)}>
            {row.title}
          </Text>
          <Text size={isLarge ? 400 : 200} className={styles.summary}>
            {row.state === 'running' ? row.message || 'Checking…' : summary.line || (row.state === 'queued' ? 'Waiting' : '')}
          </Text>
          {summary.more.length > 0 && row.state !== 'running' ? (
            <>
              <Link as="button" className={styles.moreButton} aria-expanded={isFullText} aria-controls={fullTextId} onClick={() => setFullText(!isFullText)}>
                {isFullText ? 'Show less' : `Show all ${summary.more.length}`}
              </Link>
              {isFullText ? (
                <ul id={fullTextId} className={styles.fullText}>
                  {summary.more.map((line, index) => (
                    <li key={index}>
                      <Text size={200}>{line}</Text>
                    </li>
                  ))}
                </ul>
              ) : null}
            </>
          ) : null}
        </div>
        <Text size={isLarge ? 300 : 200} className={styles.meta}>
          {rowMeta(row.state, row.durationMs, elapsed)}
        </Text>
        {hasDetails ? (
          <Button
            size="small"
            appearance="subtle"
            icon={isOpen ? <ChevronDown16Regular /> : <ChevronRight16Regular />}
            aria-expanded={isOpen}
            aria-controls={detailsId}
            aria-label={`Details: ${row.title}`}
            title={isOpen ? 'Hide details' : 'Show details'}
            onClick={() => setOpen(!isOpen)}
          />
        ) : null}
        {canRerun ? (
          <Button
            size="small"
            appearance="subtle"
            icon={<ArrowClockwise16Regular />}
            aria-label={`Run again: ${row.title}`}
            title="Run this check again"
            onClick={() => void rerunCheck(row.id)}
          />
        ) : null}
      </div>
      {hasDetails && isOpen ? (
        <div id={detailsId} className={styles.details}>
          <CheckDetails id={row.id} evidence={row.evidence ?? {}} />
        </div>
      ) : null}
    </li>
  );
}
