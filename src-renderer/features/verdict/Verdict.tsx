/**
 * The verdict area: "Most likely cause" when a finding of medium or above exists (in plain words, how sure, the
 * checks behind it), otherwise "No problem found" or why not; then "What to do now" and the other things noticed.
 */
import { Badge, Card, Spinner, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { LARGE_STEP_NUMBER } from '../../components/step-number';
import { CheckmarkCircle24Filled, ErrorCircle24Filled, Warning24Filled } from '@fluentui/react-icons';
import { useMemo } from 'react';
import { useShallow } from 'zustand/react/shallow';
import { checkStepNumber } from '../../../src-main/shared/check-steps';
import { CHECK_STATUSES, isOneOf, type CheckStatus } from '../../../src-main/shared/ids';
import type { Finding } from '../../../src-main/shared/schema';
import { verdictOf } from '../../../src-main/shared/verdict';
import { ItDetails } from '../../components/ItDetails';
import { confidencePercent, confidenceWords, SEVERITY_WORDS } from '../../state/findings';
import { useRunStore } from '../../state/run-store';
import { shownPhase } from '../../state/run-update';
import { useSettingsStore } from '../../state/settings-store';
import { EvidenceList } from '../details/EvidenceList';
import { readableText } from '../details/evidence-format';
import { ActionPlan } from '../plan/ActionPlan';
import { OtherFindings } from './OtherFindings';
import { SupportingChecks } from './SupportingChecks';
import { verdictTone } from './verdict-tone';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM },
  blocking: { borderLeft: `4px solid ${tokens.colorPaletteRedBorder2}` },
  warning: { borderLeft: `4px solid ${tokens.colorPaletteDarkOrangeBorder2}` },
  healthy: { borderLeft: `4px solid ${tokens.colorPaletteGreenBorder2}` },
  pending: { borderLeft: `4px solid ${tokens.colorBrandStroke1}` },
  neutral: { borderLeft: `4px solid ${tokens.colorNeutralStroke1}` },
  eyebrow: {
    margin: 0,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
    textTransform: 'uppercase',
    letterSpacing: '0.04em',
  },
  title: {
    margin: 0,
    display: 'flex',
    alignItems: 'center',
    gap: tokens.spacingHorizontalS,
    fontSize: tokens.fontSizeBase600,
    lineHeight: tokens.lineHeightBase600,
    fontWeight: tokens.fontWeightSemibold,
  },
  bad: { color: tokens.colorPaletteRedForeground1, flexShrink: 0 },
  good: { color: tokens.colorPaletteGreenForeground1, flexShrink: 0 },
  warn: { color: tokens.colorPaletteDarkOrangeForeground1, flexShrink: 0 },
  explanation: { fontSize: tokens.fontSizeBase400, lineHeight: tokens.lineHeightBase400 },
  meta: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  technical: { fontFamily: tokens.fontFamilyMonospace, fontSize: tokens.fontSizeBase200, color: tokens.colorNeutralForeground3, overflowWrap: 'anywhere' },
  subhead: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  step: LARGE_STEP_NUMBER,
});

function isCheckStatus(state: string): state is CheckStatus {
  return isOneOf(CHECK_STATUSES, state);
}

function TopFinding({ finding, isSupportMode }: { finding: Finding; isSupportMode: boolean }): React.JSX.Element {
  const styles = useStyles();
  const isBlocking = finding.severity === 'critical' || finding.severity === 'high';
  const hasEvidence = Object.keys(finding.evidence).length > 0;
  const firstStep = finding.checks[0] ? checkStepNumber(finding.checks[0]) : null;
  return (
    <>
      <h2 className={styles.title}>
        {isBlocking ? <ErrorCircle24Filled className={styles.bad} aria-hidden="true" /> : <Warning24Filled className={styles.warn} aria-hidden="true" />}
        {finding.title}
      </h2>
      {isSupportMode && firstStep ? <Text className={styles.step}>{`See step ${firstStep} in the checklist`}</Text> : null}
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
      <h3 className={styles.subhead}>Why we think so</h3>
      <SupportingChecks ids={finding.checks} isEvidenceOfCause showSteps={isSupportMode} />
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
      {hasEvidence || finding.technical ? (
        <ItDetails>
          {hasEvidence ? <EvidenceList evidence={finding.evidence} /> : null}
          {finding.technical ? <Text className={styles.technical}>{readableText(finding.technical)}</Text> : null}
        </ItDetails>
      ) : null}
    </>
  );
}

/** The verdict, the plan and the other findings. */
export function Verdict(): React.JSX.Element {
  const styles = useStyles();
  const { findings, phase, rows, report } = useRunStore(
    useShallow((state) => ({ findings: state.findings, phase: shownPhase(state.phase), rows: state.rows, report: state.report })),
  );
  const isSupportMode = useSettingsStore((state) => state.isSupportMode);
  const checks = useMemo(() => Object.values(rows).flatMap((row) => (row && isCheckStatus(row.state) ? [{ id: row.id, status: row.state }] : [])), [rows]);
  const verdict = useMemo(() => verdictOf(findings, checks, report?.target), [findings, checks, report]);
  const isRunning = phase === 'running' || phase === 'starting';
  const isDone = phase === 'finished';
  const plan = <ActionPlan findings={findings} hasCause={verdict.cause !== null} isSupportMode={isSupportMode} />;
  const others = verdict.noticed.length > 0 ? <OtherFindings findings={verdict.noticed} all={findings} /> : null;
  const tone = verdictTone(phase, verdict);
  if (verdict.cause) {
    return (
      <>
        <Card className={mergeClasses(styles.card, styles[tone])} appearance="filled" role="region" aria-label="Most likely cause" aria-busy={isRunning}>
          <p className={styles.eyebrow}>Most likely cause{isRunning ? ' so far' : ''}</p>
          <TopFinding finding={verdict.cause} isSupportMode={isSupportMode} />
        </Card>
        {plan}
        {others}
      </>
    );
  }
  // No cause: the area keeps one name ("Verdict") while it waits, and once done says what was found instead.
  return (
    <>
      <Card className={mergeClasses(styles.card, styles[tone])} appearance="filled" role="region" aria-label="Verdict" aria-busy={isRunning}>
        {isRunning ? (
          <div className={styles.meta}>
            <Spinner size="tiny" aria-label="Checking" />
            <Text className={styles.explanation}>Checking… the most likely cause appears here as soon as the evidence points to one.</Text>
          </div>
        ) : isDone ? (
          <>
            <h2 className={styles.title}>
              {tone === 'healthy' ? <CheckmarkCircle24Filled className={styles.good} aria-hidden="true" /> : <Warning24Filled className={styles.warn} aria-hidden="true" />}
              {verdict.headline}
            </h2>
            <Text as="p" className={styles.explanation}>
              {verdict.summary}
            </Text>
            {verdict.kind === 'unclear' ? <SupportingChecks ids={verdict.failedChecks} showSteps={isSupportMode} /> : null}
          </>
        ) : (
          <Text as="p" className={styles.explanation}>
            {phase === 'cancelled' ? 'The diagnosis was cancelled before a cause was found.' : 'The diagnosis stopped before a cause was found.'}
          </Text>
        )}
      </Card>
      {isDone ? plan : null}
      {others}
    </>
  );
}
