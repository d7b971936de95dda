"""The published facts notebook 06 prints, checked against their sources.

He, Zhang, Ren & Sun, "Deep Residual Learning for Image Recognition" (arXiv:1512.03385,
CVPR 2016), abstract: residual nets up to 152 layers on ImageNet; an ensemble achieves 3.57%
error on the ImageNet test set and won 1st place in the ILSVRC 2015 classification task.
He, Zhang, Ren & Sun, "Identity Mappings in Deep Residual Networks" (arXiv:1603.05027,
ECCV 2016), abstract: a 1001-layer ResNet on CIFAR-10 with 4.62% error.
"""
import ast
from pathlib import Path

import nbformat
import pytest

NOTEBOOK = Path(__file__).resolve().parent.parent / "notebooks" / "06_residual_connections.ipynb"

EXPECTED = {
    "RESNET_2015": {"layers": 152, "imagenet_top5_error_pct": 3.57},
    "PREACT_RESNET_2016": {"layers": 1001, "cifar10_error_pct": 4.62},
}


@pytest.fixture(scope="module")
def notebook():
    return nbformat.read(NOTEBOOK, as_version=4)


def _facts_cell(notebook):
    cells = [cell for cell in notebook.cells
             if cell.cell_type == "code" and "RESNET_2015 =" in cell.source]
    assert len(cells) == 1, "exactly one cell of notebook 06 should define the cited facts"
    return cells[0]


def _constants(cell):
    """The literal dicts assigned in the cell (parsed, not executed)."""
    constants = {}
    for node in ast.parse(cell.source).body:
        if isinstance(node, ast.Assign) and isinstance(node.targets[0], ast.Name):
            try:
                constants[node.targets[0].id] = ast.literal_eval(node.value)
            except ValueError:
                pass
    return constants


def test_the_notebook_states_the_published_numbers(notebook):
    constants = _constants(_facts_cell(notebook))
    for name, facts in EXPECTED.items():
        for key, value in facts.items():
            assert constants[name][key] == value, (name, key)
    assert "ILSVRC 2015" in constants["RESNET_2015"]["contest"]
    assert "1st place" in constants["RESNET_2015"]["contest"]
    assert "Deep Residual Learning" in constants["RESNET_2015"]["paper"]
    assert "Identity Mappings" in constants["PREACT_RESNET_2016"]["paper"]


def test_the_stored_output_prints_them(notebook):
    cell = _facts_cell(notebook)
    assert cell.execution_count is not None, "store notebook 06 executed"
    text = "".join(output.get("text", "") for output in cell.outputs)
    for phrase in ("152 layers", "1001 layers", "3.57% top-5 error on ImageNet",
                   "4.62% error on CIFAR-10", "ILSVRC 2015 classification, 1st place"):
        assert phrase in text, phrase
