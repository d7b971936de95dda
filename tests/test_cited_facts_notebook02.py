"""Facts notebook 02 cites from the literature, pinned against its Markdown.

The numbers are not computed by the notebooks, so nbval cannot keep them true: this test
does. Sources: He, Zhang, Ren, Sun, "Deep Residual Learning for Image Recognition" (2015;
ResNet-152 won the ILSVRC 2015 classification task); He, Zhang, Ren, Sun, "Identity Mappings
in Deep Residual Networks" (ECCV 2016; a 1001-layer pre-activation ResNet, 4.62% error on
CIFAR-10).
"""
from pathlib import Path

import nbformat
import pytest

NOTEBOOKS = Path(__file__).resolve().parent.parent / "notebooks"

RESNET_152_YEAR = 2015
PREACT_RESNET_LAYERS = 1001
PREACT_RESNET_CIFAR10_ERROR_PCT = 4.62
PREACT_RESNET_YEAR = 2016


def _markdown(name):
    notebook = nbformat.read(NOTEBOOKS / name, as_version=4)
    text = " ".join(cell.source for cell in notebook.cells if cell.cell_type == "markdown")
    return " ".join(text.split())  # one space between words, whatever the line breaks


@pytest.fixture(scope="module")
def notebook02():
    return _markdown("02_gradients_through_depth.ipynb")


def test_resnet_152_is_the_2015_imagenet_winner(notebook02):
    sentence = notebook02[notebook02.index("ResNet-152"):][:400]
    assert "152" in notebook02 and f"{RESNET_152_YEAR} ImageNet" in sentence
    assert "Deep Residual Learning" in sentence


def test_the_1001_layer_preactivation_resnet(notebook02):
    sentence = notebook02[notebook02.index(f"{PREACT_RESNET_LAYERS} layers") - 200:][:400]
    assert f"{PREACT_RESNET_CIFAR10_ERROR_PCT}% error on CIFAR-10" in sentence
    assert "pre-activation" in sentence and str(PREACT_RESNET_YEAR) in sentence
