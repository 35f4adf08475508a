/**
 * The core table's section for the binder and the argv dialect: the texts of their ids that the
 * table did not have yet. Spread into coreMessages (src/core/messages.ts), whose own entries hold the
 * binder's older texts (CannotConvertArgument, MissingArgument, ...).
 */
import type { CoreErrorId } from '../errorIds.js';
import type { MessageTable } from '../messageTable.js';

export const binderMessages = {
  // PowerShell's id for a value of a type other than Boolean that does not convert; the text is CannotConvertArgument's.
  CannotConvertArgumentNoMessage: {
    binding: (name: string, detail: string) => `Cannot bind parameter '${name}'. ${detail}`,
  },
  ParameterArgumentTransformationError: (name: string, detail: string) => `Cannot process argument transformation on parameter '${name}'. ${detail}`,
} satisfies MessageTable<CoreErrorId>;
