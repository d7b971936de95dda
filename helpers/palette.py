"""The course's one palette: colours with fixed meanings, safe for colour-blind readers.

The series colours are Okabe and Ito's (2008) "colour universal design" set, which stays
distinguishable under the common forms of colour blindness (tests/test_palette.py checks it
with colorspacious' simulation of deuteranopia and protanopia). The same thing keeps the same
colour in every notebook and every live figure: plain networks are orange and residual ones
blue, LeCun's initialization is blue wherever it is drawn, and so on. Where more than four
series share one axes, a line style (:data:`LINESTYLES`) tells them apart too, so colour is
never the only cue.

Use it as ``COLORS["residual"]`` or ``color_of("he")`` (which names what exists when asked for
something that does not). Text drawn in grey uses :data:`TEXT_GREY`, which reads at 7:1 on
white (the guidelines ask at least 4.5:1; matplotlib's "grey" is 3.5:1).
"""

# Okabe & Ito's colours, without their yellow (too faint for a line on white)
OKABE_ITO = {
    "black": "#000000",
    "orange": "#E69F00",
    "sky blue": "#56B4E9",
    "bluish green": "#009E73",
    "blue": "#0072B2",
    "vermillion": "#D55E00",
    "reddish purple": "#CC79A7",
}
# for reference lines and marks that are not a data series (1e0, the rule of thumb, ...)
REFERENCE_GREY = "#999999"
# for text: notes under a figure, labels drawn in grey (7.0:1 on white)
TEXT_GREY = "#595959"

_C = OKABE_ITO
COLORS = {
    # initialization schemes (notebooks 04, 06, 07, 08)
    "zeros": REFERENCE_GREY,
    "normal": _C["orange"],          # N(0, 1): too large
    "classic_uniform": _C["reddish purple"],  # the old U[-1/sqrt(n), 1/sqrt(n)] default
    "lecun": _C["blue"],
    "xavier": _C["bluish green"],
    "he": _C["vermillion"],
    "orthogonal": _C["black"],
    "too small": _C["sky blue"],
    "too large": _C["orange"],
    # activations (notebooks 02, 03, 04)
    "linear": _C["black"],
    "sigmoid": _C["reddish purple"],
    "tanh": _C["blue"],
    "relu": _C["vermillion"],
    "leaky_relu": _C["orange"],
    "gelu": _C["bluish green"],
    "silu": _C["sky blue"],
    "selu": _C["black"],
    # architectures: the problem in orange, its fix in blue
    "plain": _C["orange"],
    "residual": _C["blue"],
    "rnn": _C["orange"],
    "lstm": _C["blue"],
    # the two quantities of a gradient figure
    "weight gradient": _C["blue"],   # ||dL/dW^[l]||
    "activation gradient": _C["orange"],  # ||dL/da^[l]||
    # what theory predicts, against what is measured
    "theory": _C["black"],
    "measured": _C["reddish purple"],
    # the two sides of the edge of chaos, and the float64 limits
    "ordered": _C["blue"],
    "chaotic": _C["vermillion"],
    "overflow": _C["vermillion"],
    "underflow": _C["blue"],
}
# the schemes' variants share their family's colour; the line style tells them apart
for _variant, _family in {"xavier_uniform": "xavier", "xavier_normal": "xavier",
                          "glorot": "xavier", "glorot_uniform": "xavier", "he_uniform": "he",
                          "he_normal": "he", "kaiming": "he", "kaiming_uniform": "he",
                          "lecun_normal": "lecun"}.items():
    COLORS[_variant] = COLORS[_family]

# a second cue for series that share an axes: uniform variants dashed, and so on
LINESTYLES = {name: "-" for name in COLORS}
LINESTYLES.update({"xavier_uniform": "--", "glorot_uniform": "--", "he_uniform": "--",
                   "kaiming_uniform": "--", "classic_uniform": "-.", "too small": ":",
                   "too large": (0, (5, 1, 1, 1)), "normal": (0, (5, 1, 1, 1)),
                   "residual": "-", "plain": "--", "rnn": "--", "lstm": "-",
                   "activation gradient": "--", "theory": "-", "measured": ":"})

# series in order, for a figure whose series have no fixed meaning (layers, seeds, ...)
SEQUENCE = [_C["blue"], _C["orange"], _C["bluish green"], _C["reddish purple"], _C["sky blue"],
            _C["vermillion"], _C["black"]]
SEQUENCE_STYLES = ["-", "--", "-.", ":", (0, (5, 1, 1, 1)), (0, (1, 1)), (0, (3, 1, 1, 1, 1, 1))]


def color_of(name):
    """The course's colour for ``name`` (a scheme, an activation, "plain", "residual", ...)."""
    try:
        return COLORS[name]
    except KeyError:
        raise ValueError(f"no colour is fixed for {name!r}; the palette has: "
                         f"{', '.join(sorted(COLORS))}") from None


def style_of(name):
    """The line style that goes with ``color_of(name)`` (the second cue)."""
    color_of(name)
    return LINESTYLES[name]
