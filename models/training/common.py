"""Shared constants and preprocessing for the Moodiary emotion model pipeline.

Preprocessing is deliberately simple so that the TypeScript test and the SDK can
reproduce it exactly: RGB -> gray with weights (0.299, 0.587, 0.114) in float,
then a plain bilinear resize with half-pixel centres (no antialiasing), i.e.
torch.nn.functional.interpolate(mode='bilinear', align_corners=False) ==
tf.image.resizeBilinear(halfPixelCenters=true). Pixels are mapped x/255*2-1.
"""
import os

LABELS = ["happy", "angry", "sad", "anxious", "neutral", "embarrassed"]
LABEL_INDEX = {l: i for i, l in enumerate(LABELS)}
GRAY = (0.299, 0.587, 0.114)
SIZE = 48

REPO = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", ".."))
DATA = os.environ.get("MOODIARY_DATA", os.path.abspath(os.path.join(REPO, "..", "shared", "data")))
CACHE = os.environ.get("MOODIARY_CACHE", "/tmp/moodiary-cache")
RUNS = os.environ.get("MOODIARY_RUNS", os.path.join(REPO, "models", "training", "runs"))
SEED = 20261124

# (dataset, split) -> cached file name
SETS = {
    "fer_train": ("fer2013", "train"),
    "fer_test": ("fer2013", "publictest"),
    "kr_train": ("aihub-kr", "train"),
    "kr_dev": ("aihub-kr", "dev"),
    "lfw_train": ("lfw-expr", "train"),
    "lfw_dev": ("lfw-expr", "dev"),
}


def to_model_input(gray_uint8_or_float):
    """[N,48,48] gray 0..255 -> float tensor [N,1,48,48] in [-1,1]."""
    import torch
    x = torch.as_tensor(gray_uint8_or_float).float()
    return (x / 255.0 * 2.0 - 1.0).unsqueeze(1)
