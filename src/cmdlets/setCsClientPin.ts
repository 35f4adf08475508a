import { defineCmdlet } from '../core/index.js';

// Placeholder: being written.
export default defineCmdlet({
  name: 'Set-CsClientPin',
  synopsis: 'Not written yet.',
  parameters: {},
  examples: [],
  *process() {},
});
