'use strict';
// ag's packages through `require`, as a CommonJS project loads them (Node's require(esm)).
const core = require('@ag/core');
const node = require('@ag/core/node');
const cpu = require('@ag/backend-cpu');
const conformance = require('@ag/conformance');
const gpu = require('@ag/backend-webgpu');
const runSeed = require('./run-seed.cjs');

runSeed({ core, cpu, conformance, node, gpu }, 'require').catch((e) => {
  console.error(e);
  process.exitCode = 1;
});
