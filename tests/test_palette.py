"""One palette for the course: series drawn together stay apart for colour-blind readers, text
is dark enough to read, and notebooks take their colours from helpers.palette.

Colour-vision deficiency is simulated with colorspacious (Machado et al. 2009, severity 100),
and colours are compared by their distance in CAM02-UCS, a space where equal distances look
equally different."""
import itertools
import json
import re
from pathlib import Path

import numpy as np
import pytest
from colorspacious import cspace_convert, deltaE
from matplotlib.colors import to_rgb
from matplotlib.lines import Line2D
from matplotlib.patches import StepPatch

from helpers import palette
from helpers.figures import FIGURES

ROOT = Path(__file__).resolve().parents[1]
DEFICIENCIES = ["deuteranomaly", "protanomaly"]
APART = 12.0  # CAM02-UCS distance: Okabe-Ito's closest pair under either deficiency is 14


def simulated(color, deficiency):
    rgb = np.array(to_rgb(color))
    if deficiency is None:
        return rgb
    return np.clip(cspace_convert(rgb, {"name": "sRGB1+CVD", "cvd_type": deficiency,
                                        "severity": 100}, "sRGB1"), 0, 1)


def distance(first, second, deficiency):
    return float(deltaE(simulated(first, deficiency), simulated(second, deficiency),
                        input_space="sRGB1"))


def contrast_on_white(color):
    """WCAG 2 contrast ratio of ``color`` on white."""
    linear = np.array(to_rgb(color))
    linear = np.where(linear <= 0.03928, linear / 12.92, ((linear + 0.055) / 1.055) ** 2.4)
    luminance = float(linear @ [0.2126, 0.7152, 0.0722])
    return 1.05 / (luminance + 0.05)


@pytest.mark.parametrize("deficiency", [None, *DEFICIENCIES])
def test_series_colours_stay_apart(deficiency):
    colours = list(palette.OKABE_ITO.values())
    closest = min(distance(a, b, deficiency) for a, b in itertools.combinations(colours, 2))
    assert closest >= APART


def test_grey_misread_as_a_colour_is_not_a_series_colour():
    # the reference grey is for 1e0 lines and rules of thumb: it must not be a series colour
    assert palette.REFERENCE_GREY not in palette.SEQUENCE


@pytest.mark.parametrize("name", ["TEXT_GREY"])
def test_text_colours_reach_4_5_to_1(name):
    assert contrast_on_white(getattr(palette, name)) >= 4.5


def test_the_old_grey_was_too_light():  # the measurement the text colour answers
    assert contrast_on_white("#777777") < 4.5 <= contrast_on_white(palette.TEXT_GREY)


def test_every_meaning_has_a_palette_colour_and_style():
    for name in palette.COLORS:
        assert palette.color_of(name) in {*palette.OKABE_ITO.values(), palette.REFERENCE_GREY}
        assert palette.style_of(name) is not None
    with pytest.raises(ValueError, match="no colour is fixed for 'purple'.*residual"):
        palette.color_of("purple")


def test_a_family_and_its_variants_share_a_colour_and_differ_in_style():
    assert palette.color_of("he_uniform") == palette.color_of("he")
    assert palette.style_of("he_uniform") != palette.style_of("he")
    assert palette.style_of("plain") != palette.style_of("residual")


# ----- the live figures ---------------------------------------------------------------------

def series(ax):
    """(colour, line style, marker) of every labelled line and histogram drawn on ``ax``."""
    drawn = []
    for artist in [*ax.get_lines(), *ax.patches]:
        if not artist.get_visible() or artist.get_label().startswith("_"):
            continue
        if isinstance(artist, Line2D):
            drawn.append((artist.get_color(), str(artist.get_linestyle()), artist.get_marker()))
        elif isinstance(artist, StepPatch):  # a filled histogram shows its face, else its edge
            colour = artist.get_facecolor() if artist.get_fill() else artist.get_edgecolor()
            drawn.append((colour[:3], str(artist.get_linestyle()), None))
    return drawn


@pytest.fixture(scope="module")
def figures():
    return {name: builder() for name, (builder, _) in FIGURES.items()}


@pytest.mark.parametrize("name", list(FIGURES))
def test_live_figures_draw_with_the_palette_and_keep_series_apart(figures, name):
    allowed = {to_rgb(colour) for colour in [*palette.OKABE_ITO.values(), palette.REFERENCE_GREY]}
    for ax in figures[name].fig.axes:
        drawn = series(ax)
        for colour, _, _ in drawn:
            assert to_rgb(colour) in allowed, f"{name}: {colour} is not a palette colour"
        for (colour_a, style_a, marker_a), (colour_b, style_b, marker_b) in \
                itertools.combinations(drawn, 2):
            if to_rgb(colour_a) == to_rgb(colour_b):  # the same colour: another cue must differ
                assert (style_a, marker_a) != (style_b, marker_b), f"{name}: two identical series"
                continue
            for deficiency in DEFICIENCIES:
                assert distance(colour_a, colour_b, deficiency) >= APART, \
                    f"{name}: {colour_a} and {colour_b} look alike under {deficiency}"
        if len(drawn) > 4:  # many series: colour is not the only cue
            assert len({(style, marker) for _, style, marker in drawn}) > 1, name


# ----- the notebooks ------------------------------------------------------------------------

COLOUR_LITERAL = re.compile(
    r"""\b(colou?rs?|c|facecolors?|edgecolors?|markerfacecolor|markeredgecolor)\s*=\s*"""
    r"""[\[(]?\s*["'][^"']+["']""")


@pytest.mark.parametrize("path", sorted((ROOT / "notebooks").glob("*.ipynb")),
                         ids=lambda path: path.name[:2])
def test_notebook_plots_take_their_colours_from_the_palette(path):
    literals = []
    for index, cell in enumerate(json.loads(path.read_text())["cells"]):
        if cell["cell_type"] == "code":
            literals += [(index, match.group(0))
                         for match in COLOUR_LITERAL.finditer("".join(cell["source"]))]
    assert not literals, f"colours written in the notebook instead of helpers.palette: {literals}"
