/**
 * A one-line progress bar on stderr for people at a terminal; silent when stderr is not a
 * terminal (scripts and logs get the result only).
 */
export function progressBar(label: string, stream: NodeJS.WriteStream = process.stderr) {
  const enabled = stream.isTTY === true;
  let last = "";
  return {
    update(fraction: number, step: string) {
      if (!enabled) return;
      const width = 24;
      const filled = Math.round(Math.max(0, Math.min(1, fraction)) * width);
      const line = `${label} [${"#".repeat(filled)}${"-".repeat(width - filled)}] ${String(Math.round(fraction * 100)).padStart(3)}% ${step}`;
      if (line === last) return;
      last = line;
      stream.write(`\r${line.padEnd(Math.max(line.length, 80))}`);
    },
    done() {
      if (enabled && last) stream.write("\n");
    },
  };
}
