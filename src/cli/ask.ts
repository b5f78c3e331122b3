import { createInterface } from "node:readline";

/**
 * Questions on the terminal that also work with piped input (tests, scripts): lines are read from
 * one iterator, so no line typed ahead is lost. `ask` returns null at the end of input.
 */
export function createAsker(
  input: NodeJS.ReadableStream = process.stdin,
  output: NodeJS.WritableStream = process.stdout,
) {
  const rl = createInterface({ input, terminal: false });
  const lines = rl[Symbol.asyncIterator]();
  return {
    async ask(prompt: string): Promise<string | null> {
      output.write(prompt);
      const next = await lines.next();
      return next.done ? null : next.value;
    },
    close() {
      rl.close();
    },
  };
}
