import { defineCmdlet } from '../core/index.js';

// Placeholder: being written.
export default defineCmdlet({
  name: 'Where-Object',
  synopsis: 'Not written yet.',
  parameters: {},
  examples: [],
  *process() {},
});
