"""A teacher's probabilities on every cached training image, saved once for distillation.

The teacher is an exported model (model.json + descriptor.json), read through its shipped test-time
views and temperature as the SDK reads it (--views all), or, cheaper on a busy CPU, through the crop
and its mirror image with the temperature export.py fitted for that setting (--views flip). Output: $MOODIARY_CACHE/soft-<name>.npz with one
[N, 6] float32 array per training set, rows in the cache's order (train.py --soft <name>).

  /usr/bin/python3 soft_labels.py --model ../emotion --name v1.2.0-flip --views flip
"""
import argparse, json, os, time
import numpy as np
import torch
from common import CACHE
from data import load
from export import load_tfjs, folded_forward, tta_logits

TRAIN_SETS = ("fer_train", "kr_train", "lfw_train")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--model", required=True, help="folder with model.json, model.bin, descriptor.json")
    ap.add_argument("--name", required=True)
    ap.add_argument("--views", choices=("all", "flip"), default="all")
    ap.add_argument("--threads", type=int, default=1)
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    out = os.path.join(CACHE, f"soft-{a.name}.npz")
    if os.path.exists(out):
        print("cached", out); return
    desc = json.load(open(os.path.join(a.model, "descriptor.json")))
    P = load_tfjs(a.model)
    fwd = lambda t: folded_forward(P, t)
    flip, zooms, T = desc["flipTTA"], desc.get("zoomTTA", [1.0]), desc["temperature"]
    if a.views == "flip":
        row = next(r for r in desc["metrics"]["validation"]["testTimeViews"] if r["flip"] and r["zooms"] == [1.0])
        flip, zooms, T = True, [1.0], row["T"]
    res = {}
    for key in TRAIN_SETS:
        t0 = time.time()
        X = load(key, desc["input"]["width"])["X"]  # the teacher's own input size (the caches keep one order)
        parts = []
        for i in range(0, len(X), 4096):  # in chunks, to show progress on a busy machine
            parts.append(tta_logits(fwd, X[i:i + 4096], flip, zooms))
            print(f"  {key} {i + len(parts[-1])}/{len(X)} {time.time() - t0:.0f}s", flush=True)
        res[key] = torch.softmax(torch.cat(parts) / T, 1).numpy().astype(np.float32)
        print(f"{key}: {len(X)} images, {time.time() - t0:.0f}s", flush=True)
    np.savez(out + ".tmp.npz", **res, model=f"{desc['name']}@{desc['version']}",
             views=f"flip={flip} zooms={zooms} T={T}")
    os.replace(out + ".tmp.npz", out)
    print("wrote", out)


if __name__ == "__main__":
    main()
