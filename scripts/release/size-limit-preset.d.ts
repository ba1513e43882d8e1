// @size-limit/preset-small-lib ships no declarations: it is the list of plugins size-limit runs.
declare module '@size-limit/preset-small-lib' {
  import type { Plugin } from 'size-limit';
  const preset: Plugin[];
  export default preset;
}
