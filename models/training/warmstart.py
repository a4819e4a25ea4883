"""A trainable EmotionNet rebuilt from an exported model (model.json + model.bin), so a shipped
model can be fine-tuned without its training checkpoint (which lives outside the repo).

The export folded every BatchNorm into its convolution. Here each BatchNorm is put back with
running statistics measured on calibration images and an affine that undoes them exactly:
weight = sqrt(var + eps), bias = folded bias + mean. In eval mode the net then computes the
exported function (up to float rounding); in train mode batch statistics are close to the
running ones, so fine-tuning starts from the shipped model instead of a perturbed one.
"""
import json, os
import torch
from export import load_tfjs
from model import EmotionNet


def config_of(P, dropout=0.3):
    """train.py-style config (widths, depths) of a folded graph."""
    blocks = [d for _, k, d in P if k == "block"]
    widths = [P[0][2]["w"].shape[0], P[1][2]["w"].shape[0]] + [d["short"]["w"].shape[0] for d in blocks]
    return {"widths": ",".join(map(str, widths)), "depths": ",".join(str(len(d["seps"])) for d in blocks),
            "dropout": dropout}


def from_tfjs(model_dir, calib):
    """-> (EmotionNet in eval mode computing the exported graph, config). calib: [N,1,48,48] model input."""
    return from_folded(load_tfjs(model_dir), calib)


def from_folded(P, calib):
    """The same from a folded graph (export.py's layout, e.g. load_tfjs's or an interpolation of two)."""
    cfg = config_of(P)
    net = EmotionNet([int(v) for v in cfg["widths"].split(",")], [int(v) for v in cfg["depths"].split(",")],
                     cfg["dropout"])
    pairs = []  # (module whose output a BatchNorm normalises, that BatchNorm, folded bias)
    for (name, kind, d) in P:
        if kind == "conv":
            m = getattr(net, name); m.conv.weight.data.copy_(d["w"]); pairs.append((m.conv, m.bn, d["b"]))
        elif kind == "block":
            blk = net.blocks[int(name[1:])]
            for sep, (_, _, s) in zip(blk.branch, d["seps"]):
                assert sep.relu == s["relu"]
                sep.dw.weight.data.copy_(s["dw"]); sep.pw.weight.data.copy_(s["pw"]); pairs.append((sep.pw, sep.bn, s["b"]))
            blk.short.weight.data.copy_(d["short"]["w"]); pairs.append((blk.short, blk.short_bn, d["short"]["b"]))
        elif kind == "dense":
            net.fc.weight.data.copy_(d["w"]); net.fc.bias.data.copy_(d["b"])
    # first pass: identity BatchNorms (exact exported function) while hooks record the pre-BN statistics
    stats, hooks = {}, []
    for conv, bn, b in pairs:
        bn.running_mean.zero_(); bn.running_var.fill_(1.0)
        bn.weight.data.fill_((1.0 + bn.eps) ** 0.5); bn.bias.data.copy_(b)
        hooks.append(conv.register_forward_hook(
            lambda mod, inp, out: stats.__setitem__(mod, (out.mean(dim=(0, 2, 3)), out.var(dim=(0, 2, 3), unbiased=False)))))
    net.eval()
    with torch.no_grad():
        ref = net(calib)
    for h in hooks:
        h.remove()
    for conv, bn, b in pairs:
        mean, var = stats[conv]
        bn.running_mean.copy_(mean); bn.running_var.copy_(var)
        bn.weight.data.copy_(torch.sqrt(var + bn.eps)); bn.bias.data.copy_(b + mean)
    with torch.no_grad():
        diff = (net(calib) - ref).abs().max().item()
    assert diff < 1e-3, f"re-inflated BatchNorms change the exported function by {diff}"
    return net, cfg


if __name__ == "__main__":  # check: python3 warmstart.py ../emotion
    import sys
    from export import golden_inputs
    net, cfg = from_tfjs(sys.argv[1], torch.from_numpy(golden_inputs()).unsqueeze(1))
    g = json.load(open(os.path.join(sys.argv[1], "golden.json")))
    with torch.no_grad():
        print(cfg, (net(torch.from_numpy(golden_inputs()).unsqueeze(1)) - torch.tensor(g["logits"])).abs().max().item())
