// A LiveKit agent worker (@livekit/agents >= 1.0.16, ServerOptions) that takes at most sessions_per_worker calls.
//
// LiveKit offers calls by the worker's own load, CPU by default against loadThreshold 0.7, so a worker on a large
// node would take more calls than its memory limit holds and be OOM-killed with every call on it. Here the load is
// the share of call slots in use. The Deployment agentscale writes sets the three variables below from the profile.
import { ServerOptions, cli, defineAgent } from '@livekit/agents';
import { createServer } from 'node:http';
import { fileURLToPath } from 'node:url';

const sessionsPerWorker = Number(process.env.AGENT_SESSIONS_PER_WORKER);
const drainTimeoutSeconds = Number(process.env.AGENT_DRAIN_TIMEOUT);
const metricsPort = Number(process.env.AGENT_METRICS_PORT);
if (!Number.isInteger(sessionsPerWorker) || sessionsPerWorker < 1) {
  // a missing value would otherwise fall back to LiveKit's CPU threshold without a word
  throw new Error(`AGENT_SESSIONS_PER_WORKER must be a positive integer, got '${process.env.AGENT_SESSIONS_PER_WORKER}'`);
}

export default defineAgent({
  entry: async (ctx) => {
    // start your AgentSession here, as without agentscale
  },
});

// The main process only: each call's child process imports this file too, for the agent above.
if (process.argv[1] === fileURLToPath(import.meta.url)) {
  let agentServer; // the AgentServer, as loadFunc receives it
  let activeSessions = 0;
  let accepting = 0;

  // The gauge lives in the main process: a value set in a call's child process would never reach this endpoint.
  createServer((req, res) => {
    res.writeHead(200, { 'Content-Type': 'text/plain; version=0.0.4' });
    res.end('# HELP agent_active_sessions calls in progress on this worker\n'
      + '# TYPE agent_active_sessions gauge\n'
      + `agent_active_sessions ${activeSessions}\n`);
  }).listen(metricsPort);

  cli.runApp(new ServerOptions({
    agent: fileURLToPath(import.meta.url),
    // Called every 2.5 s; LiveKit marks the worker full when it returns >= loadThreshold.
    loadFunc: async (worker) => {
      agentServer = worker;
      activeSessions = worker.activeJobs.length;
      return activeSessions / sessionsPerWorker;
    },
    // With load = active / S, (S - 0.5) / S admits exactly S calls: at S - 1 active the load (S - 1) / S is below
    // it, at S active the load 1 is not. Halfway between two steps, no rounding can land on the wrong side.
    loadThreshold: (sessionsPerWorker - 0.5) / sessionsPerWorker,
    // agents-js reads the load every 2.5 s, not per offer, so two offers in one tick could both pass: count again
    // here. Before the first tick only the offers being accepted are known.
    requestFunc: async (req) => {
      if ((agentServer?.activeJobs.length ?? 0) + accepting >= sessionsPerWorker) {
        await req.reject();
        return;
      }
      accepting += 1;
      try {
        await req.accept();
      } finally {
        accepting -= 1;
      }
    },
    // Warm no more processes than the worker takes calls: each one costs memory inside the same limit.
    numIdleProcesses: sessionsPerWorker,
    // On SIGTERM stop taking calls and let the running ones finish, before Kubernetes' grace period ends.
    drainTimeout: drainTimeoutSeconds * 1000,
    // The health endpoint stays on LiveKit's production port 8081, which kubernetes.health_port defaults to.
  }));
}
