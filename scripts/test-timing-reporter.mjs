// A node:test reporter that writes how long each test file took, one JSON line per file, for the
// timing summary that scripts/run-tests.mjs prints at the end of a run. (The runner passes it as a
// second reporter beside spec, with a file of its own as destination.)
export default async function* timingReporter(source) {
  for await (const event of source) {
    // Each file's own completion: node names that test after the file itself.
    if (event.type === 'test:complete' && event.data.file && event.data.name === event.data.file) {
      yield `${JSON.stringify({ file: event.data.file, ms: Math.round(event.data.details.duration_ms), passed: event.data.details.passed })}\n`;
    }
  }
}
