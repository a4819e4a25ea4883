"""Small residual separable CNN for 48x48 gray faces (Xception-style).

Only ops with exact TF.js layer equivalents are used: stride-1 3x3 convs with
symmetric padding 1 (== TF 'same' for stride 1), MaxPool 2x2 stride 2 on even
sizes (== TF 'valid'), separable convs (depthwise 3x3 + pointwise 1x1, no
non-linearity between), 1x1 shortcut convs, BatchNorm (folded at export), ReLU,
Add, global average pooling and a Dense head that outputs raw logits.
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
    def __init__(self, widths=(16, 32, 64, 128, 176), depths=(2, 2, 2), dropout=0.3, n_classes=6):
        super().__init__()
        self.widths, self.depths = tuple(widths), tuple(depths)
        c0, c1, *cs = widths
        self.stem1 = ConvBN(1, c0)
        self.stem2 = ConvBN(c0, c1)
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
    return EmotionNet([int(v) for v in c["widths"].split(",")], [int(v) for v in c["depths"].split(",")], c["dropout"])


def n_params(m):
    return sum(p.numel() for p in m.parameters())
