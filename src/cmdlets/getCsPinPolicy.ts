import { defineCmdlet } from '../core/index.js';

// Placeholder: being written.
export default defineCmdlet({
  name: 'Get-CsPinPolicy',
  synopsis: 'Not written yet.',
  parameters: {},
  examples: [],
  *process() {},
});
