import { defineConfig, mergeConfig } from 'vitest/config';
import shared from '../vitest.shared.ts';

// Training takes minutes on a loaded 2-core machine.
export default mergeConfig(shared, defineConfig({ test: { testTimeout: 600_000 } }));
