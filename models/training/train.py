"""Train the Moodiary emotion net. Seeded and resumable (checkpoint every epoch).

  /usr/bin/python3 train.py --name long --epochs 80
  /usr/bin/python3 train.py --name long-kd --epochs 12 --lr 1e-3 --init long/best.pt --teacher long,long-restart
  /usr/bin/python3 train.py --name ft-lfw-kd --init-tfjs DIR --teacher-tfjs DIR --lfw --kd 0.8 --kd-lfw 0.3 --shares 0.45,0.35,0.2 ...
Re-running the same command resumes from runs/<name>/last.pt.
"""
import argparse, json, os, time
import numpy as np
import torch
import torch.nn.functional as F
from common import CACHE, LABELS, RUNS, SEED
from data import split_train, cat, augment, plain, balanced_indices, SOURCES
from model import from_config, n_params

# NHWC tensors: same arithmetic, ~1.5x faster convolutions and pooling on CPU (oneDNN)
CL = torch.channels_last
# validation forward batch: 512 images overflow a small CPU cache (~10x slower per image than 64)
VAL_BATCH = 64


def evaluate_val(model, val, flip=False):
    model.eval()
    out = {}
    with torch.no_grad():
        for name, part in zip(SOURCES, val):
            logits = []
            for i in range(0, len(part["y"]), VAL_BATCH):
                x = plain(part["X"][i:i + VAL_BATCH]).contiguous(memory_format=CL)
                l = model(x)
                if flip:
                    l = (l + model(torch.flip(x, dims=[3]))) / 2
                logits.append(l)
            logits = torch.cat(logits)
            pred = logits.argmax(1)
            out[name] = {"nll": F.cross_entropy(logits, part["y"]).item(),
                         "acc": (pred == part["y"]).float().mean().item(),
                         "recall": [round((pred[part["y"] == c] == c).float().mean().item(), 4) if (part["y"] == c).any()
                                    else None for c in range(len(LABELS))]}
    out["loss"] = sum(out[n]["nll"] for n in SOURCES[:len(val)]) / len(val)
    return out


def load_run(name):
    """best.pt of runs/<name> as an eval-mode model (a distillation teacher)"""
    ck = torch.load(os.path.join(RUNS, name, "best.pt"))
    m = from_config(ck["config"])
    m.load_state_dict(ck["model"])
    return m.to(memory_format=CL).eval()


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--name", default="main")
    ap.add_argument("--epochs", type=int, default=80)
    ap.add_argument("--batch", type=int, default=64)
    ap.add_argument("--lr", type=float, default=4e-3)
    ap.add_argument("--wd", type=float, default=0.05)
    ap.add_argument("--smoothing", type=float, default=0.1)
    ap.add_argument("--dropout", type=float, default=0.3)
    ap.add_argument("--mixup", type=float, default=0.0, help="mixup Beta(a, a); 0 = off")
    ap.add_argument("--widths", default="8,16,48,112,192")
    ap.add_argument("--depths", default="2,3,3")
    ap.add_argument("--size", type=int, default=48, help="input side (prepare.py --size caches it); 64-96 with --stem s2")
    ap.add_argument("--stem", default="plain", choices=("plain", "s2"), help="s2: stride-2 stem (model.py's 2.0 variant)")
    ap.add_argument("--threads", type=int, default=2)
    ap.add_argument("--teacher", default="", help="comma-separated runs whose averaged best.pt predictions are soft targets")
    ap.add_argument("--kd", type=float, default=0.5, help="weight of the teacher's soft targets (with --teacher)")
    ap.add_argument("--init", default="", help="start from this checkpoint's weights (second, warm-restart cycle)")
    ap.add_argument("--init-tfjs", default="", help="start from an exported model folder (BatchNorms re-inflated, warmstart.py)")
    ap.add_argument("--calib", choices=("augmented", "plain"), default="augmented", help="--init-tfjs: images for the BatchNorm statistics")
    ap.add_argument("--freeze-bn", action="store_true", help="BatchNorms keep their running statistics (eval mode) while training")
    ap.add_argument("--lfw", action="store_true", help="add lfw-expr train (10%% of its people for validation)")
    ap.add_argument("--teacher-tfjs", default="", help="comma-separated exported model folders as online teachers (per-source --kd)")
    ap.add_argument("--soft", default="", help="comma-separated cached teacher outputs ($MOODIARY_CACHE/soft-<name>.npz, soft_labels.py)")
    ap.add_argument("--kd-lfw", type=float, default=None, help="--kd for lfw-expr images (default: --kd)")
    ap.add_argument("--shares", default="", help="source shares of each epoch's draw, fer,kr,lfw (empty: one pass in order of a permutation)")
    ap.add_argument("--balance", default="0", help="with --shares: class balance inside each source (fer,kr,lfw or one for all), 0 natural .. 1 uniform")
    ap.add_argument("--epoch-size", type=int, default=0, help="with --shares: images drawn per epoch (default: the training set's size)")
    ap.add_argument("--max-epochs-this-call", type=int, default=0, help="stop after N epochs (resume later)")
    a = ap.parse_args()
    torch.set_num_threads(a.threads)
    run = os.path.join(RUNS, a.name); os.makedirs(run, exist_ok=True)
    cfg = vars(a).copy()
    json.dump(cfg, open(os.path.join(run, "config.json"), "w"), indent=1)

    d = split_train(lfw=a.lfw, size=a.size)
    tr = cat(d["train"]); val = d["val"]
    json.dump(d["val_people"], open(os.path.join(run, "val_people.json"), "w"))
    if a.lfw:
        json.dump(d["lfw_val_people"], open(os.path.join(run, "lfw_val_people.json"), "w"))
    N = len(tr["y"])
    shares = [float(v) for v in a.shares.split(",")] if a.shares else None
    alphas = [float(v) for v in a.balance.split(",")] * (3 if "," not in a.balance else 1)
    steps = (a.epoch_size or N) // a.batch
    torch.manual_seed(SEED)
    if a.init_tfjs:
        from warmstart import from_tfjs
        pick = torch.randperm(N, generator=torch.Generator().manual_seed(SEED))[:2048]
        # BatchNorm statistics of augmented batches, as the exported net's were (its train-mode function)
        calib = augment(tr["X"][pick], tr["src"][pick], torch.Generator().manual_seed(SEED)) if a.calib == "augmented" \
            else plain(tr["X"][pick])
        model, arch = from_tfjs(a.init_tfjs, calib)
        cfg.update(arch)  # the checkpoint's config describes the net it holds
        json.dump(cfg, open(os.path.join(run, "config.json"), "w"), indent=1)
        print("initialised from", a.init_tfjs, arch, flush=True)
    else:
        model = from_config(cfg)
    model = model.to(memory_format=CL)
    cached_soft = None
    if a.soft:  # mean of the cached teachers' probabilities, one row per training image
        files = [np.load(os.path.join(CACHE, f"soft-{n}.npz")) for n in a.soft.split(",")]
        keys = ["fer_train", "kr_train", "lfw_train"]
        cached_soft = torch.zeros(N, len(LABELS))
        for s in range(len(d["train"])):
            m = tr["src"] == s
            cached_soft[m] = torch.from_numpy(np.mean([f[keys[s]] for f in files], 0))[tr["row"][m]]
    kd_of = torch.where(tr["src"] == 2, a.kd if a.kd_lfw is None else a.kd_lfw, a.kd)
    if a.init:
        model.load_state_dict(torch.load(os.path.join(RUNS, a.init) if not os.path.isabs(a.init) else a.init)["model"])
        print("initialised from", a.init, flush=True)
    teachers = [load_run(t) for t in a.teacher.split(",") if t]
    if a.teacher_tfjs:  # exported models as online teachers (exact, eval mode)
        from warmstart import from_tfjs
        calib = plain(tr["X"][:256])
        teachers += [from_tfjs(f, calib)[0].to(memory_format=CL).eval() for f in a.teacher_tfjs.split(",")]
    decay = [p for n, p in model.named_parameters() if p.ndim > 1]
    no_decay = [p for n, p in model.named_parameters() if p.ndim <= 1]
    opt = torch.optim.AdamW([{"params": decay, "weight_decay": a.wd}, {"params": no_decay, "weight_decay": 0}], lr=a.lr)
    sched = torch.optim.lr_scheduler.OneCycleLR(opt, max_lr=a.lr, total_steps=a.epochs * steps, pct_start=0.2,
                                                div_factor=20, final_div_factor=200)
    start, hist, best = 0, [], float("inf")
    last = os.path.join(run, "last.pt")
    if os.path.exists(last):
        ck = torch.load(last)
        model.load_state_dict(ck["model"]); opt.load_state_dict(ck["opt"]); sched.load_state_dict(ck["sched"])
        start, hist, best = ck["epoch"], ck["hist"], ck["best"]
        print(f"resumed at epoch {start}", flush=True)
    sizes = lambda parts: ", ".join(f"{n} {len(p['y'])}" for n, p in zip(SOURCES, parts))
    print(f"train {N} ({sizes(d['train'])}), val {sizes(val)}; {steps} steps/epoch; params {n_params(model)}", flush=True)
    if start == 0 and (a.init or a.init_tfjs):  # where the warm start stands, in the same terms as every epoch
        print(json.dumps({"epoch": 0, "val": evaluate_val(model, val)}), flush=True)
    done_here = 0
    for ep in range(start, a.epochs):
        g = torch.Generator().manual_seed(SEED + ep)
        torch.manual_seed(SEED + 1000 + ep)
        perm = balanced_indices(tr["src"], tr["y"], shares, alphas, steps * a.batch, g) if shares \
            else torch.randperm(N, generator=g)
        model.train(); t0 = time.time(); tl, tc = 0.0, 0
        if a.freeze_bn:
            for m in model.modules():
                if isinstance(m, torch.nn.BatchNorm2d):
                    m.eval()
        for s in range(steps):
            idx = perm[s * a.batch:(s + 1) * a.batch]
            x = augment(tr["X"][idx], tr["src"][idx], g).contiguous(memory_format=CL)
            y = tr["y"][idx]
            if a.mixup > 0:  # mix each image with a shuffled partner; the loss mixes the two labels alike
                lam = float(np.random.RandomState(SEED + ep * 100003 + s).beta(a.mixup, a.mixup))
                j = torch.randperm(len(y), generator=g)
                out = model(lam * x + (1 - lam) * x[j])
                loss = lam * F.cross_entropy(out, y, label_smoothing=a.smoothing) + \
                    (1 - lam) * F.cross_entropy(out, y[j], label_smoothing=a.smoothing)
            elif cached_soft is not None or a.teacher_tfjs:  # per-source weight of the teachers' probability
                with torch.no_grad():  # online teachers see the augmented batch; cached ones saw the plain image
                    soft = torch.stack([F.softmax(t(x), 1) for t in teachers]).mean(0) if teachers else cached_soft[idx]
                out = model(x)
                w = kd_of[idx]
                loss = ((1 - w) * F.cross_entropy(out, y, label_smoothing=a.smoothing, reduction="none") +
                        w * F.cross_entropy(out, soft, reduction="none")).mean()
            elif teachers:  # distillation: the teachers' mean probability replaces part of the hard label
                with torch.no_grad():
                    soft = torch.stack([F.softmax(t(x), 1) for t in teachers]).mean(0)
                out = model(x)
                loss = (1 - a.kd) * F.cross_entropy(out, y, label_smoothing=a.smoothing) + \
                    a.kd * F.cross_entropy(out, soft)
            else:
                loss = F.cross_entropy(model(x), y, label_smoothing=a.smoothing)
            opt.zero_grad(set_to_none=True); loss.backward(); opt.step(); sched.step()
            tl += loss.item(); tc += 1
            if s % 100 == 0:
                print(f"  ep {ep+1} step {s}/{steps} loss {tl/tc:.4f} {time.time()-t0:.0f}s", flush=True)
        v = evaluate_val(model, val)
        rec = {"epoch": ep + 1, "train_loss": tl / tc, "val": v, "sec": time.time() - t0, "lr": sched.get_last_lr()[0]}
        hist.append(rec)
        print(json.dumps(rec), flush=True)
        if v["loss"] < best:
            best = v["loss"]
            torch.save({"model": model.state_dict(), "epoch": ep + 1, "val": v, "config": cfg}, os.path.join(run, "best.pt"))
        torch.save({"model": model.state_dict(), "opt": opt.state_dict(), "sched": sched.state_dict(),
                    "epoch": ep + 1, "hist": hist, "best": best, "config": cfg}, last + ".tmp")
        os.replace(last + ".tmp", last)
        json.dump(hist, open(os.path.join(run, "history.json"), "w"), indent=1)
        done_here += 1
        if a.max_epochs_this_call and done_here >= a.max_epochs_this_call:
            break
    print("done", flush=True)


if __name__ == "__main__":
    main()
