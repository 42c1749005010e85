// Progress bars on stderr for long seed steps; silent when progress is off.
import cliProgress from 'cli-progress';

export interface Progress {
  step(name: string, total: number): { tick(done: number): void; done(): void };
  log(message: string): void;
}

export function createProgress(enabled: boolean): Progress {
  if (!enabled) return { step: () => ({ tick() {}, done() {} }), log() {} };
  return {
    step(name, total) {
      const bar = new cliProgress.SingleBar(
        { format: `${name.padEnd(22)} [{bar}] {value}/{total} {duration_formatted}`, stream: process.stderr, hideCursor: true, clearOnComplete: false },
        cliProgress.Presets.shades_classic,
      );
      bar.start(Math.max(1, total), 0);
      return { tick: (done) => bar.update(done), done: () => { bar.update(Math.max(1, total)); bar.stop(); } };
    },
    log: (message) => process.stderr.write(`${message}\n`),
  };
}
