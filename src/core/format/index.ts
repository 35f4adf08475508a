/** PowerShell's default console formatting: values, list view, table view and the streaming formatter. */
export {
  ENUMERATION_LIMIT,
  TYPE_NAME_PROPERTY,
  displayedProperties,
  formatDateTime,
  formatInvariantDateTime,
  formatNumber,
  formatValue,
  isRecord,
  parseIsoTimestamp,
  toStringValue,
  type FormatRecord,
} from './formatValue.js';
export { LIST_VIEW_MIN_PROPERTIES, TerminalFormatter, type TerminalFormatterOptions } from './terminalFormatter.js';
export { formatTableValue } from './formatValue.js';
export { ListFormatter } from './listFormatter.js';
export { DEFAULT_SCREEN_WIDTH, screenWidth } from './screenWidth.js';
export { TABLE_SIZING_MS, TableFormatter, type TableFormatterOptions } from './tableFormatter.js';
export type { CalculatedColumn, ColumnAlignment, ColumnSource } from './selectProperties.js';
