/**
 * PowerShell's own output types whose console views and JSON differ from their NDJSON properties
 * (Count, Name, Group, Values for Group-Object): the columns of the table view, with their widths,
 * the list view's properties (DotNetTypes.format.ps1xml, as PowerShell 7.6 shows them), and the
 * .NET declaration order ConvertTo-Json writes.
 */
import { TYPE_NAME_PROPERTY } from '../psobject.js';
import type { FormatRecord } from './formatValue.js';

export const GROUP_INFO = 'Microsoft.PowerShell.Commands.GroupInfo';
/** GroupInfo with -NoElement: its views leave Group out. */
export const GROUP_INFO_NO_ELEMENT = 'Microsoft.PowerShell.Commands.GroupInfoNoElement';

/** A type's views: table columns (a width fixes the layout, as the view's does), list properties, JSON order. */
export interface TypeView {
  readonly table: readonly { readonly name: string; readonly width?: number }[];
  readonly list: readonly string[];
  readonly json: readonly string[];
}

const GROUP_JSON = ['Values', 'Count', 'Group', 'Name'];

const VIEWS: Readonly<Record<string, TypeView>> = {
  [GROUP_INFO]: { table: [{ name: 'Count', width: 5 }, { name: 'Name', width: 25 }, { name: 'Group' }], list: ['Name', 'Count', 'Group', 'Values'], json: GROUP_JSON },
  [GROUP_INFO_NO_ELEMENT]: { table: [{ name: 'Count', width: 5 }, { name: 'Name', width: 25 }], list: ['Name', 'Count', 'Values'], json: GROUP_JSON },
};

/**
 * The views of a record's type, when PowerShell has its own for it.
 * @param record an object
 * @returns the views, or undefined
 */
export function typeView(record: FormatRecord): TypeView | undefined {
  const name = record[TYPE_NAME_PROPERTY];
  return typeof name === 'string' && Object.prototype.hasOwnProperty.call(VIEWS, name) ? VIEWS[name] : undefined;
}
