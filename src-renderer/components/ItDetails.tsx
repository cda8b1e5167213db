/** "Details for IT": technical names, raw evidence and protocol words, folded away from the end user's reading. */
import { Link, makeStyles, tokens } from '@fluentui/react-components';
import { ChevronDown16Regular, ChevronRight16Regular } from '@fluentui/react-icons';
import { useId, useState, type ReactNode } from 'react';

const useStyles = makeStyles({
  toggle: { display: 'inline-flex', alignItems: 'center', gap: tokens.spacingHorizontalXXS, alignSelf: 'flex-start', fontSize: tokens.fontSizeBase200 },
  body: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, marginTop: tokens.spacingVerticalXS },
});

/** A closed-by-default disclosure labelled "Details for IT". */
export function ItDetails({ children, label = 'Details for IT' }: { children: ReactNode; label?: string }): React.JSX.Element {
  const styles = useStyles();
  const [isOpen, setOpen] = useState(false);
  const id = useId();
  return (
    <div>
      <Link as="button" className={styles.toggle} aria-expanded={isOpen} aria-controls={id} onClick={() => setOpen(!isOpen)}>
        {isOpen ? <ChevronDown16Regular aria-hidden="true" /> : <ChevronRight16Regular aria-hidden="true" />}
        {label}
      </Link>
      {isOpen ? (
        <div id={id} className={styles.body}>
          {children}
        </div>
      ) : null}
    </div>
  );
}
