"""Cached arrays, the train/validation split and batched GPU-free augmentation."""
import math, os
import numpy as np
import torch
import torch.nn.functional as F
from common import CACHE, SEED, LABELS, SIZE


def cache_file(key, size=SIZE):
    """prepare.py's cache of one set; 48 px (1.x) keeps the original names."""
    return os.path.join(CACHE, key + ("" if size == SIZE else f"-{size}") + ".npz")


def load(key, size=SIZE):
    z = np.load(cache_file(key, size))
    return {"X": torch.from_numpy(z["X"].astype(np.float32)), "y": torch.from_numpy(z["y"]),
            "subject": z["subject"], "path": z["path"]}


def split_train(seed=SEED, val_frac=0.1, lfw=False, size=SIZE):
    """FER train: stratified random 10% validation. AI Hub train: 10% of the *people*.
    With lfw: lfw-expr train as a third source, 10% of its people for validation (drawn after the
    others, so the FER and AI Hub splits stay those of 1.2.0)."""
    rng = np.random.RandomState(seed)
    fer, kr = load("fer_train", size), load("kr_train", size)
    fy = fer["y"].numpy()
    fval = np.zeros(len(fy), bool)
    for c in range(len(LABELS)):
        idx = np.where(fy == c)[0]
        fval[rng.choice(idx, int(round(len(idx) * val_frac)), replace=False)] = True
    people = np.array(sorted(set(kr["subject"].tolist())))
    vp = set(rng.choice(people, int(round(len(people) * val_frac)), replace=False).tolist())
    kval = np.array([s in vp for s in kr["subject"]])

    def sub(d, m, src):
        m = torch.from_numpy(m)
        return {"X": d["X"][m], "y": d["y"][m], "src": torch.full((int(m.sum()),), src, dtype=torch.long),
                "row": torch.nonzero(m)[:, 0]}  # row in the cached array (soft labels are stored by row)

    out = {"train": [sub(fer, ~fval, 0), sub(kr, ~kval, 1)], "val": [sub(fer, fval, 0), sub(kr, kval, 1)],
           "val_people": sorted(vp)}
    if lfw:
        lf = load("lfw_train", size)
        lpeople = np.array(sorted(set(lf["subject"].tolist())))
        lvp = set(rng.choice(lpeople, int(round(len(lpeople) * val_frac)), replace=False).tolist())
        lval = np.array([s in lvp for s in lf["subject"]])
        out["train"].append(sub(lf, ~lval, 2)); out["val"].append(sub(lf, lval, 2))
        out["lfw_val_people"] = sorted(lvp)
    return out


SOURCES = ("fer", "kr", "lfw")


def balanced_indices(src, y, shares, alphas, n, g):
    """n training rows drawn with replacement: source s gets shares[s] of them, and inside it class c
    is drawn in proportion to count_c ** (1 - alphas[s]) (0 = as the data has it, 1 = every class
    equally often: the rare lfw-expr classes are a handful of noisy labels, so in between)."""
    w = torch.zeros(len(y), dtype=torch.float64)
    for s, (share, alpha) in enumerate(zip(shares, alphas)):
        ms = src == s
        if not ms.any() or share == 0:
            continue
        counts = torch.bincount(y[ms], minlength=len(LABELS)).double()
        p = torch.where(counts > 0, counts ** (1 - alpha), torch.zeros_like(counts)); p = p / p.sum()
        w[ms] = share * p[y[ms]] / counts[y[ms]]
    return torch.multinomial(w, n, replacement=True, generator=g)


def cat(parts):
    return {k: torch.cat([p[k] for p in parts]) for k in parts[0]}


# zoom range (side of the sampled window / side of the stored crop) per source.
# FER crops are already loose; AI Hub crops are tight, so they are mostly zoomed
# *out* to reach the SDK's framing (1.3 x detector box), while still covering
# their native tight framing.
ZOOM = {0: (0.88, 1.12), 1: (0.92, 1.38), 2: (0.88, 1.12)}  # 2: lfw-expr, framed like FER


def augment(x, src, g):
    """x: [B,S,S] float 0..255 (S = 48 for 1.x) -> [B,1,S,S] in [-1,1], randomly transformed."""
    B, S = x.shape[0], x.shape[-1]
    dev = x.device
    u = lambda lo, hi: lo + (hi - lo) * torch.rand(B, generator=g)
    zlo = torch.tensor([ZOOM[int(s)][0] for s in src]); zhi = torch.tensor([ZOOM[int(s)][1] for s in src])
    zoom = zlo + (zhi - zlo) * torch.rand(B, generator=g)
    aspect = torch.exp(u(-0.06, 0.06))
    ang = u(-13, 13) * math.pi / 180
    flip = (torch.rand(B, generator=g) < 0.5).float() * -2 + 1
    tx, ty = u(-0.08, 0.08) * 2, u(-0.08, 0.08) * 2
    sx, sy = zoom * aspect, zoom / aspect
    cos, sin = torch.cos(ang), torch.sin(ang)
    theta = torch.stack([torch.stack([sx * cos * flip, -sy * sin, tx], 1),
                         torch.stack([sx * sin * flip, sy * cos, ty], 1)], 1)
    grid = F.affine_grid(theta, (B, 1, S, S), align_corners=False)
    x = F.grid_sample(x.unsqueeze(1) / 255.0, grid, mode="bilinear", padding_mode="border", align_corners=False)
    # photometric: contrast around the per-image mean, brightness, mild gamma
    mean = x.mean(dim=(1, 2, 3), keepdim=True)
    x = (x - mean) * u(0.65, 1.35).view(B, 1, 1, 1) + mean + u(-0.2, 0.2).view(B, 1, 1, 1)
    x = x.clamp(0, 1) ** torch.exp(u(-0.25, 0.25)).view(B, 1, 1, 1)
    # cutout on a quarter of the images
    m = torch.rand(B, generator=g) < 0.25
    if m.any():
        cx = (torch.rand(B, generator=g) * S).long(); cy = (torch.rand(B, generator=g) * S).long()
        yy = torch.arange(S).view(1, S, 1); xx = torch.arange(S).view(1, 1, S)
        half = round(7 * S / 48)  # a 14x14 box at 48 px, the same share of the face at any size
        box = ((yy - cy.view(B, 1, 1)).abs() < half) & ((xx - cx.view(B, 1, 1)).abs() < half) & m.view(B, 1, 1)
        x = torch.where(box.unsqueeze(1), torch.full_like(x, 0.5), x)
    return x * 2 - 1


def plain(x):
    return (x.unsqueeze(1) / 255.0) * 2 - 1
