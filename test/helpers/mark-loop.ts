/**
 * A child process for the crash tests (test/reliability-kill.test.ts): adds marks to an episode as
 * fast as it can and prints each mark's id on stdout only after `addMark` returned, i.e. after its
 * transaction committed. That printed line is the acknowledgement the learner would see; the test
 * SIGKILLs this process at a random moment and checks every acknowledged mark survived.
 *
 * Usage: node --import tsx test/helpers/mark-loop.ts <library.sqlite> <episodeId> <round>
 */
import { addMark, findOrCreateConcept, openStore } from "../../src/store/index.js";

const [file, episodeId, round] = process.argv.slice(2);
if (!file || !episodeId || !round) {
  process.stderr.write("usage: mark-loop.ts <library.sqlite> <episodeId> <round>\n");
  process.exit(2);
}
const store = openStore(file);
const concept = findOrCreateConcept(store, "mixture of experts", episodeId);
for (let i = 0; ; i++) {
  // Alternate the two kinds: a term mark also writes a mastery event in the same transaction.
  const term = i % 2 === 1;
  const mark = addMark(store, {
    episodeId,
    pass: 1,
    kind: term ? "term" : "moment",
    startMs: i * 10,
    segmentId: null,
    selection: term ? "mixture of experts" : null,
    conceptId: term ? concept.id : null,
    confidence: (i % 5) + 1,
    note: `round ${round} mark ${i}`,
  });
  // Writes to a pipe are synchronous on Linux: once this returns, the parent can read the line.
  process.stdout.write(`${mark.id}\n`);
}
