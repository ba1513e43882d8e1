/** PyTorch's default print options (torch.set_printoptions(profile='default')). */
export interface PrintOptions {
  /** Digits after the decimal point in fixed and scientific notation. */
  precision: number;
  /** Tensors with more elements than this are summarized with '...'. */
  threshold: number;
  /** Items kept at each end of a summarized dimension. */
  edgeitems: number;
  /** Characters per line before a vector wraps. */
  linewidth: number;
}

export const DEFAULT_PRINT_OPTIONS: Readonly<PrintOptions> = {
  precision: 4,
  threshold: 1000,
  edgeitems: 3,
  linewidth: 80,
};
