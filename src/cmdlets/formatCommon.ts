/** What Format-Table and Format-List share: the input parameter, the calculated-property check, the text output. */
import { usageError, type BoundRecord, type ParameterDecls } from '../core/index.js';
import { PSObjectType } from '../core/objectType.js';

/** -InputObject of the Format cmdlets: any pipeline value. */
export const FORMAT_INPUT = {
  type: PSObjectType,
  valueFromPipeline: true,
  allowNull: true,
  allowEmptyString: true,
  description: 'The objects to format, one per NDJSON line.',
} as const;

/**
 * Refuses calculated properties until cspin reads hashtables (@{...}) in -Property.
 * @param command the cmdlet's name
 * @param properties the -Property items
 */
export function refuseCalculated(command: string, properties: readonly string[] | undefined): void {
  const calculated = properties?.find((item) => item.startsWith('@{') || item.startsWith('{'));
  if (calculated === undefined) return;
  throw usageError('CalculatedPropertyNotSupported', `${command} does not support calculated properties (@{...}) yet: use Select-Object first, then ${command}.`, calculated);
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
