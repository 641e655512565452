"""An agent that plays a fixed script, for DiploSim's tests: python3 scripted_agent.py SCRIPT.

SCRIPT is a JSON object from a turn number to what the seat does in that turn's move round: its "moves", "answers"
and "messages", as in an action. Turns the script does not name, and negotiation rounds, are passes.
"""
import json
import sys

script = json.loads(sys.argv[1])
for line in sys.stdin:
    doc = json.loads(line)
    if doc["type"] != "observation":
        continue
    action = {"type": "action", "decision": doc["decision"]}
    if doc["phase"] != "negotiate":
        action.update(script.get(str(doc["turn"]), {}))
    sys.stdout.write(json.dumps(action) + "\n")
    sys.stdout.flush()
