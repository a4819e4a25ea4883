"""Export the best checkpoint to a TF.js layers model + descriptor + golden outputs.

Steps: fold every BatchNorm into the preceding convolution, round the folded
weights to what model.bin stores (uint8 for the wide 1x1 convolutions, float16
for the rest; TF.js dequantises at load), choose the test-time views (flip, crop
zooms) and fit the temperature on the *validation* split only, and write
models/emotion/{model.json,model.bin,descriptor.json,golden.json}.

  /usr/bin/python3 export.py --run long-kd
"""
import argparse, copy, json, os
import numpy as np
import torch
import torch.nn.functional as F
from common import LABELS, GRAY, REPO, RUNS, SIZE
from model import from_config

OUT = os.environ.get("MOODIARY_EXPORT_DIR", os.path.join(REPO, "models", "emotion"))
# weights stored as uint8 when a tensor has at least this many values (0: float16 only)
UINT8_MIN = int(os.environ.get("MOODIARY_UINT8_MIN", "16384"))
CROP = {"scale": 1.3, "offsetY": 0.0, "square": True, "alignEyes": True}
# test-time crop scales tried on validation (multiples of CROP's scale; below 1 = a tighter crop).
# At most three: with flip that is six passes per face.
ZOOM_CANDIDATES = [(1.0,), (0.9, 1.0), (0.9, 0.95, 1.0), (0.85, 0.95, 1.0)]


def fold_bn(w, bn):
    s = bn.weight.detach() / torch.sqrt(bn.running_var + bn.eps)
    w = w.detach() * s.view(-1, *([1] * (w.ndim - 1)))
    b = bn.bias.detach() - bn.running_mean * s
    return w, b


def folded_params(model):
    """Ordered list of (name, kind, tensors) with BN folded, PyTorch layouts."""
    P = []
    if getattr(model, "stem", "plain") == "s2":  # stride-2 conv, then a separable conv (model.py's 2.0 stem)
        w, b = fold_bn(model.stem1.conv.weight, model.stem1.bn)
        P.append(("stem1", "conv", {"w": w, "b": b, "stride": 2}))
        w, b = fold_bn(model.stem2.pw.weight, model.stem2.bn)
        P.append(("stem2", "sepconv", {"dw": model.stem2.dw.weight.detach(), "pw": w, "b": b}))
    else:
        for n in ["stem1", "stem2"]:
            m = getattr(model, n)
            w, b = fold_bn(m.conv.weight, m.bn)
            P.append((n, "conv", {"w": w, "b": b}))
    for i, blk in enumerate(model.blocks):
        seps = []
        for j, sep in enumerate(blk.branch):
            w, b = fold_bn(sep.pw.weight, sep.bn)
            seps.append((f"b{i}_sep{j}", "sep", {"dw": sep.dw.weight.detach(), "pw": w, "b": b, "relu": sep.relu}))
        w, b = fold_bn(blk.short.weight, blk.short_bn)
        P.append((f"b{i}", "block", {"seps": seps, "short": {"w": w, "b": b}}))
    P.append(("logits", "dense", {"w": model.fc.weight.detach(), "b": model.fc.bias.detach()}))
    return P


def tf_names(P):
    """(P entry dict, key, TF.js weight name) for every tensor of the folded graph, in to_tfjs's naming."""
    for name, kind, d in P:
        if kind in ("conv", "dense"):
            yield d, "w", f"{name}/kernel"; yield d, "b", f"{name}/bias"
        elif kind == "sepconv":
            yield d, "dw", f"{name}/depthwise_kernel"; yield d, "pw", f"{name}/pointwise_kernel"
            yield d, "b", f"{name}/bias"
        elif kind == "block":
            for sname, _, s in d["seps"]:
                yield s, "dw", f"{sname}/depthwise_kernel"; yield s, "pw", f"{sname}/pointwise_kernel"
                yield s, "b", f"{sname}/bias"
            yield d["short"], "w", f"{name}_short/kernel"; yield d["short"], "b", f"{name}_short/bias"


def quantize_(P, uint8_min=UINT8_MIN):
    """Round the folded weights the way model.bin stores them, in place.

    Tensors with at least `uint8_min` values (the wide 1x1 convolutions) become
    uint8 with one affine (min, scale) per tensor, the format TF.js dequantises
    at load (q * scale + min, in double, stored as float32); the rest float16.
    Returns {TF.js weight name: (min, scale)} for the uint8 ones.
    """
    qspec = {}
    for d, k, tf_name in tf_names(P):
        t = d[k]
        if uint8_min and t.numel() >= uint8_min:
            v = t.double()
            lo, hi = float(np.float32(v.min())), float(v.max())
            scale = float(np.float32((hi - lo) / 255))
            q = torch.round((v - lo) / scale).clamp(0, 255)
            d[k] = (q * scale + lo).float()
            qspec[tf_name] = (lo, scale)
        else:
            d[k] = t.to(torch.float16).float()
    return qspec


def folded_forward(P, x):
    """Reference forward of the exported graph (NCHW, float32)."""
    for name, kind, d in P:
        if kind == "conv" and d.get("stride", 1) == 2:  # TF 'same' for stride 2: pad right and bottom only
            x = torch.relu(F.conv2d(F.pad(x, (0, 1, 0, 1)), d["w"], d["b"], stride=2))
        elif kind == "conv":
            x = torch.relu(F.conv2d(x, d["w"], d["b"], padding=1))
        elif kind == "sepconv":
            x = torch.relu(F.conv2d(F.conv2d(x, d["dw"], None, padding=1, groups=x.shape[1]), d["pw"], d["b"]))
        elif kind == "block":
            x = F.max_pool2d(x, 2)
            y = x
            for _, _, s in d["seps"]:
                y = F.conv2d(F.conv2d(y, s["dw"], None, padding=1, groups=y.shape[1]), s["pw"], s["b"])
                if s["relu"]:
                    y = torch.relu(y)
            x = torch.relu(y + F.conv2d(x, d["short"]["w"], d["short"]["b"]))
        elif kind == "dense":
            x = F.linear(x.mean(dim=(2, 3)), d["w"], d["b"])
    return x


def load_folded(run, quantized=True, which="best.pt", uint8_min=UINT8_MIN):
    """-> (PyTorch model, folded graph as model.bin stores it, checkpoint, uint8 specs)"""
    ck = torch.load(os.path.join(RUNS, run, which))
    model = from_config(ck["config"])
    model.load_state_dict(ck["model"]); model.eval()
    P = folded_params(model)
    qspec = quantize_(P, uint8_min) if quantized else {}
    return model, P, ck, qspec


def load_tfjs(model_dir):
    """The folded graph (folded_params' layout) back from an exported model.json + model.bin: the
    shipped weights exactly as TF.js rebuilds them (float16 widened, uint8 dequantised)."""
    mj = json.load(open(os.path.join(model_dir, "model.json")))
    blob = b"".join(open(os.path.join(model_dir, p), "rb").read() for g in mj["weightsManifest"] for p in g["paths"])
    W, off = {}, 0
    for spec in (s for g in mj["weightsManifest"] for s in g["weights"]):
        n, q = int(np.prod(spec["shape"])), spec["quantization"]
        if q["dtype"] == "uint8":
            a = (np.frombuffer(blob, np.uint8, n, off) * q["scale"] + q["min"]).astype(np.float32); off += n
        else:
            a = np.frombuffer(blob, "<f2", n, off).astype(np.float32); off += 2 * n
        W[spec["name"]] = torch.from_numpy(a.reshape(spec["shape"]).copy())
    layers = {l["name"]: l for l in mj["modelTopology"]["config"]["layers"]}
    conv = lambda n: W[n + "/kernel"].permute(3, 2, 0, 1).contiguous()   # inverse of to_tfjs's permute(2, 3, 1, 0)
    if layers["stem2"]["class_name"] == "SeparableConv2D":  # the 2.0 stem: stride-2 conv + separable conv
        P = [("stem1", "conv", {"w": conv("stem1"), "b": W["stem1/bias"], "stride": 2}),
             ("stem2", "sepconv", {"dw": W["stem2/depthwise_kernel"].permute(2, 3, 0, 1).contiguous(),
                                   "pw": W["stem2/pointwise_kernel"].permute(3, 2, 0, 1).contiguous(), "b": W["stem2/bias"]})]
        assert layers["stem1"]["config"]["strides"] == [2, 2]
    else:
        P = [(n, "conv", {"w": conv(n), "b": W[n + "/bias"]}) for n in ("stem1", "stem2")]
    i = 0
    while f"b{i}_pool" in layers:
        seps, j = [], 0
        while f"b{i}_sep{j}" in layers:
            s = f"b{i}_sep{j}"
            seps.append((s, "sep", {"dw": W[s + "/depthwise_kernel"].permute(2, 3, 0, 1).contiguous(),
                                    "pw": W[s + "/pointwise_kernel"].permute(3, 2, 0, 1).contiguous(),
                                    "b": W[s + "/bias"], "relu": layers[s]["config"]["activation"] == "relu"}))
            j += 1
        P.append((f"b{i}", "block", {"seps": seps, "short": {"w": conv(f"b{i}_short"), "b": W[f"b{i}_short/bias"]}}))
        i += 1
    P.append(("logits", "dense", {"w": W["logits/kernel"].t().contiguous(), "b": W["logits/bias"]}))
    return P


def logits_of(fwd, X, flip=False, bs=64):
    """Logits of [N,S,S] images in batches of bs (64: 512 overflows a small CPU cache, ~10x slower per image;
    the figures agree to float rounding)."""
    from data import plain
    out = []
    with torch.no_grad():
        for i in range(0, len(X), bs):
            x = plain(X[i:i + bs])
            l = fwd(x)
            if flip:
                l = (l + fwd(torch.flip(x, dims=[3]))) / 2
            out.append(l)
    return torch.cat(out)


def zoom_view(X, z):
    """[N,S,S] 0..255 sampled about the centre at scale z: output pixel i reads input
    z*i + (S-1)/2*(1-z) (border repeated; 23.5 at 48 px), exactly what the SDK's tf.image.transform does."""
    if z == 1:
        return X
    theta = torch.tensor([[z, 0, 0], [0, z, 0]], dtype=torch.float32).expand(len(X), 2, 3)
    grid = F.affine_grid(theta, (len(X), 1, X.shape[-2], X.shape[-1]), align_corners=False)
    return F.grid_sample(X.unsqueeze(1), grid, mode="bilinear", padding_mode="border", align_corners=False)[:, 0]


def tta_logits(fwd, X, flip, zooms, bs=64):
    """Logits averaged over the zoomed views (and their mirror images with flip), as the SDK does."""
    views = [logits_of(fwd, zoom_view(X, z), flip, bs) for z in zooms]
    return torch.stack(views).mean(0)


def fit_temperature(logits, y):
    best = (float("inf"), 1.0)
    for t in np.arange(0.5, 3.0, 0.005):
        nll = F.cross_entropy(logits / float(t), y).item()
        if nll < best[0]:
            best = (nll, float(t))
    return round(best[1], 3)


# ---------------------------------------------------------------- TF.js JSON
def layer(cls, name, inbound, **config):
    config = {"name": name, "trainable": True, "dtype": "float32", **config}
    nodes = [] if inbound is None else [[[i, 0, 0, {}] for i in inbound]]
    return {"class_name": cls, "config": config, "name": name, "inbound_nodes": nodes}


def to_tfjs(P, size=SIZE):
    layers = [{"class_name": "InputLayer", "name": "input", "inbound_nodes": [],
               "config": {"batch_input_shape": [None, size, size, P[0][2]["w"].shape[1]], "dtype": "float32",
                          "sparse": False, "name": "input"}}]
    weights = []  # (name, np.array TF layout)
    conv_common = {"strides": [1, 1], "data_format": "channels_last", "dilation_rate": [1, 1]}
    prev = "input"
    for name, kind, d in P:
        if kind == "conv":
            w = d["w"].permute(2, 3, 1, 0).numpy()
            stride = d.get("stride", 1)
            layers.append(layer("Conv2D", name, [prev], filters=w.shape[3], kernel_size=[3, 3], padding="same",
                                activation="relu", use_bias=True, **{**conv_common, "strides": [stride, stride]}))
            weights += [(f"{name}/kernel", w), (f"{name}/bias", d["b"].numpy())]
            prev = name
        elif kind == "sepconv":
            dw, pw = d["dw"].permute(2, 3, 0, 1).numpy(), d["pw"].permute(2, 3, 1, 0).numpy()
            layers.append(layer("SeparableConv2D", name, [prev], filters=pw.shape[3], kernel_size=[3, 3],
                                padding="same", depth_multiplier=1, activation="relu", use_bias=True, **conv_common))
            weights += [(f"{name}/depthwise_kernel", dw), (f"{name}/pointwise_kernel", pw), (f"{name}/bias", d["b"].numpy())]
            prev = name
        elif kind == "block":
            pool = f"{name}_pool"
            layers.append(layer("MaxPooling2D", pool, [prev], pool_size=[2, 2], strides=[2, 2], padding="valid",
                                data_format="channels_last"))
            y = pool
            for sname, _, s in d["seps"]:
                dw = s["dw"].permute(2, 3, 0, 1).numpy()
                pw = s["pw"].permute(2, 3, 1, 0).numpy()
                layers.append(layer("SeparableConv2D", sname, [y], filters=pw.shape[3], kernel_size=[3, 3],
                                    padding="same", depth_multiplier=1, activation="relu" if s["relu"] else "linear",
                                    use_bias=True, **conv_common))
                weights += [(f"{sname}/depthwise_kernel", dw), (f"{sname}/pointwise_kernel", pw), (f"{sname}/bias", s["b"].numpy())]
                y = sname
            short = f"{name}_short"
            w = d["short"]["w"].permute(2, 3, 1, 0).numpy()
            layers.append(layer("Conv2D", short, [pool], filters=w.shape[3], kernel_size=[1, 1], padding="valid",
                                activation="linear", use_bias=True, **conv_common))
            weights += [(f"{short}/kernel", w), (f"{short}/bias", d["short"]["b"].numpy())]
            layers.append(layer("Add", f"{name}_add", [y, short]))
            layers.append(layer("Activation", f"{name}_relu", [f"{name}_add"], activation="relu"))
            prev = f"{name}_relu"
        elif kind == "dense":
            layers.append(layer("GlobalAveragePooling2D", "gap", [prev], data_format="channels_last"))
            w = d["w"].t().numpy()
            layers.append(layer("Dense", name, ["gap"], units=w.shape[1], activation="linear", use_bias=True))
            weights += [(f"{name}/kernel", w), (f"{name}/bias", d["b"].numpy())]
            prev = name
    topology = {"class_name": "Model", "keras_version": "2.11.0", "backend": "tensorflow",
                "config": {"name": "moodiary_emotion", "layers": layers,
                           "input_layers": [["input", 0, 0]], "output_layers": [[prev, 0, 0]]}}
    return topology, weights


def write_tfjs(P, qspec, out_dir, size=SIZE):
    topology, weights = to_tfjs(P, size)
    blobs, specs = [], []
    for name, arr in weights:
        if name in qspec:
            lo, scale = qspec[name]
            q = np.round((arr.astype(np.float64) - lo) / scale).clip(0, 255).astype(np.uint8)
            assert np.array_equal((q * scale + lo).astype(np.float32), arr), name  # exactly what TF.js rebuilds
            blobs.append(q.tobytes())
            quant = {"dtype": "uint8", "min": lo, "scale": scale, "original_dtype": "float32"}
        else:
            blobs.append(np.ascontiguousarray(arr, dtype="<f2").tobytes())
            quant = {"dtype": "float16", "original_dtype": "float32"}
        specs.append({"name": name, "shape": list(arr.shape), "dtype": "float32", "quantization": quant})
    assert set(qspec) <= {n for n, _ in weights}, "tf_names and to_tfjs disagree on weight names"
    data = b"".join(blobs)
    open(os.path.join(out_dir, "model.bin"), "wb").write(data)
    mj = {"format": "layers-model", "generatedBy": "moodiary models/training/export.py", "convertedBy": None,
          "modelTopology": topology, "weightsManifest": [{"paths": ["model.bin"], "weights": specs}]}
    json.dump(mj, open(os.path.join(out_dir, "model.json"), "w"), separators=(",", ":"))
    return len(data)


def golden_inputs(SIZE=SIZE):
    """8 synthetic SIZE x SIZE (48 for 1.x) inputs in model space [-1,1] (no dataset pixels)."""
    rng = np.random.RandomState(7)
    yy, xx = np.mgrid[0:SIZE, 0:SIZE].astype(np.float32) / (SIZE - 1)
    ims = [np.zeros((SIZE, SIZE), np.float32),
           xx * 2 - 1,
           np.where(((np.arange(SIZE)[:, None] // 6 + np.arange(SIZE)[None] // 6) % 2) == 0, 0.8, -0.8).astype(np.float32),
           np.sin(xx * 9) * np.cos(yy * 7),
           rng.uniform(-1, 1, (SIZE, SIZE)).astype(np.float32)]
    # a crude synthetic "face": ellipse, two eyes, a mouth (drawn, not a photo)
    face = np.full((SIZE, SIZE), -0.6, np.float32)
    face[((xx - 0.5) / 0.36) ** 2 + ((yy - 0.52) / 0.46) ** 2 < 1] = 0.4
    for ex in (0.35, 0.65):
        face[((xx - ex) / 0.07) ** 2 + ((yy - 0.4) / 0.04) ** 2 < 1] = -0.9
    smile = (np.abs(yy - (0.7 + 0.5 * (xx - 0.5) ** 2 * -1 + 0.05)) < 0.025) & (np.abs(xx - 0.5) < 0.17)
    ims.append(np.where(smile, -0.9, face))
    frown = (np.abs(yy - (0.72 - 1.2 * (xx - 0.5) ** 2 * -1 - 0.03)) < 0.025) & (np.abs(xx - 0.5) < 0.17)
    ims.append(np.where(frown, -0.9, face))
    smooth = rng.uniform(-1, 1, (6, 6)).astype(np.float32)
    ims.append(F.interpolate(torch.from_numpy(smooth)[None, None], size=(SIZE, SIZE), mode="bilinear",
                             align_corners=False)[0, 0].numpy())
    return np.stack(ims).astype(np.float32)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--run", default="main")
    ap.add_argument("--version", default="1.2.0")
    a = ap.parse_args()
    torch.set_num_threads(int(os.environ.get("THREADS", "1")))
    from data import split_train
    model, P32, ck, _ = load_folded(a.run, quantized=False)
    P = copy.deepcopy(P32)
    qspec = quantize_(P)
    torch.save(ck, os.path.join(RUNS, a.run, "exported.pt"))  # evaluate.py reads exactly this checkpoint
    # sanity: folded + rounded graph == PyTorch model (eval mode) up to the weight rounding
    size = int(ck["config"].get("size", SIZE))
    x = torch.from_numpy(golden_inputs(size)).unsqueeze(1)
    with torch.no_grad():
        ref, got = model(x), folded_forward(P, x)
    print(f"fold + rounding ({len(qspec)} uint8 tensors) max |logit diff| vs PyTorch:", (ref - got).abs().max().item())

    lfw = bool(ck["config"].get("lfw"))  # a run that trained on lfw-expr also chooses views and T on its validation people
    d = split_train(lfw=lfw, size=size)
    # what the storage format costs on validation (no flip, T = 1): float32 vs all-float16 vs shipped
    P16 = copy.deepcopy(P32)
    quantize_(P16, uint8_min=0)
    storage = {}
    for label, G in (("float32", P32), ("float16", P16), ("shipped", P)):
        vl = [logits_of(lambda t: folded_forward(G, t), p["X"]) for p in d["val"]]
        storage[label] = {"nll": [F.cross_entropy(l, p["y"]).item() for l, p in zip(vl, d["val"])],
                          "acc": [(l.argmax(1) == p["y"]).float().mean().item() for l, p in zip(vl, d["val"])]}
        print(f"val weights {label}: nll fer/kr {storage[label]['nll']} acc {storage[label]['acc']}")
    fwd = lambda t: folded_forward(P, t)
    vy = torch.cat([p["y"] for p in d["val"]])
    # test-time views: flip and crop zooms, each setting with its own temperature; lowest validation loss wins
    views = {}
    for p_i, p in enumerate(d["val"]):
        for z in sorted({z for c in ZOOM_CANDIDATES for z in c}):
            X = zoom_view(p["X"], z)
            views[p_i, z, False] = logits_of(fwd, X, False)
            views[p_i, z, True] = logits_of(fwd, torch.flip(X, dims=[2]), False)
    res = []
    for flip in (False, True):
        for zooms in ZOOM_CANDIDATES:
            vl = [torch.stack([views[i, z, f] for z in zooms for f in ((False, True) if flip else (False,))]).mean(0)
                  for i in range(len(d["val"]))]
            T = fit_temperature(torch.cat(vl), vy)
            per = [F.cross_entropy(l / T, p["y"]).item() for l, p in zip(vl, d["val"])]
            acc = [(l.argmax(1) == p["y"]).float().mean().item() for l, p in zip(vl, d["val"])]
            res.append({"flip": flip, "zooms": list(zooms), "T": T, "val_loss": sum(per) / len(per), "nll": per, "acc": acc})
            print(f"val flip={flip} zooms={zooms}: T={T} nll {'/'.join(f'{v:.4f}' for v in per)} "
                  f"acc {'/'.join(f'{v:.4f}' for v in acc)} (fer/kr{'/lfw' if lfw else ''})")
    best = min(res, key=lambda r: r["val_loss"])
    flip, zooms, T = best["flip"], best["zooms"], best["T"]
    plain = {f: next(r for r in res if r["flip"] == f and r["zooms"] == [1.0]) for f in (False, True)}

    os.makedirs(OUT, exist_ok=True)
    nbytes = write_tfjs(P, qspec, OUT, size)
    gx = golden_inputs(size)
    with torch.no_grad():
        gl = folded_forward(P, torch.from_numpy(gx).unsqueeze(1))
    golden = {"description": "Synthetic inputs (NOT dataset images) in model space [-1,1], shape [48,48,1] "
                             "row-major; 'logits' are the raw model outputs of the exported (BN-folded, weights "
                             "rounded as model.bin stores them) PyTorch graph without flip-TTA; 'probabilities' = softmax(logits / "
                             "temperature) with the descriptor's temperature, also without flip-TTA.",
              "temperature": T, "shape": [size, size, 1], "labels": LABELS,
              "inputs": [[round(float(v), 6) for v in im.ravel()] for im in gx],
              "logits": [[round(float(v), 6) for v in r] for r in gl],
              "probabilities": [[round(float(v), 7) for v in r] for r in torch.softmax(gl / T, 1)]}
    # the zoomed test-time views of the same inputs, so the TF.js zoom is checked against grid_sample
    with torch.no_grad():
        golden["zoomLogits"] = {str(z): [[round(float(v), 6) for v in r] for r in
                                         folded_forward(P, zoom_view(torch.from_numpy(gx), z).unsqueeze(1))]
                                for z in zooms if z != 1}
    json.dump(golden, open(os.path.join(OUT, "golden.json"), "w"))
    desc_path = os.path.join(OUT, "descriptor.json")
    old = json.load(open(desc_path)) if os.path.exists(desc_path) else {}
    desc = {
        "format": "moodiary-emotion-model", "formatVersion": 1,
        "name": "moodiary-emotion", "version": a.version,
        "model": {"url": "model.json", "format": "layers"},
        "labels": LABELS,
        "outputs": {"kind": "logits", "labels": LABELS},
        "input": {"width": size, "height": size, "channels": 1, "gray": list(GRAY), "range": [-1, 1]},
        "crop": CROP,
        "temperature": T, "flipTTA": bool(flip), "zoomTTA": zooms,
        "metrics": old.get("metrics", {}),
    }
    desc["metrics"]["validation"] = {
        "note": "held-out part of the training folders (FER train 10% stratified, AI Hub train 10% of people"
                + (", lfw-expr train 10% of people" if lfw else "") + "); "
                "used for checkpoint choice, the test-time views (flip, zooms) and the temperature",
        "withoutFlip": plain[False], "withFlip": plain[True], "testTimeViews": res, "checkpointEpoch": ck["epoch"],
        "weightBytes": nbytes, "uint8Tensors": sorted(qspec), "weightStorage": storage}
    json.dump(desc, open(desc_path, "w"), indent=2)
    print(f"wrote {OUT}: model.bin {nbytes} bytes, T={T}, flipTTA={flip}, zoomTTA={zooms}")


if __name__ == "__main__":
    main()
