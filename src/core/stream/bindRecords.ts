import { map, type OperatorFunction } from 'rxjs';
import type { PipelineBinder } from '../bindPipeline.js';
import { isErrorRecord, type ErrorRecord } from '../errors.js';
import { TYPE_NAME_PROPERTY, isPSObject } from '../psobject.js';
import type { RecordItem } from './records.js';

/** A record's bound parameters, with its input line. */
export interface BoundItem {
  params: Record<string, unknown>;
  /** The input line; absent when the parameters came from the command line alone. */
  record?: number;
  /** The input object's type name (its PSTypeName), when it was a typed object. */
  typeName?: string;
}

/**
 * Binds each record of a chunk with the pipeline binder; records that do not bind become errors.
 * @param binder the cmdlet's pipeline binder
 * @returns an operator from record chunks to chunks of bound records and errors, in input order
 */
export function bindRecords(binder: PipelineBinder): OperatorFunction<RecordItem[], (BoundItem | ErrorRecord)[]> {
  return map((items) =>
    items.map((item) => {
      if (isErrorRecord(item)) return item;
      const bound = binder.bind(item.value, item.n);
      if (isErrorRecord(bound)) return bound;
      const typeName = isPSObject(item.value) ? item.value[TYPE_NAME_PROPERTY] : undefined;
      return typeof typeName === 'string' ? { params: bound, record: item.n, typeName } : { params: bound, record: item.n };
    }),
  );
}
