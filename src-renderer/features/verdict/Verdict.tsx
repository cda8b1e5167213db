/** The "Most likely cause" region: the verdict in plain words, how sure, the evidence, and the fixes. */
import { Badge, Card, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { CheckmarkCircle24Filled, ErrorCircle24Filled, Warning24Filled } from '@fluentui/react-icons';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import type { Finding } from '../../../src-main/shared/schema';
import { confidencePercent, confidenceWords, SEVERITY_WORDS } from '../../state/findings';
import { verdictOf } from '../../../src-main/shared/verdict';
import { CHECK_STATUSES, isOneOf, type CheckStatus } from '../../../src-main/shared/ids';
import { useRunStore } from '../../state/run-store';
import { EvidenceList } from '../details/EvidenceList';
import { readableText } from '../details/evidence-format';
import { FixButtons } from './FixButtons';
import { OtherFindings } from './OtherFindings';
import { SupportingChecks } from './SupportingChecks';

function isCheckStatus(state: string): state is CheckStatus {
  return isOneOf(CHECK_STATUSES, state);
}

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM, borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  ok: { borderLeft: `4px solid ${tokens.colorPaletteGreenBorder2}` },
  pending: { borderLeft: `4px solid ${tokens.colorBrandStroke1}` },
  stopped: { borderLeft: `4px solid ${tokens.colorNeutralStroke1}` },
  eyebrow: { margin: 0, fontSize: tokens.fontSizeBase200, fontWeight: tokens.fontWeightSemibold, color: tokens.colorNeutralForeground3, textTransform: 'uppercase', letterSpacing: '0.04em' },
  title: { margin: 0, display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase600, lineHeight: tokens.lineHeightBase600, fontWeight: tokens.fontWeightSemibold },
  bad: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  good: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
  explanation: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  meta: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  technical: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  subhead: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground3 },
});

function TopFinding({ finding }: { finding: Finding }): React.JSX.Element {
  const styles = useStyles();
  const isBlocking = finding.severity === 'critical' || finding.severity === 'high';
  const hasEvidence = Object.keys(finding.evidence).length > 0;
  return (
    <>
      <h2 className={styles.title}>
        {isBlocking ? <ErrorCircle24Filled className={styles.bad} aria-hidden="true" /> : <Warning24Filled className={styles.warn} aria-hidden="true" />}
        {finding.title}
      </h2>
      <div className={styles.meta}>
        <Badge appearance="tint" color={isBlocking ? 'danger' : 'warning'}>
          {SEVERITY_WORDS[finding.severity]}
        </Badge>
        <Text>
          Confidence: {confidenceWords(finding.confidence)} ({confidencePercent(finding.confidence)}%)
        </Text>
      </div>
      <Text as="p" className={styles.explanation}>
        {readableText(finding.explanation)}
      </Text>
      <FixButtons fixes={finding.fixes} isPrimary />
      <h3 className={styles.subhead}>Why we think so</h3>
      <SupportingChecks ids={finding.checks} />
      {hasEvidence ? <EvidenceList evidence={finding.evidence} /> : null}
      {finding.contradictions.length > 0 ? (
        <>
          <h3 className={styles.subhead}>What speaks against it</h3>
          <ul>
            {finding.contradictions.map((line, index) => (
              <li key={index}>
                <Text>{line}</Text>
              </li>
            ))}
          </ul>
        </>
      ) : null}
      {finding.technical ? <Text className={styles.technical}>For IT: {readableText(finding.technical)}</Text> : null}
    </>
  );
}

/** The verdict area: "Most likely cause" when a finding of medium or above exists, else "No problem found" (or why not). */
export function Verdict(): React.JSX.Element {
  const styles = useStyles();
  const { findings, phase, rows, report } = useRunStore(useShallow((state) => ({ findings: state.findings, phase: state.phase, rows: state.rows, report: state.report })));
  const checks = useMemo(() => Object.values(rows).flatMap((row) => (row && isCheckStatus(row.state) ? [{ id: row.id, status: row.state }] : [])), [rows]);
  const verdict = useMemo(() => verdictOf(findings, checks, report?.target), [findings, checks, report]);
  const isRunning = phase === 'running' || phase === 'starting';
  const others = verdict.noticed;
  if (verdict.cause) {
    return (
      <>
        <Card className={styles.card} appearance="filled" role="region" aria-label="Most likely cause" aria-busy={isRunning}>
          <p className={styles.eyebrow}>Most likely cause{isRunning ? ' so far' : ''}</p>
          <TopFinding finding={verdict.cause} />
        </Card>
        {others.length > 0 ? <OtherFindings findings={others} /> : null}
      </>
    );
  }
  // No cause: the area keeps one name ("Verdict") while it waits, and once done says what was found instead.
  const isDone = phase === 'finished';
  const tone = isRunning ? styles.pending : isDone ? (verdict.kind === 'no-problem' ? styles.ok : undefined) : styles.stopped;
  return (
    <>
      <Card className={mergeClasses(styles.card, tone)} appearance="filled" role="region" aria-label="Verdict" aria-busy={isRunning}>
        {isRunning ? (
          <div className={styles.meta}>
            <Spinner size="tiny" aria-label="Checking" />
            <Text className={styles.explanation}>Checking… the most likely cause appears here as soon as the evidence points to one.</Text>
          </div>
        ) : isDone ? (
          <>
            <h2 className={styles.title}>
              {verdict.kind === 'no-problem' ? <CheckmarkCircle24Filled className={styles.good} aria-hidden="true" /> : <Warning24Filled className={styles.warn} aria-hidden="true" />}
              {verdict.headline}
            </h2>
            <Text as="p" className={styles.explanation}>
              {verdict.summary}
            </Text>
            {verdict.kind === 'unclear' ? <SupportingChecks ids={verdict.failedChecks} /> : null}
          </>
        ) : (
          <Text as="p" className={styles.explanation}>
            {phase === 'cancelled' ? 'The diagnosis was cancelled before a cause was found.' : 'The diagnosis stopped before a cause was found.'}
          </Text>
        )}
      </Card>
      {others.length > 0 ? <OtherFindings findings={others} /> : null}
    </>
  );
}
