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
export { formatListEntry } from './listView.js';
export { fitCell, formatTableHeader, formatTableRow, planTable, type TableColumn } from './tableView.js';
export { LIST_VIEW_MIN_PROPERTIES, TerminalFormatter, type TerminalFormatterOptions } from './terminalFormatter.js';
