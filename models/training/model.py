"""Small residual separable CNN for 48x48 gray faces (Xception-style), and its larger-input variant.

Only ops with exact TF.js layer equivalents are used: stride-1 3x3 convs with
symmetric padding 1 (== TF 'same' for stride 1), MaxPool 2x2 stride 2 on even
sizes (== TF 'valid'), separable convs (depthwise 3x3 + pointwise 1x1, no
non-linearity between), 1x1 shortcut convs, BatchNorm (folded at export), ReLU,
Add, global average pooling and a Dense head that outputs raw logits.

stem="s2" (the 2.0 variant, for 64-96 px grey or colour input): the first conv has stride 2 and the
second is separable, so a 96 px face costs about what 48 px costs 1.2.0 (~14 M multiply-adds with
1.2.0's blocks) while the net sees twice the detail. The stride-2 conv pads one pixel right and
bottom only, which is exactly TF's 'same' padding for stride 2 on an even size.
"""
import torch
import torch.nn as nn


class ConvBN(nn.Module):
    def __init__(self, cin, cout, relu=True):
        super().__init__()
        self.conv = nn.Conv2d(cin, cout, 3, padding=1, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.relu = relu

    def forward(self, x):
        x = self.bn(self.conv(x))
        return torch.relu(x) if self.relu else x


class StridedConvBN(nn.Module):
    """3x3 conv, stride 2, TF 'same' padding on an even input (0 left/top, 1 right/bottom)."""

    def __init__(self, cin, cout):
        super().__init__()
        self.pad = nn.ZeroPad2d((0, 1, 0, 1))
        self.conv = nn.Conv2d(cin, cout, 3, stride=2, bias=False)
        self.bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        return torch.relu(self.bn(self.conv(self.pad(x))))


class SepBN(nn.Module):
    def __init__(self, cin, cout, relu=True):
        super().__init__()
        self.dw = nn.Conv2d(cin, cin, 3, padding=1, groups=cin, bias=False)
        self.pw = nn.Conv2d(cin, cout, 1, bias=False)
        self.bn = nn.BatchNorm2d(cout)
        self.relu = relu

    def forward(self, x):
        x = self.bn(self.pw(self.dw(x)))
        return torch.relu(x) if self.relu else x


class Block(nn.Module):
    """maxpool/2 -> [sep+relu, sep] + 1x1 shortcut -> relu"""

    def __init__(self, cin, cout, n=2):
        super().__init__()
        self.pool = nn.MaxPool2d(2)
        layers = [SepBN(cin, cout)] + [SepBN(cout, cout) for _ in range(n - 2)] + [SepBN(cout, cout, relu=False)]
        self.branch = nn.Sequential(*layers)
        self.short = nn.Conv2d(cin, cout, 1, bias=False)
        self.short_bn = nn.BatchNorm2d(cout)

    def forward(self, x):
        x = self.pool(x)
        return torch.relu(self.branch(x) + self.short_bn(self.short(x)))


class EmotionNet(nn.Module):
    def __init__(self, widths=(16, 32, 64, 128, 176), depths=(2, 2, 2), dropout=0.3, n_classes=6,
                 channels=1, stem="plain"):
        super().__init__()
        self.widths, self.depths, self.channels, self.stem = tuple(widths), tuple(depths), channels, stem
        c0, c1, *cs = widths
        if stem == "plain":   # 1.x: two 3x3 convs at full resolution
            self.stem1, self.stem2 = ConvBN(channels, c0), ConvBN(c0, c1)
        elif stem == "s2":    # 2.0 variant: stride-2 conv, then a separable conv at half resolution
            self.stem1, self.stem2 = StridedConvBN(channels, c0), SepBN(c0, c1)
        else:
            raise ValueError(f"unknown stem {stem!r}")
        blocks, cin = [], c1
        for c, d in zip(cs, depths):
            blocks.append(Block(cin, c, d)); cin = c
        self.blocks = nn.Sequential(*blocks)
        self.drop = nn.Dropout(dropout)
        self.fc = nn.Linear(cin, n_classes)

    def forward(self, x):
        x = self.blocks(self.stem2(self.stem1(x)))
        x = x.mean(dim=(2, 3))
        return self.fc(self.drop(x))


def from_config(c):
    """The net a run's config (train.py's arguments, as config.json keeps them) describes."""
    return EmotionNet([int(v) for v in c["widths"].split(",")], [int(v) for v in c["depths"].split(",")], c["dropout"],
                      channels=3 if c.get("colour") else 1, stem=c.get("stem", "plain"))


def multiply_adds(m, size):
    """Multiply-adds of one forward pass at size x size (convolutions and the head)."""
    total, hooks = [0], []

    def count(mod, inp, out):
        if isinstance(mod, nn.Conv2d):
            total[0] += out.numel() * mod.in_channels // mod.groups * mod.kernel_size[0] * mod.kernel_size[1]
        elif isinstance(mod, nn.Linear):
            total[0] += mod.in_features * mod.out_features
    for mod in m.modules():
        if isinstance(mod, (nn.Conv2d, nn.Linear)):
            hooks.append(mod.register_forward_hook(count))
    was = m.training
    m.eval()
    with torch.no_grad():
        m(torch.zeros(1, m.channels, size, size))
    m.train(was)
    for h in hooks:
        h.remove()
    return total[0]


def n_params(m):
    return sum(p.numel() for p in m.parameters())
