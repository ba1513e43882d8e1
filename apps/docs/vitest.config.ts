import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../../vitest.shared.ts';

// Each example is imported with a fresh module registry, so the first one in a file transforms
// all of @ag/core's sources; beside the other turbo tasks on a loaded 2-core machine that alone
// has taken a minute. The timeout stays a hang detector.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 180_000 } }));
