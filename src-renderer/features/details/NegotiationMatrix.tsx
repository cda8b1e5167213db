/** The RDP security negotiation as a table: what we asked for, what the server answered, what it means. */
import { Table, TableBody, TableCell, TableHeader, TableHeaderCell, TableRow } from '@fluentui/react-components';
import type { NegotiationRow } from './evidence-shapes';

/** The negotiation matrix. */
export function NegotiationMatrix({ rows }: { rows: readonly NegotiationRow[] }): React.JSX.Element {
  return (
    <Table size="small" aria-label="Security negotiation">
      <TableHeader>
        <TableRow>
          <TableHeaderCell>Asked for</TableHeaderCell>
          <TableHeaderCell>Server answered</TableHeaderCell>
          <TableHeaderCell>Meaning</TableHeaderCell>
        </TableRow>
      </TableHeader>
      <TableBody>
        {rows.map((row, index) => (
          <TableRow key={index}>
            <TableCell>{row.asked}</TableCell>
            <TableCell>{row.answered}</TableCell>
            <TableCell>{row.meaning}</TableCell>
          </TableRow>
        ))}
      </TableBody>
    </Table>
  );
}
