"""Exported models side by side on the three dev sets, with the mini-Xception baseline from the same
TF.js run — the per-domain table the model card needs, for any candidate, without touching the
shipped files.

Each model is an exported folder (model.json + model.bin + descriptor.json), read through its own
test-time views and temperature (exactly what model.bin holds, in PyTorch). The baseline's
probabilities come from eval_node.ts ($MOODIARY_CACHE/node-eval.json); that run's own model is listed
too when named with --node-ours (its TF.js probabilities: no PyTorch pass needed). Also reports, per domain,
the temperature that would fit that domain's *validation* split (is one temperature right for all?).

  /usr/bin/python3 compare.py --node-ours 1.2.0 [--val-temperature] cand=/work/cache/export/ft [--json OUT]
"""
import argparse, json, os
import torch
import torch.nn.functional as F
from common import CACHE, LABELS
from data import load, split_train, SOURCES
from evaluate import metrics
from export import load_tfjs, folded_forward, tta_logits, fit_temperature

DEV = {"fer2013/publictest": "fer_test", "aihub-kr/dev": "kr_dev", "lfw-expr/dev": "lfw_dev"}
HAPPY, NEUTRAL = LABELS.index("happy"), LABELS.index("neutral")


def summary(m):
    r = m["recall"]
    return {"accuracy": m["accuracy"], "macroF1": m["macroF1"], "happyRecall": r.get("happy"),
            "neutralRecall": r.get("neutral"), "neutralPrecision": m.get("neutralPrecision"),
            "ece15": m["ece15"], "nll": m["nll"], "accuracy5way": m.get("accuracy5way"), "n": m["n"]}


def with_precision(m):
    """metrics() plus neutral precision (how often a 'neutral' answer is right)."""
    rows, conf = m["confusionRows"], torch.tensor(m["confusion"])
    col = conf[:, NEUTRAL].sum().item()
    m["neutralPrecision"] = conf[rows.index("neutral"), NEUTRAL].item() / col if "neutral" in rows and col else None
    return m


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("models", nargs="*", help="NAME=FOLDER of an exported model")
    ap.add_argument("--node-ours", default="", help="list node-eval.json's own model under this name")
    ap.add_argument("--val-temperature", action="store_true", help="also fit T on each validation split (slow)")
    ap.add_argument("--node", default=os.path.join(CACHE, "node-eval.json"))
    ap.add_argument("--json", default="")
    a = ap.parse_args()
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    sets = {}  # input size -> (dev sets, validation parts), each read once

    def sets_of(size):
        if size not in sets:
            sets[size] = ({name: load(key, size) for name, key in DEV.items()},
                          split_train(lfw=True, size=size)["val"] if a.val_temperature else [])
        return sets[size]
    data = sets_of(48)[0]
    out = {"dev": {name: {} for name in DEV}, "valTemperature": {}}
    for spec in a.models:
        name, folder = spec.split("=", 1)
        desc = json.load(open(os.path.join(folder, "descriptor.json")))
        P = load_tfjs(folder)
        fwd = lambda t: folded_forward(P, t)
        views = lambda X: tta_logits(fwd, X, desc["flipTTA"], desc.get("zoomTTA", [1.0]))
        T = desc["temperature"]
        dev, val = sets_of(desc["input"]["width"])
        with torch.no_grad():
            for set_name, d in dev.items():
                m = with_precision(metrics(torch.softmax(views(d["X"]) / T, 1), d["y"]))
                out["dev"][set_name][name] = summary(m)
            if val:
                out["valTemperature"][name] = {"shipped": T}
            for src, p in zip(SOURCES, val):
                L = views(p["X"])
                out["valTemperature"][name][src] = {"T": fit_temperature(L, p["y"]),
                                                    "nllAtShipped": F.cross_entropy(L / T, p["y"]).item()}
    if os.path.exists(a.node):
        node = json.load(open(a.node))
        for set_name, d in data.items():
            if set_name in node["sets"]:
                assert list(node["sets"][set_name]["paths"]) == d["path"].tolist(), "node eval rows differ"
                if a.node_ours:
                    m = with_precision(metrics(node["sets"][set_name]["ours"], d["y"]))
                    out["dev"][set_name][a.node_ours + " (TF.js)"] = summary(m)
                m = with_precision(metrics(node["sets"][set_name]["baseline"], d["y"]))
                out["dev"][set_name]["mini-Xception"] = summary(m)
    pct = lambda v: "—" if v is None else f"{v * 100:.1f}%"
    lines = ["| set | model | accuracy | macro-F1 | happy recall | neutral recall | neutral precision | ECE15 | NLL |",
             "|---|---|---|---|---|---|---|---|---|"]
    for set_name, per in out["dev"].items():
        for name, s in per.items():
            acc = pct(s["accuracy"]) + (f" ({pct(s['accuracy5way'])} 5-way)" if s["accuracy5way"] is not None else "")
            lines.append(f"| {set_name} | {name} | {acc} | {s['macroF1']:.3f} | {pct(s['happyRecall'])} | "
                         f"{pct(s['neutralRecall'])} | {pct(s['neutralPrecision'])} | {s['ece15']:.3f} | {s['nll']:.3f} |")
    lines += ["", "| model | shipped T | T fitted on FER val | on AI Hub val | on lfw-expr val |", "|---|---|---|---|---|"]
    for name, t in out["valTemperature"].items():
        lines.append(f"| {name} | {t['shipped']} | " + " | ".join(f"{t[s]['T']}" for s in SOURCES) + " |")
    print("\n".join(lines))
    if a.json:
        json.dump(out, open(a.json, "w"), indent=1)


if __name__ == "__main__":
    main()
