import { defineCmdlet } from '../core/index.js';

// Placeholder: being written.
export default defineCmdlet({
  name: 'Remove-CsPinPolicy',
  synopsis: 'Not written yet.',
  parameters: {},
  examples: [],
  *process() {},
});
