"""Weight-space interpolation between the shipped model and a fine-tuned run (WiSE-FT): the fine-tune
learns a new domain (lfw-expr) but forgets some of the old ones; a point on the straight line between
the two sets of weights keeps most of the gain and most of what was known.

The weights interpolated are the folded graphs (BatchNorm folded into the convolutions): the shipped
model as model.bin holds it, and the run's best.pt folded in float32. The mixing weight alpha is chosen
on validation only: the largest alpha on the grid whose FER and AI Hub validation NLLs (plain crop)
stay within --tolerance of the shipped model's; then the net is written as runs/<name>/best.pt, so
export.py exports it like any run.

  /usr/bin/python3 interpolate.py --base /work/cache/moodiary/v1.2.0 --run ft-lfw-kd --name wise-kd
"""
import argparse, json, os
import numpy as np
import torch
import torch.nn.functional as F
from common import RUNS, SEED
from data import split_train, plain
from export import load_tfjs, load_folded, folded_forward, logits_of
from warmstart import from_folded


def mix(P0, P1, alpha):
    """(1 - alpha) * P0 + alpha * P1, tensor by tensor (same architecture)."""
    def m(a, b):
        if isinstance(a, dict):
            return {k: m(a[k], b[k]) for k in a}
        if isinstance(a, list):
            return [m(x, y) for x, y in zip(a, b)]
        if isinstance(a, tuple):
            return tuple(m(x, y) for x, y in zip(a, b))
        if torch.is_tensor(a):
            return (1 - alpha) * a + alpha * b
        assert a == b, (a, b)
        return a
    return m(P0, P1)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--base", required=True, help="exported folder of the shipped model")
    ap.add_argument("--run", required=True, help="fine-tuned run")
    ap.add_argument("--which", default="best.pt", help="its checkpoint: best.pt (lowest validation loss) or last.pt (end of the cycle)")
    ap.add_argument("--name", required=True, help="run folder to write the chosen interpolation to")
    ap.add_argument("--tolerance", type=float, default=0.0, help="allowed rise of the FER / AI Hub validation NLL")
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    P0 = load_tfjs(a.base)
    _, P1, ck, _ = load_folded(a.run, quantized=False, which=a.which)
    val = split_train(lfw=True)["val"]
    grid, rows = [round(v, 2) for v in np.arange(0, 1.0001, 0.1)], []
    for alpha in grid:
        P = mix(P0, P1, alpha)
        r = {"alpha": alpha}
        for src, p in zip(("fer", "kr", "lfw"), val):
            L = logits_of(lambda t: folded_forward(P, t), p["X"])
            r[src] = {"nll": F.cross_entropy(L, p["y"]).item(), "acc": (L.argmax(1) == p["y"]).float().mean().item()}
        rows.append(r)
        print(json.dumps(r), flush=True)
    ok = [r for r in rows if r["fer"]["nll"] <= rows[0]["fer"]["nll"] + a.tolerance
          and r["kr"]["nll"] <= rows[0]["kr"]["nll"] + a.tolerance]
    best = max(ok, key=lambda r: r["alpha"])
    print("chosen alpha", best["alpha"], flush=True)
    P = mix(P0, P1, best["alpha"])
    pick = torch.randperm(len(val[0]["y"]), generator=torch.Generator().manual_seed(SEED))[:1024]
    net, _ = from_folded(P, plain(val[0]["X"][pick]))
    run = os.path.join(RUNS, a.name); os.makedirs(run, exist_ok=True)
    cfg = {**ck["config"], "interpolate": {"base": a.base, "run": a.run, "which": a.which, "alpha": best["alpha"], "tolerance": a.tolerance}}
    torch.save({"model": net.state_dict(), "epoch": ck["epoch"], "config": cfg, "val": best}, os.path.join(run, "best.pt"))
    json.dump({"grid": rows, "chosen": best["alpha"], "config": cfg}, open(os.path.join(run, "interpolation.json"), "w"), indent=1)
    print("wrote", os.path.join(run, "best.pt"))


if __name__ == "__main__":
    main()
