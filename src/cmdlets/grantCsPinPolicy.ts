import { defineCmdlet } from '../core/index.js';

// Placeholder: being written.
export default defineCmdlet({
  name: 'Grant-CsPinPolicy',
  synopsis: 'Not written yet.',
  parameters: {},
  examples: [],
  *process() {},
});
