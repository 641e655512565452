"""Plays short episodes of diplosim_env for the tests: python3 env_episodes.py PYTHON_DIR DIPLOSIM_COMMAND...

Prints one JSON line per episode: seed, tariff (whether India set a tariff each step), steps, rewards, terminations,
the final hash, and whether the first observations are India's and Russia's own.
"""
import json
import sys

sys.path.insert(0, sys.argv[1])
from diplosim_env import DiploSimParallelEnv  # noqa: E402

env = DiploSimParallelEnv("baseline", seats=["IND", "RUS"], turns=3, command=sys.argv[2:])
for seed, tariff in ((7, True), (7, True), (8, True), (7, False)):
    observations, _ = env.reset(seed=seed)
    own = all(observations[s]["seat"] == s and observations[s]["ledger"]["country"] == s for s in ("IND", "RUS"))
    steps = 0
    while env.agents:
        moves = [{"kind": "SetTariff", "target": "USA", "rate": 0.2}] if tariff else []
        observations, rewards, terminations, truncations, infos = env.step({"IND": {"moves": moves}})
        steps += 1
    print(json.dumps({"seed": seed, "tariff": tariff, "steps": steps, "rewards": rewards, "terminations": terminations,
                      "hash": infos["IND"]["stateHash"], "own": own}), flush=True)
env.close()
