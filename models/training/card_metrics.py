"""Write models/emotion/metrics.json and the descriptor's dev-set figures for a shipped 2.x model.

Two sources, both measured on the full dev sets:
  - the SDK itself (TF.js WASM, the descriptor's views and temperature): `npm run eval -- --data
    ../shared/data/<set> --split <split> --model models/emotion/descriptor.json --json <set>.json`;
  - compare.py's table (the exported weights in PyTorch beside 1.2.0 and the mini-Xception from the
    same TF.js run, plus the temperature each domain's validation split wants).

  /usr/bin/python3 card_metrics.py --compare compare-s2-96.json --candidate s2-96 \
      --sdk fer2013/publictest=fer.json aihub-kr/dev=kr.json lfw-expr/dev=lfw.json
"""
import argparse, json, os

HERE = os.path.dirname(os.path.abspath(__file__))
OUT = os.path.join(HERE, "..", "emotion")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--compare", required=True)
    ap.add_argument("--candidate", required=True, help="the shipped model's name in the compare table")
    ap.add_argument("--sdk", nargs="+", required=True, help="SET=eval.json, one per dev set")
    a = ap.parse_args()
    compare = json.load(open(a.compare))
    sdk = {s: json.load(open(p)) for s, p in (x.split("=", 1) for x in a.sdk)}
    for r in sdk.values():  # where it ran is not a property of the model
        r.pop("data", None)
        r["model"] = {k: v for k, v in r["model"].items() if k in ("name", "version")}
    desc_path = os.path.join(OUT, "descriptor.json")
    desc = json.load(open(desc_path))
    out = {"model": f"{desc['name']}@{desc['version']}", "temperature": desc["temperature"],
           "flipTTA": desc["flipTTA"], "zoomTTA": desc.get("zoomTTA", [1.0]),
           "sdk": sdk,
           "beside": {s: {("ours" if m == a.candidate else m): r for m, r in rows.items()}
                      for s, rows in compare["dev"].items()},
           "temperatureByDomain": compare.get("valTemperature", {}).get(a.candidate)}
    json.dump(out, open(os.path.join(OUT, "metrics.json"), "w"), indent=1)
    m = desc.get("metrics", {})
    for name, r in sdk.items():
        m[name] = {"accuracy": round(r["accuracy"], 4), "macroF1": round(r["macroF1"], 4),
                   "nll": round(r["nll"], 4), "ece15": round(r["ece"], 4), "n": r["n"]}
    desc["metrics"] = m
    json.dump(desc, open(desc_path, "w"), indent=2)
    print(f"wrote {OUT}/metrics.json and the descriptor's dev metrics ({', '.join(sdk)})")


if __name__ == "__main__":
    main()
