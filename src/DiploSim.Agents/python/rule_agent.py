"""DiploSim's rule-based reference agent (standard library only): a cautious middle power.

It accepts proposals from countries that trust it and that it trusts, buys discounted crude from an exporter it
trusts when it imports oil, courts its most trusted partner with a summit and a proposal now and then, keeps within
its political capital, and says in the negotiation rounds what it will propose. The same observations give the
same actions: it plays the same moves for the same seed, over standard input and output or over HTTP.

    python3 rule_agent.py                                   # speaks diplosim-agent/1 on stdin/stdout
    python3 rule_agent.py --http http://localhost:5180 --pass SEAT_PASS   # plays a live session's seat
"""
import os
import sys

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
from diplosim_agent import Agent, main  # noqa: E402


class RuleAgent(Agent):
    def new_game(self, game):
        self.seat = game["seat"]
        self.proposed = 0

    def act(self, obs):
        seat = obs["seat"]
        turn = obs["turn"]
        relations = sorted(obs["view"]["relations"], key=lambda r: (-(r["trustIn"] + r["trustFrom"]), r["other"]))
        friend = relations[0]["other"] if relations else None
        trust = {r["other"]: r for r in obs["view"]["relations"]}

        if obs["phase"] == "negotiate":
            if friend and turn % 4 == 0 and obs["round"] == 0:
                return {"messages": [{"to": friend, "text": f"{seat} would welcome closer trade with {friend}."}]}
            return {}

        costs = {k["kind"]: k["minCost"] for k in obs["moveKinds"]}
        budget = obs["limits"]["capital"]
        moves = []

        def add(move):
            nonlocal budget
            cost = costs[move["kind"]]
            if cost <= budget and len(moves) < obs["limits"]["maxMoves"]:
                moves.append(move)
                budget -= cost

        answers = []
        for p in obs["proposals"]:
            r = trust.get(p["proposer"])
            answers.append({"proposalId": p["id"], "accept": bool(r and r["trustIn"] > 0 and r["trustFrom"] > 0)})

        energy = obs["ledger"]["energy"]
        buying = {c["seller"] for c in energy["discountedCrude"]}
        if energy["netOilImportsMbd"] > 0 and not buying:
            exporters = sorted(
                (r for r in obs["view"]["relations"] if r["trustIn"] > 0 and r["other"] in ("RUS", "SAU", "IRN")),
                key=lambda r: r["other"])
            if exporters:
                add({"kind": "BuyDiscountedCrude", "target": exporters[0]["other"], "volumeMbd": 0.3, "discount": 0.1})

        if friend and turn % 3 == 1:
            add({"kind": "HoldSummit", "partners": [friend]})

        in_force = {(a["kind"], tuple(sorted(a["parties"]))) for a in obs["world"]["agreements"]}
        if friend and turn % 4 == 2 and ("FreeTrade", tuple(sorted([seat, friend]))) not in in_force:
            self.proposed += 1
            add({"kind": "ProposeAgreement", "proposalId": f"{seat.lower()}-{turn}-{self.proposed}",
                 "agreement": "FreeTrade", "partners": [friend], "terms": {"tariffCeiling": 0.05}})

        return {"moves": moves, "answers": answers}


if __name__ == "__main__":
    main(RuleAgent())
