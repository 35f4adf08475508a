/** What Format-Table and Format-List share: the input parameter, -Property's columns, the text output. */
import type { ColumnAlignment, ColumnSource } from '../core/format/index.js';
import { resolveHashtable, type HashtableKey } from '../core/hashtableLiteral.js';
import { echo, usageError, type BoundRecord, type ParameterDecls } from '../core/index.js';
import { PSObjectType } from '../core/objectType.js';
import { propertyExpression, type PropertyExpression } from '../core/propertyExpression.js';
import type { PropertyArgument } from '../core/propertyType.js';
import { cmdletMessages } from './messages.js';

/** -InputObject of the Format cmdlets: any pipeline value. */
export const FORMAT_INPUT = {
  type: PSObjectType,
  valueFromPipeline: true,
  allowNull: true,
  allowEmptyString: true,
  description: 'The objects to format, one per NDJSON line.',
} as const;

const LIST_KEYS: readonly HashtableKey[] = [
  { name: 'Expression', kinds: ['string', 'scriptBlock'], mandatory: true },
  { name: 'Label', aliases: ['Name'], kinds: ['string'] },
  { name: 'FormatString', kinds: ['string'] },
];
const TABLE_KEYS: readonly HashtableKey[] = [...LIST_KEYS, { name: 'Width', kinds: ['number'] }, { name: 'Alignment', kinds: ['string'] }];
const ALIGNMENTS: readonly ColumnAlignment[] = ['left', 'center', 'right'];

/**
 * Compiles -Property: names and patterns stay names; a script block or a calculated property
 * (@{Label=...; Expression=...; Width=...; Alignment=...}) becomes a column of its own.
 * @param argumentsGiven the -Property elements
 * @param table whether Format-Table's keys (Width, Alignment) are allowed
 * @returns the column sources, undefined when none were given
 * @throws TerminatingError (usage) for a malformed calculated property
 */
export function compileColumns(argumentsGiven: readonly PropertyArgument[] | undefined, table: boolean): ColumnSource[] | undefined {
  if (argumentsGiven === undefined || argumentsGiven.length === 0) return undefined;
  return argumentsGiven.map((argument): ColumnSource => {
    if (typeof argument === 'string') return argument;
    if (argument.kind === 'scriptBlock') return calculated(argument.body, propertyExpression(argument, 'Property'));
    const keys = resolveHashtable(argument, table ? TABLE_KEYS : LIST_KEYS);
    const shown = echo(argument.text);
    if (keys.has('FormatString')) throw usageError('FormatStringNotSupported', cmdletMessages.FormatStringNotSupported(shown), shown);
    const expression = keys.get('Expression');
    const source = expression?.kind === 'scriptBlock' ? expression : expression?.kind === 'string' ? expression.value : '';
    const label = keys.get('Label');
    const column = calculated(label?.kind === 'string' ? label.value : typeof source === 'string' ? source : source.body, propertyExpression(source, 'Property'));
    const width = keys.get('Width');
    if (width?.kind === 'number') {
      if (!Number.isInteger(width.value) || width.value < 1) throw usageError('FormatTableInvalidWidth', cmdletMessages.FormatTableInvalidWidth(shown), shown);
      column.width = width.value;
    }
    const alignment = keys.get('Alignment');
    if (alignment?.kind === 'string') {
      const found = ALIGNMENTS.find((name) => name === alignment.value.toLowerCase());
      if (found === undefined) throw usageError('IllegalAlignmentValueSpecification', cmdletMessages.IllegalAlignmentValueSpecification(shown), shown);
      column.alignment = found;
    }
    return column;
  });
}

function calculated(label: string, expression: PropertyExpression): { label: string; value: (record: unknown) => unknown; width?: number; alignment?: ColumnAlignment } {
  return { label, value: (record) => expression.resolve(record)[0]?.value ?? null };
}

/**
 * Formats each record's InputObject and yields the text.
 * @param records the bound records
 * @param formatter the Table or List formatter
 * @yields the text of each value, when there is some
 */
export function* formatRecords<P extends ParameterDecls>(records: readonly BoundRecord<P>[], formatter: { push(value: unknown): string }): Generator<string> {
  for (const { params } of records) {
    const text = formatter.push((params as { InputObject?: unknown }).InputObject);
    if (text !== '') yield text;
  }
}
