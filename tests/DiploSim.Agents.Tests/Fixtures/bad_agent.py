"""An agent that misbehaves in one way, for DiploSim's protocol tests: python3 bad_agent.py MODE.

MODE: invalid-json, unknown-kind, other-seat, flood (100 MB without a newline, once, then good answers), silent,
crash (exits at its first observation, every time it is started), late (answers each decision after the next one
was asked: always too late), extra-field (a property the action does not have).
"""
import json
import sys

mode = sys.argv[1]
decisions = 0
waiting = None
for line in sys.stdin:
    doc = json.loads(line)
    if doc["type"] != "observation":
        continue
    decisions += 1
    decision = doc["decision"]
    seat = doc["seat"]
    others = [r["other"] for r in doc["view"]["relations"]]
    good = {"type": "action", "decision": decision}
    if mode == "invalid-json":
        out = "{this is not json"
    elif mode == "unknown-kind":
        out = json.dumps(dict(good, moves=[{"kind": "LaunchMissiles", "target": others[0]}]))
    elif mode == "other-seat":
        out = json.dumps(dict(good, moves=[{"kind": "SetTariff", "actor": others[0], "target": seat, "rate": 0.5}]))
    elif mode == "extra-field":
        out = json.dumps(dict(good, movez=[]))
    elif mode == "flood":
        if decisions == 1:
            chunk = "x" * (1 << 20)
            for _ in range(100):
                sys.stdout.write(chunk)
            out = ""
        else:
            out = json.dumps(good)
    elif mode == "silent":
        continue
    elif mode == "late":
        previous, waiting = waiting, decision
        if previous is None:
            continue
        out = json.dumps(dict(good, decision=previous))
    elif mode == "crash":
        sys.stderr.write("bad_agent: crashing on purpose\n")
        sys.exit(3)
    else:
        raise SystemExit("unknown mode " + mode)
    sys.stdout.write(out + "\n")
    sys.stdout.flush()
