// The sandbox as a child process, for the scripts that start their own
// (scripts/bench, the Firefox run): start it and wait until it answers, or
// stop it and wait until it has exited, so the next one can bind the port.
const path = require('path');
const { spawn } = require('child_process');

const ROOT = path.join(__dirname, '..');

/** Starts `bin` (relative to the repository) on `port` with `args`; resolves
 * once `/__sandbox/state` answers. Refuses a port something already answers
 * on, which would otherwise be tested in the sandbox's place. */
async function startSandbox({ bin, port, args, timeoutMs = 30_000 }) {
  const base = `http://127.0.0.1:${port}`;
  const answers = () => fetch(`${base}/__sandbox/state`).then((r) => r.ok, () => false);
  if (await fetch(`${base}/`).then(() => true, () => false)) {
    throw new Error(`port ${port} is in use: stop that server or pick another port`);
  }
  const child = spawn(path.join(ROOT, bin), ['--port', String(port), ...args], { cwd: ROOT, stdio: ['ignore', 'ignore', 'pipe'] });
  let stderr = '';
  child.stderr.on('data', (d) => { stderr += d; });
  const end = Date.now() + timeoutMs;
  while (!(await answers())) {
    if (child.exitCode !== null || child.signalCode !== null) throw new Error(`sandbox on ${base} exited: ${stderr}`);
    if (Date.now() > end) throw new Error(`sandbox on ${base} did not answer within ${timeoutMs} ms`);
    await new Promise((r) => setTimeout(r, 100));
  }
  return child;
}

/** Stops a sandbox and waits until it has exited. */
async function stopSandbox(child) {
  // Killed by a signal, a process has a signalCode and no exitCode.
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise((resolve) => child.once('exit', resolve));
  child.kill();
  await exited;
}

module.exports = { startSandbox, stopSandbox };
