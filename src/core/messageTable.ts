/**
 * The shape of an area's message table (src/<area>/messages.ts): one entry per error id, so a
 * message is found by its id and every text lives in one file per area. Call sites take the text
 * from the table; tests assert ids, never these texts.
 */
import type { ErrorId } from './errorIds.js';

/** A message: fixed text, or text built from typed arguments (values echoed or redacted inside). */
export type MessageText = string | ((...args: never[]) => string);

/** What a table holds for one id: its text, or one text per situation when the id has several. */
export type Message = MessageText | { readonly [situation: string]: MessageText };

/**
 * A table keyed by error ids: the area's own (`Own`) and, where the area words a situation of its
 * own, ids of the areas below it (`Below`). A key that is no such id does not compile when the table
 * is written `{ ... } satisfies MessageTable<...>`, and `satisfies` keeps each entry's own argument
 * types for the call sites. That every id has its entry is checked by test/messages.test.ts.
 */
export type MessageTable<Own extends ErrorId, Below extends ErrorId = never> = { readonly [K in Own | Below]?: Message };
