"""A LiveKit agent worker (livekit-agents 1.3 or later) that takes at most sessions_per_worker calls.

LiveKit offers calls by the worker's own load, CPU by default against load_threshold 0.7, so a worker on a large node
would take more calls than its memory limit holds and be OOM-killed with every call on it. Here the load is the
share of call slots in use. The Deployment agentscale writes sets the three variables below from the profile.
From 1.4.5 the load is read again before each offer, so two offers in one instant cannot both take the last slot.
"""

import os

from livekit.agents import AgentServer, JobContext, cli
from prometheus_client import Gauge

SESSIONS_PER_WORKER = int(os.environ["AGENT_SESSIONS_PER_WORKER"])
DRAIN_TIMEOUT_SECONDS = int(os.environ["AGENT_DRAIN_TIMEOUT"])
METRICS_PORT = int(os.environ["AGENT_METRICS_PORT"])

# Set in the main process, which serves /metrics: each call runs in a child process, and a gauge set there stays 0
# in the main process's registry. "livesum" keeps the value right if PROMETHEUS_MULTIPROC_DIR is set too.
ACTIVE_SESSIONS = Gauge(
    "agent_active_sessions", "calls in progress on this worker", multiprocess_mode="livesum"
)


def load(server: AgentServer) -> float:
    """The share of call slots in use; LiveKit runs it in the main process every 0.5 s and before each offer."""
    active = len(server.active_jobs)
    ACTIVE_SESSIONS.set(active)
    return active / SESSIONS_PER_WORKER


server = AgentServer(
    load_fnc=load,
    # LiveKit marks the worker full when load >= load_threshold, and counts a call accepted but not yet started as
    # one more slot. With load = active / S, a threshold of (S - 0.5) / S admits exactly S calls: at S - 1 active
    # the load (S - 1) / S is below it, at S active the load 1 is not. Halfway between two steps, no rounding of
    # active / S can land on the wrong side.
    load_threshold=(SESSIONS_PER_WORKER - 0.5) / SESSIONS_PER_WORKER,
    # Warm no more processes than the worker takes calls: each one costs memory inside the same limit. It also keeps
    # the count exact at 0 active calls, where LiveKit weighs each accepted call at load_threshold / this number.
    num_idle_processes=SESSIONS_PER_WORKER,
    # On SIGTERM stop taking calls and let the running ones finish, before Kubernetes' grace period ends.
    drain_timeout=DRAIN_TIMEOUT_SECONDS,
    prometheus_port=METRICS_PORT,
    # The health endpoint stays on LiveKit's production port 8081, which kubernetes.health_port defaults to.
)


@server.rtc_session()
async def entrypoint(ctx: JobContext) -> None:
    ...  # start your AgentSession here, as without agentscale


if __name__ == "__main__":
    cli.run_app(server)  # run with "start": "dev" neither drains nor applies load_threshold
