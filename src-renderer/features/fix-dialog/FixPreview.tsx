/** What a fix will do, shown before anything runs: where, admin rights, current → new values, exact steps, backup and undo (its risks sit next to Apply). */
import { Button, Text, makeStyles, mergeClasses, tokens } from '@fluentui/react-components';
import { Copy16Regular } from '@fluentui/react-icons';
import { useState } from 'react';
import { CHECK_META } from '../../../src-main/shared/catalog';
import type { FixPlan } from '../../../src-main/shared/dto';
import { readableText } from '../details/evidence-format';
import { splitPlanLine } from './plan-text';

const useStyles = makeStyles({
  facts: { display: 'grid', gridTemplateColumns: 'max-content 1fr', gap: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalL}`, margin: 0 },
  term: { color: tokens.colorNeutralForeground3 },
  dd: { margin: 0 },
  heading: { margin: 0, fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold },
  steps: { margin: 0, paddingLeft: tokens.spacingHorizontalXL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  codeBox: { position: 'relative', marginTop: tokens.spacingVerticalXS },
  copy: { position: 'absolute', top: tokens.spacingVerticalXXS, right: tokens.spacingHorizontalXXS },
  code: {
    display: 'block',
    margin: 0,
    maxHeight: '240px',
    overflow: 'auto',
    padding: tokens.spacingHorizontalS,
    paddingRight: '84px',
    fontFamily: tokens.fontFamilyMonospace,
    fontSize: tokens.fontSizeBase200,
    backgroundColor: tokens.colorNeutralBackground3,
    borderRadius: tokens.borderRadiusMedium,
    whiteSpace: 'pre-wrap',
    overflowWrap: 'anywhere',
  },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalXL },
  subheading: {
    margin: `${tokens.spacingVerticalS} 0 ${tokens.spacingVerticalXS}`,
    fontSize: tokens.fontSizeBase200,
    fontWeight: tokens.fontWeightSemibold,
    color: tokens.colorNeutralForeground3,
  },
  changes: { borderCollapse: 'collapse', width: '100%', margin: `${tokens.spacingVerticalXS} 0` },
  cell: {
    textAlign: 'left',
    verticalAlign: 'top',
    padding: `${tokens.spacingVerticalXS} ${tokens.spacingHorizontalS}`,
    borderBottom: `${tokens.strokeWidthThin} solid ${tokens.colorNeutralStroke2}`,
    fontWeight: tokens.fontWeightRegular,
  },
  rowHead: { fontWeight: tokens.fontWeightSemibold },
  after: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
});

/** A script or command as a monospace block with its line breaks, and a button that copies it. */
function CodeBlock({ code, label }: { code: string; label: string }): React.JSX.Element {
  const styles = useStyles();
  const [isCopied, setCopied] = useState(false);
  const copy = (): void => {
    void navigator.clipboard
      ?.writeText(code)
      .then(() => setCopied(true))
      .catch(() => undefined);
  };
  return (
    <div className={styles.codeBox}>
      <pre className={styles.code} aria-label={label} tabIndex={0}>
        <code>{code}</code>
      </pre>
      <Button size="small" appearance="subtle" icon={<Copy16Regular />} className={styles.copy} onClick={copy} aria-label={`Copy: ${label}`}>
        {isCopied ? 'Copied' : 'Copy'}
      </Button>
    </div>
  );
}

function Lines({ label, lines }: { label: string; lines: readonly string[] }): React.JSX.Element | null {
  const styles = useStyles();
  if (lines.length === 0) return null;
  return (
    <section aria-label={label}>
      <h3 className={styles.heading}>{label}</h3>
      <ul className={styles.list}>
        {lines.map((line, index) => {
          const { prose, code } = splitPlanLine(line);
          return (
            <li key={index}>
              <Text>{prose}</Text>
              {code ? <CodeBlock code={code} label={prose || label} /> : null}
            </li>
          );
        })}
      </ul>
    </section>
  );
}

/** The preview of one plan. */
export function FixPreview({ plan }: { plan: FixPlan }): React.JSX.Element {
  const styles = useStyles();
  return (
    <>
      <dl className={styles.facts}>
        <dt className={styles.term}>Runs on</dt>
        <dd className={styles.dd}>{plan.scope === 'host' ? `the remote computer (${plan.target})` : 'this computer'}</dd>
        <dt className={styles.term}>Administrator rights</dt>
        <dd className={styles.dd}>{plan.needsElevation ? 'needed — Windows will ask for permission' : 'not needed'}</dd>
        <dt className={styles.term}>Checked afterwards</dt>
        <dd className={styles.dd}>{plan.verifyChecks.length ? plan.verifyChecks.map((id) => CHECK_META[id].title).join(', ') : 'nothing to re-check'}</dd>
      </dl>
      <section aria-label="What will change">
        <h3 className={styles.heading}>What will change</h3>
        {plan.changes.length > 0 ? (
          <table className={styles.changes}>
            <thead>
              <tr>
                <th scope="col" className={styles.cell}>
                  Setting
                </th>
                <th scope="col" className={styles.cell}>
                  Now
                </th>
                <th scope="col" className={styles.cell}>
                  After the fix
                </th>
              </tr>
            </thead>
            <tbody>
              {plan.changes.map((change, index) => (
                <tr key={index}>
                  <th scope="row" className={mergeClasses(styles.cell, styles.rowHead)}>
                    {change.what}
                  </th>
                  <td className={styles.cell}>{readableText(change.from)}</td>
                  <td className={mergeClasses(styles.cell, styles.after)}>{`→ ${change.to}`}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ) : null}
        <h4 className={styles.subheading}>Exactly what runs</h4>
        <ol className={styles.steps}>
          {plan.steps.map((step, index) => (
            <li key={index}>
              <Text>{step.description}</Text>
              {step.command ? <CodeBlock code={step.command} label={step.description} /> : null}
              {step.file ? <CodeBlock code={step.file} label={step.description} /> : null}
            </li>
          ))}
        </ol>
      </section>
      <Lines label="Backup first" lines={plan.backup} />
      <Lines label={plan.reversibility === 'irreversible' ? 'Why it cannot be undone' : 'How to undo'} lines={plan.undo} />
      <Lines label="Good to know" lines={plan.notes} />
      {!plan.canApplyHere && plan.script ? (
        <section aria-label="Script to run on the remote computer">
          <h3 className={styles.heading}>Run this on the remote computer</h3>
          <Text>This fix has to run on {plan.target}. Copy the PowerShell below and run it there as an administrator.</Text>
          <CodeBlock code={plan.script} label="Script to run on the remote computer" />
        </section>
      ) : null}
    </>
  );
}
