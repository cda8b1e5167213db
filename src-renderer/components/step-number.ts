/** The large step number of support mode, one look wherever a helpdesk reads it out (verdict, checklist, result card). */
import { tokens, type GriffelStyle } from '@fluentui/react-components';

export const LARGE_STEP_NUMBER: GriffelStyle = {
  fontSize: tokens.fontSizeBase600,
  lineHeight: tokens.lineHeightBase600,
  fontWeight: tokens.fontWeightSemibold,
  color: tokens.colorBrandForeground1,
  fontVariantNumeric: 'tabular-nums',
};
