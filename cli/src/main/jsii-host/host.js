'use strict';
// The jsii kernel host in one Node process.
//
// jsii's Java runtime starts `bin/jsii-runtime.js`, which boots Node only to start a second Node running
// `lib/program.js`: the kernel host, which reads requests from and writes responses to file descriptor 3.
// The wrapper's one job is to connect that descriptor to its own stdin and stdout and to wrap the host's console
// output as {"stdout"|"stderr": base64} lines on stderr, which the Java side unwraps.
//
// This file does the same inside the host's own process: reads from fd 3 come from stdin, writes to fd 3 go to
// stdout, and everything written to stdout or stderr is wrapped the same way. ./agentscale points JSII_RUNTIME
// at it, saving a Node start-up (about 0.15 s) and a process (about 45 MiB) per run. The build puts it next to the
// `lib/program.js` of the pinned jsii-runtime jar (app/pom.xml), so the Java and Node halves are always one version.
const fs = require('fs');
const path = require('path');

const PROTOCOL_FD = 3;
const { readSync, writeSync } = fs;

/** Writes bytes to stderr as one {"stdout"|"stderr": base64} line. */
function envelope(stream, bytes) {
  writeSync(2, JSON.stringify({ [stream]: bytes.toString('base64') }) + '\n');
}

fs.readSync = (fd, ...rest) => readSync(fd === PROTOCOL_FD ? 0 : fd, ...rest);
fs.writeSync = (fd, data, ...rest) => {
  if (fd === PROTOCOL_FD) {
    return writeSync(1, data, ...rest);
  }
  if (fd !== 2) {
    return writeSync(fd, data, ...rest);
  }
  // (fd, buffer, offset?, length?) or (fd, string, position?, encoding?)
  const bytes = typeof data === 'string' ? Buffer.from(data, typeof rest[1] === 'string' ? rest[1] : 'utf8')
    : Buffer.from(data.buffer, data.byteOffset + (rest[0] ?? 0), rest[1] ?? data.byteLength - (rest[0] ?? 0));
  envelope('stderr', bytes);
  return bytes.length;
};

function wrapped(stream) {
  return (chunk, encoding, callback) => {
    const text = typeof encoding === 'string' ? encoding : 'utf8';
    envelope(stream, Buffer.isBuffer(chunk) ? chunk : Buffer.from(chunk, text));
    const done = typeof encoding === 'function' ? encoding : callback;
    if (typeof done === 'function') {
      done();
    }
    return true;
  };
}
process.stdout.write = wrapped('stdout');
process.stderr.write = wrapped('stderr');

// The kernel unpacks the construct libraries under os.tmpdir(). Give it a folder named after the JVM that started
// this host: on Ctrl-C the JVM kills this process, which then cannot clean up, and removes that folder itself.
const os = require('os');
const scratch = path.join(os.tmpdir(), `agentscale-jsii-${process.ppid}`);
fs.mkdirSync(scratch, { recursive: true });
process.env.TMPDIR = scratch;
process.on('exit', () => fs.rmSync(scratch, { recursive: true, force: true }));

// Ctrl-C reaches every process of the terminal's group: the JVM handles it (removes unfinished output, prints one
// line) and this host ends when the JVM closes its stdin, so it ignores the signals rather than die mid-request.
process.on('SIGINT', () => {});
process.on('SIGTERM', () => {});

require(path.join(__dirname, 'software', 'amazon', 'jsii', 'lib', 'program.js'));
