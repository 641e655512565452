"""Play a DiploSim seat (protocol diplosim-agent/1, docs/agents.md) over standard input and output, or over HTTP.

Standard library only. Subclass Agent, override act() (and new_game() / game_over() if you keep state), then
main(YourAgent()): with no arguments it speaks on stdin/stdout (DiploSim writes one JSON document a line: newGame,
observation, gameOver; answer each observation with one action line carrying its "decision" number); with
--http URL --pass SEAT_PASS it plays a seat of a live session over HTTP (GET /api/agent/observation, POST
/api/agent/action).
"""
import argparse
import json
import sys
import urllib.error
import urllib.request

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


def _request(url, pass_, body=None, timeout=90):
    request = urllib.request.Request(url, data=body, method="POST" if body is not None else "GET")
    request.add_header("Authorization", "Bearer " + pass_)
    if body is not None:
        request.add_header("Content-Type", "application/json")
    try:
        with urllib.request.urlopen(request, timeout=timeout) as response:
            return response.status, response.read().decode("utf-8")
    except urllib.error.HTTPError as error:
        return error.code, error.read().decode("utf-8")


def serve_http(agent, base_url, pass_, turns=None, wait=25):
    """Plays a live session's seat until the session ends (or after `turns` decisions)."""
    base = base_url.rstrip("/") + "/api/agent/"
    status, text = _request(base + "game", pass_)
    if status != 200:
        raise SystemExit(f"cannot read the game ({status}): {text}")
    agent.new_game(json.loads(text))
    decided = 0
    after = 0
    while turns is None or decided < turns:
        status, text = _request(f"{base}observation?after={after}&wait={wait}", pass_)
        if status == 204:
            continue
        if status == 410:
            break
        if status != 200:
            raise SystemExit(f"cannot read an observation ({status}): {text}")
        observation = json.loads(text)
        action = action_for(observation, agent.act(observation) or {})
        status, text = _request(base + "action", pass_, json.dumps(action, separators=(",", ":")).encode("utf-8"))
        if status not in (200, 400, 409):
            raise SystemExit(f"the action was not taken ({status}): {text}")
        after = observation["decision"]
        decided += 1


def main(agent, argv=None):
    parser = argparse.ArgumentParser(description="Play a DiploSim seat (diplosim-agent/1).")
    parser.add_argument("--http", metavar="URL", help="a DiploSim server's address: play a live session's seat over HTTP")
    parser.add_argument("--pass", dest="pass_", metavar="SEAT_PASS", help="with --http: the seat's pass")
    parser.add_argument("--turns", type=int, help="with --http: stop after this many decisions")
    args = parser.parse_args(argv)
    if args.http:
        if not args.pass_:
            parser.error("--http needs --pass")
        serve_http(agent, args.http, args.pass_, args.turns)
    else:
        serve(agent)


if __name__ == "__main__":
    main(Agent())  # an agent that always passes: the protocol's own cost, for benchmarks and smoke tests
