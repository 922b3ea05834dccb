/**
 * A one-line progress indicator on stderr, drawn only when stderr is a TTY (never in pipes, CI
 * logs or --quiet), throttled to ~10 redraws a second and erased when done.
 */
export class Progress {
  private last = 0;
  private drawn = false;
  private readonly enabled: boolean;

  constructor(
    quiet = false,
    private readonly stream: NodeJS.WriteStream = process.stderr,
  ) {
    this.enabled = !quiet && stream.isTTY === true;
  }

  update(text: string, force = false): void {
    if (!this.enabled) return;
    const now = Date.now();
    if (!force && now - this.last < 100) return;
    this.last = now;
    const width = (this.stream.columns ?? 80) - 1;
    this.stream.write(`\r\x1b[2K${text.length > width ? text.slice(0, width) : text}`);
    this.drawn = true;
  }

  done(): void {
    if (this.drawn) this.stream.write('\r\x1b[2K');
    this.drawn = false;
  }
}

export function formatBytes(n: number): string {
  const units = ['B', 'KiB', 'MiB', 'GiB', 'TiB'];
  let v = n;
  let u = 0;
  while (v >= 1024 && u < units.length - 1) {
    v /= 1024;
    u++;
  }
  return `${v.toFixed(u === 0 ? 0 : 1)} ${units[u]}`;
}
