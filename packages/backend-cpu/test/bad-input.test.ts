import { runBadInputs } from '@ag/conformance/vitest';
import { cpu } from '../src/index.js';

// The catalogue of bad inputs (@ag/conformance's bad-input/): each must fail with its error
// class and message, leave its tensors as they were, and leave the backend computing.
runBadInputs({ setup: () => cpu() });
