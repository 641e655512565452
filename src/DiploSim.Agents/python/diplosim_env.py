"""DiploSim as an environment shaped like PettingZoo's parallel API (standard library only).

    from diplosim_env import DiploSimParallelEnv
    env = DiploSimParallelEnv("baseline", seats=["IND", "RUS"], turns=40, command=["diplosim"])
    observations, infos = env.reset(seed=7)
    while env.agents:
        actions = {seat: {"moves": [], "answers": [], "messages": []} for seat in env.agents}
        observations, rewards, terminations, truncations, infos = env.step(actions)

It runs `diplosim env SCENARIO --seats …` (docs/agents.md) as a child process: the seats named play through this
object, every other seat is DiploSim's bot. Observations are the protocol's observation documents (dicts); an action
is a dict with any of "moves", "answers", "messages" ("type" and "decision" are added). A seat's reward for a step is
the change of its utility score (0-100) over the step; at the end of the game every seat is terminated and
infos[seat]["stateHash"] holds the final state hash. The same seed and actions give the same observations, rewards
and hash. `command` is how to start DiploSim (default: the DIPLOSIM_COMMAND environment variable, split on spaces,
or "diplosim").
"""
import json
import os
import subprocess


class DiploSimParallelEnv:
    metadata = {"name": "diplosim_v1", "render_modes": []}

    def __init__(self, scenario="baseline", seats=("IND",), turns=None, rounds=0, command=None):
        self.possible_agents = list(seats)
        self.agents = []
        command = list(command or os.environ.get("DIPLOSIM_COMMAND", "diplosim").split())
        args = command + ["env", scenario, "--seats", ",".join(self.possible_agents), "--rounds", str(rounds)]
        if turns is not None:
            args += ["--turns", str(turns)]
        self._process = subprocess.Popen(args, stdin=subprocess.PIPE, stdout=subprocess.PIPE, text=True, encoding="utf-8")
        self._observations = {}
        self._utility = {}

    def _send(self, document):
        self._process.stdin.write(json.dumps(document, separators=(",", ":")) + "\n")
        self._process.stdin.flush()

    def _receive(self):
        line = self._process.stdout.readline()
        if not line:
            raise RuntimeError(f"diplosim env stopped (exit code {self._process.poll()})")
        return json.loads(line)

    def observation_space(self, agent):
        return None  # documents, not tensors: see schemas/agents/observation.schema.json

    def action_space(self, agent):
        return None  # see schemas/agents/action.schema.json

    def reset(self, seed=None, options=None):
        self._send({"type": "reset", "seed": str(0 if seed is None else seed)})
        message = self._receive()
        self._observations = message["observations"]
        self._utility = {s: o["view"]["utility"] for s, o in self._observations.items()}
        self.agents = list(self._observations)
        return dict(self._observations), {s: {} for s in self.agents}

    def step(self, actions):
        answers = {}
        for seat, observation in self._observations.items():
            action = dict(actions.get(seat) or {})
            action.update({"type": "action", "decision": observation["decision"]})
            answers[seat] = action
        self._send({"type": "actions", "actions": answers})
        message = self._receive()
        seats = list(self._observations)
        if message["type"] == "gameOver":
            utility = {s: message["scores"][s] for s in seats}
            rewards = {s: utility[s] - self._utility[s] for s in seats}
            self.agents = []
            done = {s: True for s in seats}
            infos = {s: {"stateHash": message["stateHash"]} for s in seats}
            return dict(self._observations), rewards, done, {s: False for s in seats}, infos
        self._observations = message["observations"]
        utility = {s: o["view"]["utility"] for s, o in self._observations.items()}
        rewards = {s: utility[s] - self._utility[s] for s in seats}
        self._utility = utility
        not_done = {s: False for s in seats}
        return dict(self._observations), rewards, not_done, dict(not_done), {s: {} for s in seats}

    def close(self):
        if self._process.poll() is None:
            self._process.stdin.close()
            self._process.wait(timeout=10)
