"""Evaluate the shipped model (BN-folded, rounded weights, exactly what model.bin holds)
on fer2013/publictest, aihub-kr/dev and lfw-expr/dev, beside the mini-Xception baseline.

Baseline probabilities come from TF.js (node models/training/eval_node.ts writes
/tmp/moodiary-cache/node-eval.json); that file also holds our model's TF.js
probabilities, which are checked against PyTorch here.

Writes models/emotion/metrics.json, models/emotion/reliability.png, fills
descriptor.json "metrics", and prints Markdown tables for the model card.

  /usr/bin/python3 evaluate.py --run main
"""
import argparse, json, math, os
import numpy as np
import torch
import torch.nn.functional as F
from common import LABELS, CACHE, REPO, RUNS
from data import load, plain
from export import load_folded, folded_forward, logits_of, tta_logits, OUT

SETS = {"fer2013/publictest": "fer_test", "aihub-kr/dev": "kr_dev", "lfw-expr/dev": "lfw_dev"}


def ece(probs, y, bins=15):
    conf, pred = probs.max(1)
    correct = (pred == y).float()
    e, rel = 0.0, []
    edges = torch.linspace(0, 1, bins + 1)
    for lo, hi in zip(edges[:-1], edges[1:]):
        m = (conf > lo) & (conf <= hi)
        if m.any():
            e += m.float().mean().item() * abs(correct[m].mean().item() - conf[m].mean().item())
            rel.append([lo.item(), hi.item(), int(m.sum()), conf[m].mean().item(), correct[m].mean().item()])
    return e, rel


def metrics(probs, y):
    probs = torch.as_tensor(probs, dtype=torch.float64).clamp_min(1e-12)
    probs = probs / probs.sum(1, keepdim=True)
    y = torch.as_tensor(y)
    pred = probs.argmax(1)
    present = sorted(set(y.tolist()))
    conf = torch.zeros(6, 6, dtype=torch.long)
    for t, p in zip(y.tolist(), pred.tolist()):
        conf[t, p] += 1
    recall, f1 = {}, []
    for c in present:
        tp = conf[c, c].item(); fn = conf[c].sum().item() - tp; fp = conf[:, c].sum().item() - tp
        r = tp / max(tp + fn, 1); p = tp / max(tp + fp, 1)
        recall[LABELS[c]] = r
        f1.append(0 if p + r == 0 else 2 * p * r / (p + r))
    e, rel = ece(probs.float(), y)
    out = {"n": len(y), "accuracy": (pred == y).double().mean().item(), "macroF1": float(np.mean(f1)),
           "recall": recall, "nll": F.nll_loss(probs.log(), y).item(), "ece15": e,
           "confusion": conf[present].tolist(), "confusionRows": [LABELS[c] for c in present],
           "reliability": rel}
    if 4 not in present:  # AI Hub: no neutral. Also report argmax over the 5 present labels only.
        p5 = probs.clone(); p5[:, 4] = 0
        out["accuracy5way"] = (p5.argmax(1) == y).double().mean().item()
    return out


def zoom_out(X, s=1.3):
    """Approximate the SDK's 1.3x framing on tight crops: zoom out with edge padding."""
    theta = torch.tensor([[s, 0, 0], [0, s, 0]], dtype=torch.float32).expand(len(X), 2, 3)
    grid = F.affine_grid(theta, (len(X), 1, 48, 48), align_corners=False)
    return F.grid_sample(X.unsqueeze(1), grid, mode="bilinear", padding_mode="border", align_corners=False)[:, 0]


def fmt(v):
    return f"{v * 100:.1f}%"


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", default="main")
    ap.add_argument("--node", default=os.path.join(CACHE, "node-eval.json"))
    a = ap.parse_args()
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    desc_path = os.path.join(OUT, "descriptor.json")
    desc = json.load(open(desc_path))
    T, flip, zooms = desc["temperature"], desc["flipTTA"], desc.get("zoomTTA", [1.0])
    model, P, ck, _ = load_folded(a.run, which="exported.pt")
    fwd = lambda t: folded_forward(P, t)
    node = json.load(open(a.node)) if os.path.exists(a.node) else None
    res, abl = {}, {}
    with torch.no_grad():
        for name, key in SETS.items():
            d = load(key)
            y = d["y"]
            Ln = logits_of(fwd, d["X"], False)                                   # shipped graph, no TTA
            Lf = logits_of(fwd, torch.flip(d["X"], dims=[2]), False)             # mirrored images
            Lt = (Ln + Lf) / 2
            L = tta_logits(fwd, d["X"], flip, zooms)                             # as shipped
            r = {"ours": {"beforeTemperature": metrics(torch.softmax(L, 1), y),
                          "afterTemperature": metrics(torch.softmax(L / T, 1), y)}}
            Lraw = logits_of(model, d["X"], False)
            abl[name] = {
                "no TTA (T)": metrics(torch.softmax(Ln / T, 1), y),
                "flip-TTA only (T)": metrics(torch.softmax(Lt / T, 1), y),
                f"flip + zooms {zooms} (T, shipped)": metrics(torch.softmax(L / T, 1), y),
                "unfolded fp32 PyTorch, no TTA (T)": metrics(torch.softmax(Lraw / T, 1), y),
            }
            if key == "kr_dev":
                Z = zoom_out(d["X"])
                abl[name]["1.3x zoomed-out framing (T, TTA as shipped)"] = metrics(torch.softmax(tta_logits(fwd, Z, flip, zooms) / T, 1), y)
            if node and name in node["sets"]:
                ns = node["sets"][name]
                assert list(ns["paths"]) == d["path"].tolist(), "node eval rows differ"
                r["baseline"] = {"afterTemperature": metrics(ns["baseline"], y)}
                tj = torch.tensor(ns["ours"], dtype=torch.float64)
                py = torch.softmax(L / T, 1).double()
                r["tfjsVsPyTorchMaxAbsProbDiff"] = (tj - py).abs().max().item()
                r["tfjsArgmaxAgreement"] = (tj.argmax(1) == py.argmax(1)).double().mean().item()
            res[name] = r
    out = {"model": f"{desc['name']}@{desc['version']}", "temperature": T, "flipTTA": flip, "zoomTTA": zooms,
           "checkpointEpoch": ck["epoch"], "results": res, "ablation": abl,
           "latency": node.get("latency") if node else None}
    json.dump(out, open(os.path.join(OUT, "metrics.json"), "w"), indent=1)

    # compact figures in the descriptor
    m = desc.get("metrics", {})
    for name, r in res.items():
        o = r["ours"]["afterTemperature"]; b = r["ours"]["beforeTemperature"]
        m[name] = {"accuracy": round(o["accuracy"], 4), "macroF1": round(o["macroF1"], 4),
                   "nll": round(o["nll"], 4), "ece15": round(o["ece15"], 4), "ece15BeforeTemperature": round(b["ece15"], 4),
                   "n": o["n"]}
        if "accuracy5way" in o:
            m[name]["accuracy5way"] = round(o["accuracy5way"], 4)
    desc["metrics"] = m
    json.dump(desc, open(desc_path, "w"), indent=2)
    if node:
        bd_path = os.path.join(REPO, "models", "baselines", "mini-xception", "descriptor.json")
        bd = json.load(open(bd_path))
        for name, r in res.items():
            if "baseline" in r:
                o = r["baseline"]["afterTemperature"]
                bd["metrics"][name] = {"accuracy": round(o["accuracy"], 4), "macroF1": round(o["macroF1"], 4),
                                       "nll": round(o["nll"], 4), "ece15": round(o["ece15"], 4), "n": o["n"]}
                if "accuracy5way" in o:
                    bd["metrics"][name]["accuracy5way"] = round(o["accuracy5way"], 4)
        json.dump(bd, open(bd_path, "w"), indent=2)

    # markdown
    lines = ["| set | model | accuracy | 5-way acc | macro-F1 | NLL | ECE15 before T | ECE15 after T |", "|---|---|---|---|---|---|---|---|"]
    for name, r in res.items():
        o, b = r["ours"]["afterTemperature"], r["ours"]["beforeTemperature"]
        lines.append(f"| {name} | ours | {fmt(o['accuracy'])} | {fmt(o['accuracy5way']) if 'accuracy5way' in o else '—'} | {o['macroF1']:.3f} | {o['nll']:.3f} | {b['ece15']:.3f} | {o['ece15']:.3f} |")
        if "baseline" in r:
            o = r["baseline"]["afterTemperature"]
            lines.append(f"| {name} | mini-Xception | {fmt(o['accuracy'])} | {fmt(o['accuracy5way']) if 'accuracy5way' in o else '—'} | {o['macroF1']:.3f} | {o['nll']:.3f} | {o['ece15']:.3f} | (T=1) |")
    lines += ["", "Per-class recall (after temperature; the baseline at T=1):", "",
              "| set | model | " + " | ".join(LABELS) + " |", "|---|---|" + "---|" * 6]
    for name, r in res.items():
        for who in ("ours", "baseline"):
            if who in r:
                rc = r[who]["afterTemperature"]["recall"]
                lines.append(f"| {name} | {who} | " + " | ".join(fmt(rc[l]) if l in rc else "—" for l in LABELS) + " |")
    for name, r in res.items():
        for who in ("ours", "baseline"):
            if who in r:
                o = r[who]["afterTemperature"]
                lines += ["", f"Confusion, {who}, {name} (rows true, columns predicted):", "",
                          "| true \\ pred | " + " | ".join(LABELS) + " |", "|---|" + "---|" * 6]
                for rn, row in zip(o["confusionRows"], o["confusion"]):
                    lines.append(f"| {rn} | " + " | ".join(str(v) for v in row) + " |")
    lines += ["", "| set | variant | accuracy | 5-way acc | macro-F1 | NLL | ECE15 |", "|---|---|---|---|---|---|---|"]
    for name, ab in abl.items():
        for k, o in ab.items():
            lines.append(f"| {name} | {k} | {fmt(o['accuracy'])} | {fmt(o['accuracy5way']) if 'accuracy5way' in o else '—'} | {o['macroF1']:.3f} | {o['nll']:.3f} | {o['ece15']:.3f} |")
    for name, r in res.items():
        if "tfjsVsPyTorchMaxAbsProbDiff" in r:
            lines.append(f"\nTF.js vs PyTorch on {name}: max |prob diff| {r['tfjsVsPyTorchMaxAbsProbDiff']:.2e}, argmax agreement {fmt(r['tfjsArgmaxAgreement'])}")
    md = "\n".join(lines)
    open(os.path.join(RUNS, a.run, "report.md"), "w").write(md)
    print(md)
    reliability_png(res, os.path.join(OUT, "reliability.png"))


def reliability_png(res, path):
    try:
        import matplotlib
        matplotlib.use("Agg")
        import matplotlib.pyplot as plt
    except ImportError:
        print("matplotlib missing: no reliability diagram"); return
    fig, axes = plt.subplots(1, len(res), figsize=(5 * len(res), 4.6))
    for ax, (name, r) in zip(axes, res.items()):
        ax.plot([0, 1], [0, 1], "k:", lw=1, label="perfect")
        curves = [("ours, T=1", r["ours"]["beforeTemperature"], "tab:orange"),
                  ("ours, fitted T", r["ours"]["afterTemperature"], "tab:blue")]
        if "baseline" in r:
            curves.append(("mini-Xception", r["baseline"]["afterTemperature"], "tab:gray"))
        for lab, o, c in curves:
            rel = np.array(o["reliability"])
            ax.plot(rel[:, 3], rel[:, 4], "o-", color=c, ms=3, label=f"{lab} (ECE {o['ece15']:.3f})")
        ax.set_title(name); ax.set_xlabel("confidence (max prob)"); ax.set_ylabel("accuracy")
        ax.set_xlim(0, 1); ax.set_ylim(0, 1); ax.legend(fontsize=8, loc="upper left"); ax.grid(alpha=.3)
    fig.suptitle("Reliability, 15 equal-width bins")
    fig.tight_layout(); fig.savefig(path, dpi=90)
    print("wrote", path)


if __name__ == "__main__":
    main()
