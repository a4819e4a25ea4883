"""Decode the shared JPEGs once into cached arrays under $MOODIARY_CACHE (default /tmp/moodiary-cache).

For every set: gray float (0.299R+0.587G+0.114B), bilinear-resized (half-pixel
centres, no antialias) to 48x48 (or --size), stored as float16 0..255 (no rounding, so the
cache equals what the TS test computes), plus int64 labels and subject ids.
"""
import csv, os, sys, time
import numpy as np
import torch
import torch.nn.functional as F
from PIL import Image
from common import LABEL_INDEX, GRAY, SIZE, DATA, CACHE, SETS


def load_gray(path):
    im = Image.open(path)
    a = np.asarray(im.convert("RGB") if im.mode != "L" else im, dtype=np.float32)
    if a.ndim == 3:
        a = a[..., 0] * GRAY[0] + a[..., 1] * GRAY[1] + a[..., 2] * GRAY[2]
    return a


def resize(a, size=SIZE):
    if a.shape == (size, size):
        return a
    t = torch.from_numpy(np.ascontiguousarray(a))[None, None]
    return F.interpolate(t, size=(size, size), mode="bilinear", align_corners=False)[0, 0].numpy()


def read_index(dataset, split):
    rows = []
    with open(os.path.join(DATA, dataset, "index.csv"), newline="") as f:
        for r in csv.DictReader(f):
            if r["split"] == split:
                rows.append(r)
    rows.sort(key=lambda r: r["path"])
    return rows


def main(size=SIZE):
    from data import cache_file
    os.makedirs(CACHE, exist_ok=True)
    for key, (dataset, split) in SETS.items():
        out = cache_file(key, size)
        if os.path.exists(out):
            print("cached", out); continue
        t0 = time.time()
        rows = read_index(dataset, split)
        X = np.zeros((len(rows), size, size), np.float16)
        for i, r in enumerate(rows):
            X[i] = resize(load_gray(os.path.join(DATA, dataset, r["path"])), size)
        y = np.array([LABEL_INDEX[r["label"]] for r in rows], np.int64)
        subj = np.array([r["subject"] or "" for r in rows])
        paths = np.array([r["path"] for r in rows])
        np.savez(out, X=X, y=y, subject=subj, path=paths)
        print(f"{key}: {len(rows)} images in {time.time()-t0:.0f}s -> {out}", flush=True)


if __name__ == "__main__":
    import argparse
    ap = argparse.ArgumentParser()
    ap.add_argument("--size", type=int, default=SIZE, help="side in pixels (48: 1.x; 64-96: the 2.0 variant, cached as <set>-<size>.npz)")
    torch.set_num_threads(1)
    main(ap.parse_args().size)
