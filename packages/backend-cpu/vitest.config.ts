import { defineConfig, mergeConfig } from 'vitest/config';
import { conformanceReporters } from '../conformance/scripts/results-reporter.ts';
import shared from '../../vitest.shared.ts';

// A full run of the conformance suite records its outcomes for the docs' conformance matrix.
export default mergeConfig(
  shared,
  defineConfig({ test: { reporters: conformanceReporters('cpu', 'test/conformance.test.ts') } }),
);
