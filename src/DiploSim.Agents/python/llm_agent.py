"""A language-model agent for DiploSim (standard library only): it asks any OpenAI-compatible chat endpoint what to do.

    DIPLOSIM_LLM_URL=http://localhost:8000/v1 DIPLOSIM_LLM_MODEL=my-model python3 llm_agent.py

DIPLOSIM_LLM_URL names the endpoint's base (its /chat/completions is called); DIPLOSIM_LLM_MODEL the model
(default "default"); DIPLOSIM_LLM_KEY, if set, is sent as a bearer token. Each observation is summarised for the model
with the seat's dashboard, the proposals and messages to it, the last turn's news and the move catalogue; the model is
asked for one JSON object with "moves", "answers" and "messages", which is passed on as the action. An answer that is
not such an object, or an endpoint that fails, makes the seat pass (DiploSim reports what it refuses in the next
observation's "refusals", which the next prompt includes).
"""
import json
import os
import sys
import urllib.error
import urllib.request

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from diplosim_agent import Agent, main  # noqa: E402

SYSTEM = (
    "You play one country in DiploSim, a simulation of economic diplomacy. Each turn you may make moves (each costs "
    "political capital; stay within your capital), answer proposals addressed to you, and send messages. Reply with "
    "one JSON object only: {\"moves\": [...], \"answers\": [{\"proposalId\": ..., \"accept\": true|false}], "
    "\"messages\": [{\"to\": COUNTRY or null, \"text\": ...}]}. A move is {\"kind\": KIND, ...fields} with the fields "
    "its kind lists."
)


def summary(obs):
    view = obs["view"]
    lines = [
        f"You are {obs['seat']} ({view['name']}), turn {obs['turn']} ({obs['date']}), round {obs['round']} of "
        f"{obs['rounds']} ({obs['phase']}: {'only messages count' if obs['phase'] == 'negotiate' else 'moves, answers and messages'}).",
        f"GDP {view['gdp']:.0f} bn, growth {view['growth']:.3f}, stability {view['stability']:.0f}, "
        f"political capital {obs['limits']['capital']}, utility {view['utility']:.1f}.",
        "Relations: " + "; ".join(
            f"{r['other']} trust in/from {r['trustIn']:.0f}/{r['trustFrom']:.0f}, exports {r['exportsTo']:.1f}, imports {r['importsFrom']:.1f}"
            for r in view["relations"]),
        f"World: oil {obs['world']['oilPrice']:.0f} USD/bbl, tension {obs['world']['tension']:.0f}.",
    ]
    if obs["proposals"]:
        lines.append("Proposals to answer: " + "; ".join(
            f"{p['id']} from {p['proposer']}: {p['agreement']} with {', '.join(p['parties'])}" for p in obs["proposals"]))
    if obs["messages"]:
        lines.append("Messages: " + "; ".join(f"{m['from']}: {m['text']}" for m in obs["messages"]))
    if obs["refusals"]:
        lines.append("Refused from your last answer: " + "; ".join(obs["refusals"]))
    if obs.get("lastOutcome"):
        lines.append("Last turn's news: " + "; ".join(n["headline"] for n in obs["lastOutcome"]["news"][:8]))
    lines.append("Moves: " + "; ".join(
        f"{k['kind']} ({', '.join(f['name'][0].lower() + f['name'][1:] + ('' if f['required'] else '?') for f in k['fields'])}) "
        f"cost {k['minCost']}-{k['maxCost']}" for k in obs["moveKinds"]))
    return "\n".join(lines)


def first_object(text):
    """The first JSON object in a reply (models often wrap it in prose or a code fence)."""
    start = text.find("{")
    while start >= 0:
        try:
            value, _ = json.JSONDecoder().raw_decode(text[start:])
            if isinstance(value, dict):
                return value
        except json.JSONDecodeError:
            pass
        start = text.find("{", start + 1)
    return None


class LanguageModelAgent(Agent):
    def __init__(self):
        self.url = os.environ.get("DIPLOSIM_LLM_URL", "").rstrip("/")
        self.model = os.environ.get("DIPLOSIM_LLM_MODEL", "default")
        self.key = os.environ.get("DIPLOSIM_LLM_KEY")
        if not self.url:
            raise SystemExit("llm_agent: set DIPLOSIM_LLM_URL to an OpenAI-compatible endpoint, e.g. http://localhost:8000/v1")

    def new_game(self, game):
        self.seed = int(game["seed"]) % (2 ** 31)

    def act(self, obs):
        body = json.dumps({
            "model": self.model,
            "messages": [{"role": "system", "content": SYSTEM}, {"role": "user", "content": summary(obs)}],
            "temperature": 0,
            "seed": getattr(self, "seed", 0),
        }).encode("utf-8")
        request = urllib.request.Request(self.url + "/chat/completions", data=body, method="POST")
        request.add_header("Content-Type", "application/json")
        if self.key:
            request.add_header("Authorization", "Bearer " + self.key)
        timeout = max(1.0, obs["deadlineMs"] / 1000 - 0.5)
        try:
            with urllib.request.urlopen(request, timeout=timeout) as response:
                content = json.loads(response.read().decode("utf-8"))["choices"][0]["message"]["content"]
        except (urllib.error.URLError, OSError, KeyError, IndexError, ValueError) as error:
            sys.stderr.write(f"llm_agent: the endpoint failed: {error}\n")
            return {}
        decided = first_object(content or "") or {}
        return {key: decided[key] for key in ("moves", "answers", "messages") if isinstance(decided.get(key), list)}


if __name__ == "__main__":
    main(LanguageModelAgent())
