/**
 * A one-line progress bar for the terminal: redrawn in place on a TTY, one line per epoch
 * otherwise (CI logs, pipes).
 */
export class ProgressBar {
  private readonly tty: boolean;

  constructor(
    private readonly stream: NodeJS.WriteStream,
    private readonly width = 24,
  ) {
    this.tty = stream.isTTY;
  }

  update(epoch: number, epochs: number, fraction: number, loss: number): void {
    if (!this.tty) return;
    const filled = Math.round(fraction * this.width);
    const bar = '█'.repeat(filled) + '░'.repeat(this.width - filled);
    this.stream.write(
      `\r epoch ${pad(epoch, epochs)}/${epochs} ${bar} ${(fraction * 100).toFixed(0).padStart(3)}%  loss ${loss.toFixed(4)}`,
    );
  }

  epochDone(epoch: number, epochs: number, loss: number, accuracy: number | null, samplesPerSecond: number): void {
    const acc = accuracy === null ? '' : `  acc ${(accuracy * 100).toFixed(1)}%`;
    const line = ` epoch ${pad(epoch, epochs)}/${epochs}  loss ${loss.toFixed(4)}${acc}  ${Math.round(samplesPerSecond).toLocaleString('en-US')} samples/s`;
    this.stream.write(this.tty ? `\r${line}${' '.repeat(Math.max(0, this.width + 20 - line.length))}\n` : `${line}\n`);
  }
}

function pad(n: number, of: number): string {
  return String(n).padStart(String(of).length);
}
