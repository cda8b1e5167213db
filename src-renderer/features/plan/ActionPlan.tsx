/** "What to do now": one numbered plan of fixes, each offered once, in the order they should be done. */
import { Badge, Button, Card, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { ShieldError16Regular, Wrench16Regular } from '@fluentui/react-icons';
import { useMemo } from 'react';
import { checklistStepsOf, planOf, type PlanStep } from '../../../src-main/shared/action-plan';
import type { Finding } from '../../../src-main/shared/schema';
import { openFix } from '../../state/fix-store';

const useStyles = makeStyles({
  card: { padding: tokens.spacingHorizontalXL, gap: tokens.spacingVerticalM },
  heading: { margin: 0, fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold },
  list: { margin: 0, padding: 0, listStyle: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  step: { display: 'flex', gap: tokens.spacingHorizontalM, alignItems: 'flex-start' },
  number: {
    flexShrink: 0,
    width: '28px',
    height: '28px',
    borderRadius: tokens.borderRadiusCircular,
    display: 'inline-flex',
    alignItems: 'center',
    justifyContent: 'center',
    fontWeight: tokens.fontWeightSemibold,
    backgroundColor: tokens.colorNeutralBackground3,
    color: tokens.colorNeutralForeground1,
  },
  firstNumber: { backgroundColor: tokens.colorBrandBackground, color: tokens.colorNeutralForegroundOnBrand },
  bigNumber: { width: '40px', height: '40px', fontSize: tokens.fontSizeBase500 },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, minWidth: 0 },
  line: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', flexWrap: 'wrap' },
  muted: { color: tokens.colorNeutralForeground2 },
  cost: { display: 'flex', gap: tokens.spacingHorizontalXS, alignItems: 'flex-start', color: tokens.colorPaletteDarkOrangeForeground1 },
  checks: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, color: tokens.colorBrandForeground1 },
});

function Step({ step, findings, isSupportMode, isLead }: { step: PlanStep; findings: readonly Finding[]; isSupportMode: boolean; isLead: boolean }): React.JSX.Element {
  const styles = useStyles();
  const steps = isSupportMode ? checklistStepsOf(step, findings) : [];
  return (
    <li className={styles.step}>
      <span className={mergeClasses(styles.number, isLead && styles.firstNumber, isSupportMode && styles.bigNumber)} aria-hidden="true">
        {step.number}
      </span>
      <div className={styles.body}>
        <div className={styles.line}>
          <Button appearance={isLead ? 'primary' : 'secondary'} icon={<Wrench16Regular />} onClick={() => void openFix(step.fixId)}>
            {`Fix: ${step.title}`}
          </Button>
          {step.isRecommended ? (
            <Badge appearance="tint" color="brand">
              Recommended
            </Badge>
          ) : null}
          {step.isOptional ? (
            <Badge appearance="tint" color="informative">
              Optional
            </Badge>
          ) : null}
          <Text size={200} className={styles.muted}>
            {`On ${step.where}`}
          </Text>
        </div>
        {step.after ? <Text weight="semibold">{step.after.why}</Text> : null}
        <Text size={200} className={styles.muted}>
          {`For: ${step.answerTitles.join('; ')}`}
        </Text>
        {steps.length > 0 ? <Text className={styles.checks}>{`Checklist step${steps.length > 1 ? 's' : ''} ${steps.join(', ')}`}</Text> : null}
        {step.securityCost ? (
          <Text size={200} className={styles.cost}>
            <ShieldError16Regular aria-hidden="true" />
            <span>{`Lowers security: ${step.securityCost}`}</span>
          </Text>
        ) : null}
      </div>
    </li>
  );
}

/** The plan card; nothing when no finding offers a fix. `hasCause` picks its title. */
export function ActionPlan({ findings, hasCause, isSupportMode }: { findings: readonly Finding[]; hasCause: boolean; isSupportMode: boolean }): React.JSX.Element | null {
  const styles = useStyles();
  const plan = useMemo(() => planOf(findings), [findings]);
  if (plan.length === 0) return null;
  const title = hasCause ? 'What to do now' : 'Worth doing';
  // The recommended fix stands out; without one (only optional steps), the first step does.
  const lead = plan.find((step) => step.isRecommended)?.fixId ?? plan[0]?.fixId;
  return (
    <Card className={styles.card} appearance="filled" role="region" aria-label={title}>
      <h2 className={styles.heading}>{title}</h2>
      <ol className={styles.list}>
        {plan.map((step) => (
          <Step key={step.fixId} step={step} findings={findings} isSupportMode={isSupportMode} isLead={step.fixId === lead} />
        ))}
      </ol>
    </Card>
  );
}
