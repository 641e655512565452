"""Play a DiploSim seat over standard input and output (protocol diplosim-agent/1, docs/agents.md).

Standard library only. Subclass Agent, override act() (and new_game() / game_over() if you keep state), and call
serve(YourAgent()). DiploSim writes one JSON document a line: newGame, observation, gameOver; answer each
observation with exactly one action line carrying its "decision" number.
"""
import json
import sys

PROTOCOL = "diplosim-agent/1"


class Agent:
    """A seat's policy. act() returns a dict with any of "moves", "answers", "messages"."""

    def new_game(self, game):
        pass

    def act(self, observation):
        return {}

    def game_over(self, result):
        pass


def action_for(observation, decided):
    """The action document answering an observation."""
    action = {"type": "action", "protocol": PROTOCOL, "decision": observation["decision"]}
    for key in ("moves", "answers", "messages"):
        if decided.get(key):
            action[key] = decided[key]
    return action


def serve(agent, stdin=None, stdout=None):
    stdin = stdin or sys.stdin
    stdout = stdout or sys.stdout
    for line in stdin:
        line = line.strip()
        if not line:
            continue
        document = json.loads(line)
        kind = document.get("type")
        if kind == "newGame":
            agent.new_game(document)
        elif kind == "observation":
            stdout.write(json.dumps(action_for(document, agent.act(document) or {}), separators=(",", ":")) + "\n")
            stdout.flush()
        elif kind == "gameOver":
            agent.game_over(document)
