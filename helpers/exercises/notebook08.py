"""Exercises of notebook 08 (diagnose a network while it trains).

Two predictions, made before the cell that shows the answer runs:
* what PyTorch's default biases do to the patient's signal (:func:`check_bias_prediction`);
* which change makes a 16-layer sigmoid network learn (:func:`check_sigmoid_fix_prediction`).

Two exercises:
1. The gradient of softmax cross-entropy with respect to the logits, by hand.
2. Five "mystery networks" that fail to train, each for another reason: name the cause and
   a fix that removes it.
"""
import re
from dataclasses import dataclass, field

import numpy as np

from ..course.notebook08 import DigitsNetwork
from . import (Feedback, correct, is_placeholder, judge_choice, not_attempted, read_array,
               rounding_feedback, within_rounding, wrong)

# ----- exercise 1: dL/dz of softmax cross-entropy ---------------------------------------------

EXERCISE_LOGITS = np.array([2.0, 1.0, 0.1, -1.0])
EXERCISE_LABEL = 1


def _softmax(logits):
    shifted = np.exp(logits - logits.max())
    return shifted / shifted.sum()


def check_softmax_gradient(answer):
    """Is ``answer`` dL/dz for L = -log softmax(z)[y], z = EXERCISE_LOGITS, y = EXERCISE_LABEL?

    Three significant figures (at the scale of the largest entry) are enough to be right."""
    size = EXERCISE_LOGITS.size
    gradient = read_array(
        answer, "write p = softmax(z) = exp(z) / sum(exp(z)) and L = -log p[y]; differentiate "
        "log p[y] = z[y] - log(sum(exp(z))) with respect to each z[k]. The answer is 4 numbers "
        "that add up to 0; give each to 3 decimals.", (size,), "gradient",
        "the answer should be 4 numbers (an array like np.array([...]))",
        f"there is one logit per class, {size} of them, so dL/dz has shape ({size},)",
        "softmax's gradient is always finite.")
    if isinstance(gradient, Feedback):
        return gradient
    p = _softmax(EXERCISE_LOGITS)
    one_hot = np.eye(size)[EXERCISE_LABEL]
    expected = p - one_hot
    if within_rounding(gradient, expected):
        return correct("dL/dz = softmax(z) - onehot(y). Every wrong class is pushed down by "
                       "its probability, the right one pulled up by 1 - p[y]; the entries add "
                       "up to 0. For a batch of N the loss is a mean, so each row is divided by "
                       "N: that is helpers' softmax_cross_entropy.")
    close = rounding_feedback(gradient, expected, "dL/dz")
    if close is not None:
        return close
    # typical mistakes, recognized to 2 significant figures (so a rounded mistake is named too;
    # none of them is within 2 figures of the right answer)
    typical = [
        (-expected, "the sign is flipped: that is the direction that *increases* the loss. "
                    "L = -log p[y], so dL/dz[y] = p[y] - 1 is negative."),
        (p, "that is softmax(z) itself; the label has to appear too: subtract 1 at the "
            "correct class."),
        (EXERCISE_LOGITS - one_hot, "the logits are not probabilities: apply softmax first, "
                                    "then subtract the one-hot label."),
        (expected / size, f"no need to divide by the number of classes ({size}); a mean over "
                          "a *batch* divides by N, but this is a single example."),
        (-one_hot / p[EXERCISE_LABEL], "that is dL/dp, the gradient with respect to the "
                                       "probabilities. Go one step further through softmax to "
                                       "reach the logits z."),
    ]
    for candidate, message in typical:
        if within_rounding(gradient, candidate, figures=2):
            return wrong(message)
    # entries rounded to 2 decimals add up to at most 4 x 0.005 = 0.02 away from 0
    if abs(gradient.sum()) > 0.02:
        return wrong(f"your entries add up to {gradient.sum():.3g}. Adding the same number to "
                     "every logit leaves softmax unchanged, so the gradient's entries must add "
                     "up to 0.")
    worst = int(np.argmax(np.abs(gradient - expected)))
    return wrong(f"entry {worst} is off by {abs(gradient[worst] - expected[worst]):.2g}. "
                 "Check p = softmax(z) first, then subtract 1 at the label.")


# ----- exercise 2: the mystery networks -------------------------------------------------------

# The causes and the fixes to choose from (an answer may use any spelling that reads the same:
# case, spaces, hyphens and "chi"/"χ" do not matter).
CAUSES = ("vanishing gradients", "exploding gradients", "dead relus", "saturated units",
          "learning rate too small")
FIXES = ("init for chi = 1", "zero the biases", "batch norm", "residual connections",
         "larger learning rate", "adam", "gradient clipping")
MYSTERY_NAMES = ("A", "B", "C", "D", "E")


@dataclass(frozen=True)
class MysteryNetwork:
    """One of the networks to diagnose: its name and how it is built and trained (``setup``,
    a :class:`~helpers.course.notebook08.DigitsNetwork`). Printing it shows only what you would
    see at a glance in someone's code: the depth and the activation."""

    name: str
    setup: DigitsNetwork = field(repr=False)

    def __repr__(self):
        return (f"mystery network {self.name}: {self.setup.depth} layers of "
                f"{self.setup.activation}, trained with {self.setup.optimizer.upper()}")


def mystery_networks():
    """The five networks of exercise 2, {"A": MysteryNetwork, ...}: all 16 layers deep, each
    failing to learn the digits for another reason. Diagnose them before you read the code."""
    base = DigitsNetwork(depth=16, width=32)
    setups = {
        "A": base.but(activation="relu", init="he", hidden_bias=-0.5, lr=0.03),
        "B": base.but(activation="sigmoid", init="xavier", lr=0.1),
        "C": base.but(activation="tanh", init="lecun", lr=0.001),
        "D": base.but(activation="relu", init="he", weight_scale=1.5, lr=0.03),
        "E": base.but(activation="tanh", init="normal", lr=0.1),
    }
    return {name: MysteryNetwork(name, setup) for name, setup in setups.items()}


# what each mystery network suffers from, and the fixes that remove it: with them the loss is
# below 1.5 after 300 steps and no run diverges, with the others it stays above 1.6 or turns
# NaN (tests/test_mystery_networks.py trains every network with every fix, two seeds each;
# "init for chi = 1" means He for ReLU, LeCun for tanh, and for sigmoid notebook 04's recipe:
# 4 x LeCun with biases -1/2 sum_i W_ij)
_CAUSE = {"A": "dead relus", "B": "vanishing gradients", "C": "learning rate too small",
          "D": "exploding gradients", "E": "saturated units"}
# a second name that is also right for a network, with what it adds
_ALSO_RIGHT = {
    ("E", "exploding gradients"): "E's gradients do grow towards the input (at step 0 its "
                                  "update ratio at layer 1 is above 1): with sigma_w^2 = 32 a "
                                  "tanh network is "
                                  "in the chaotic phase of notebook 07. Nothing turns NaN "
                                  "because tanh is bounded, and the units behind it are "
                                  "saturated, most of them at ±1.",
}
_WORKING_FIXES = {
    "A": {"zero the biases", "batch norm", "residual connections"},
    "B": {"init for chi = 1", "batch norm", "residual connections"},
    "C": {"larger learning rate", "adam"},
    "D": {"init for chi = 1", "batch norm", "residual connections"},
    "E": {"init for chi = 1", "batch norm", "residual connections"},
}

# other ways to write the same choice
_SYNONYMS = {
    "vanishing": "vanishing gradients", "vanishing gradient": "vanishing gradients",
    "exploding": "exploding gradients", "exploding gradient": "exploding gradients",
    "dead relu": "dead relus", "dead units": "dead relus", "dead": "dead relus",
    "saturated": "saturated units", "saturation": "saturated units",
    "saturated tanh": "saturated units",
    "lr too small": "learning rate too small", "small learning rate": "learning rate too small",
    "chi = 1 init": "init for chi = 1", "init chi = 1": "init for chi = 1",
    "zero biases": "zero the biases", "batch normalization": "batch norm",
    "batchnorm": "batch norm", "residual": "residual connections",
    "raise the learning rate": "larger learning rate", "larger lr": "larger learning rate",
    "clipping": "gradient clipping",
}


def _normalize(text):
    """The answer's words in one spelling: lower case, single spaces, "chi = 1", synonyms."""
    if not isinstance(text, str):
        return None
    text = text.lower().replace("χ", "chi").replace("_", " ").replace("-", " ")
    text = re.sub(r"\s*=\s*", " = ", text)
    text = " ".join(text.split())
    return _SYNONYMS.get(text, text)


# what the diagnostics of each network say, for an answer that names another cause
_CAUSE_HINTS = {
    "A": "Look at A's update ratios: they are not small but exactly 0, and its % dead "
         "units climbs to 100 with depth. A gradient that is exactly 0 is not a vanishing "
         "one: nothing passes a unit whose input is negative for every image.",
    "B": "B's update ratios fall by several decades from the output back to the input, and "
         "the loss never leaves ln 10. Neither a uniform scale (the learning rate) nor "
         "units stuck at a bound explains a spread like that.",
    "C": "C's activations and gradients look healthy, and its update ratios are small but "
         "nearly the same in every layer; its loss falls, slowly. A level profile is set "
         "by the learning rate; vanishing gradients spread it over decades.",
    "D": "D's loss is in the hundreds at step 0 and NaN a few steps later. Only a signal "
         "that grows layer after layer does that (its update ratios are far above 1).",
    "E": "Look at E's % saturated: most of its units sit at ±1, in every layer, from step 0. "
         "Its gradients are not small: at step 0 its update ratios grow towards the input.",
}


_FIX_REASONS = {
    ("A", "adam"): "Adam divides the gradient by its running size, but A's gradient is exactly "
                   "0: so is Adam's step.",
    ("A", "larger learning rate"): "any learning rate times a gradient of exactly 0 is 0.",
    ("A", "gradient clipping"): "clipping only shortens gradients that are too long; A's "
                                "are exactly 0.",
    ("A", "init for chi = 1"): "A's units are dead from step 0, whole layers of them. With "
                               "biases at 0 the share of dead ReLUs does not depend on the "
                               "weights' scale (relu(c·z) = c·relu(z)), and no layer starts "
                               "all dead: what pushes every unit's input below 0 for every "
                               "image is its bias.",
    ("B", "larger learning rate"): "section 5 tried that on this very kind of network: at "
                                   "every learning rate the loss stayed at ln 10, because "
                                   "the layers' update ratios are decades apart.",
    ("B", "adam"): "section 5 tried that: Adam evens out the step sizes, but the upper layers "
                   "see the same input for every digit, and the loss stays at ln 10.",
    ("B", "zero the biases"): "B's biases are 0 already; its trouble is the product of "
                              "sigmoid slopes (at most 0.25) through 16 layers.",
    ("B", "gradient clipping"): "clipping shortens gradients that are too long; B's early "
                                "layers get gradients that are far too short.",
    ("C", "zero the biases"): "C's biases are 0 already, and its network is healthy.",
    ("C", "gradient clipping"): "clipping only ever shortens steps, and C's are too short "
                                "already.",
    ("C", "batch norm"): "C's network is healthy: activations spread, no saturation, "
                         "gradients level across layers. Normalizing changes the network, "
                         "not the step size.",
    ("C", "residual connections"): "C's network is healthy: its gradients already reach every "
                                   "layer. What is small is every step, by the same factor.",
    ("C", "init for chi = 1"): "C already has χ = 1 (LeCun's init for tanh); its "
                               "activations are healthy. The steps are small everywhere.",
    ("D", "zero the biases"): "D's biases are 0 already; its weights are 1.5 times He's "
                              "scale, so the size of its signal grows by about 1.5 per layer "
                              "(its mean square by 1.5² = 2.25).",
    ("D", "gradient clipping"): "clipping keeps the updates finite, but the network itself "
                                "still multiplies the size of its signal by about 1.5 per layer "
                                "(its mean square by 1.5² = 2.25): it starts with a loss in the "
                                "hundreds and does not learn in 300 steps.",
    ("D", "adam"): "Adam bounds each step by about the learning rate, so nothing turns NaN; "
                   "but the network still amplifies its signal layer after layer and does not "
                   "learn in 300 steps.",
    ("D", "larger learning rate"): "a larger step on an exploding network blows up sooner.",
    ("E", "zero the biases"): "E's biases are 0 already; its weights are the problem: "
                              "N(0, 1) entries in layers 32 wide, sigma_w^2 = 32.",
    ("E", "larger learning rate"): "bigger steps on saturated units only throw them further "
                                   "out: the loss gets worse.",
    ("E", "adam"): "Adam rescales steps, but the units stay pinned at ±1 where tanh′ ≈ 0; "
                   "the loss stays high. Shrink the weights (or normalize).",
    ("E", "gradient clipping"): "E's problem is not a long gradient but units stuck at ±1; "
                                "clipping leaves the weights as large as they were.",
}


# accepted, with a word on what the more direct fix would be
_DIRECT = {
    ("A", "batch norm"): " (It subtracts each unit's mean, bias included; zeroing the biases "
                         "removes the cause itself.)",
    ("A", "residual connections"): " (The skips carry the signal past the dead units; zeroing "
                                   "the biases brings the units back.)",
    ("B", "init for chi = 1"): " (For sigmoid a gain alone is not enough: χ = 1 takes notebook "
                               "04's recipe, 4 × LeCun's weights with biases -½·Σᵢ Wᵢⱼ that "
                               "cancel sigmoid's mean ½, which makes it a tanh network at "
                               "LeCun's scale.)",
    ("D", "batch norm"): " (It learns more slowly than with He's scale: the direct fix is the "
                         "init.)",
    ("D", "residual connections"): " (The 1/√L branches keep the stream's growth small; the "
                                   "direct fix is the init.)",
    ("E", "batch norm"): " (It rescales every layer's input to unit size; the direct fix is the "
                         "init for χ = 1.)",
    ("E", "residual connections"): " (The skips give the gradient a path past the saturated "
                                   "units; the direct fix is the init for χ = 1.)",
}


def check_mystery_diagnosis(answer):
    """``answer``: a dict {"A": (cause, fix), ...} for the five mystery networks, each cause
    from CAUSES and each fix from FIXES. Feedback per network."""
    template = ('a dict like {"A": ("<cause>", "<fix>"), "B": ("<cause>", "<fix>"), ...} '
                f"with a cause from {CAUSES} and a fix from {FIXES}")
    if is_placeholder(answer) or (isinstance(answer, dict) and answer and all(
            is_placeholder(value) or (isinstance(value, tuple) and all(
                is_placeholder(part) for part in value)) for value in answer.values())):
        return not_attempted("read each network's diagnostics: the loss at step 0 and later, "
                             "the update ratios per layer (level, spread over decades, or "
                             "exactly 0?), % saturated and % dead. Then give each network a "
                             "cause from CAUSES and a fix from FIXES, as (cause, fix).")
    if not isinstance(answer, dict):
        return wrong(f"the answer should be {template}, got {type(answer).__name__}.")
    unknown = sorted(str(name) for name in answer if name not in MYSTERY_NAMES)
    if unknown:
        return wrong(f"the networks are called {', '.join(MYSTERY_NAMES)}; "
                     f"your answer also has {', '.join(unknown)}.")
    lines, right_causes, right_fixes = [], 0, 0
    for name in MYSTERY_NAMES:
        value = answer.get(name, ...)
        if is_placeholder(value) or (isinstance(value, (tuple, list)) and len(value) == 2
                                     and all(is_placeholder(part) for part in value)):
            lines.append(f"{name}: not answered yet.")
            continue
        if not (isinstance(value, (tuple, list)) and len(value) == 2):
            lines.append(f"{name}: give a pair of two strings, (cause, fix): a cause from "
                         f"CAUSES and a fix from FIXES; got {value!r}.")
            continue
        cause, fix = _normalize(value[0]), _normalize(value[1])
        if cause not in CAUSES:
            lines.append(f"{name}: {value[0]!r} is not one of the causes {CAUSES}.")
            continue
        if cause != _CAUSE[name] and (name, cause) not in _ALSO_RIGHT:
            lines.append(f"{name}: not {cause}. {_CAUSE_HINTS[name]}")
            continue
        right_causes += 1
        also = f" ({cause.capitalize()} is right too: {_ALSO_RIGHT[name, cause]})" \
            if (name, cause) in _ALSO_RIGHT else ""
        if is_placeholder(value[1]):
            lines.append(f"{name}: {cause} is right; now choose a fix from {FIXES}.{also}")
        elif fix not in FIXES:
            lines.append(f"{name}: {cause} is right. {value[1]!r} is not one of the fixes "
                         f"{FIXES}.{also}")
        elif fix in _WORKING_FIXES[name]:
            right_fixes += 1
            lines.append(f"{name}: {cause}, and {fix} fixes it."
                         f"{_DIRECT.get((name, fix), '')}{also}")
        else:
            reason = _FIX_REASONS.get((name, fix), "it does not remove this cause.")
            lines.append(f"{name}: {cause} is right, but {fix} does not fix it: {reason}{also}")
    summary = (f"{right_causes} of {len(MYSTERY_NAMES)} causes and {right_fixes} of "
               f"{len(MYSTERY_NAMES)} fixes right.")
    if right_causes == right_fixes == len(MYSTERY_NAMES):
        return correct(summary + " " + " ".join(lines))
    return wrong(summary + "\n  " + "\n  ".join(lines))


# ----- predictions: a choice among four options -----------------------------------------------


BIAS_OPTIONS = {
    "a": "about 0.1, like the activations: the biases bring the signal back",
    "b": "about 1e-4, as without biases",
    "c": "exactly 0: the biases drown the images",
    "d": "above 1: the biases add up over 16 layers",
}
_BIAS_WHY = ("each bias adds the same number for every image, so it moves every image's "
             "activations together: a large std across the units, but no difference between "
             "images. The part of a unit that depends on the image still shrinks by about "
             "√χ ≈ 0.58 per layer, as without biases.")
BIAS_HINT = ("the biases are drawn once and are the same for every image. Do they make the images "
             'differ more? Answer with a letter, e.g. "a".')
BIAS_ALIASES = {"0.1": "a", "1e-4": "b", "0": "c"}
_BIAS_FEEDBACK = {
    "b": "about 1e-4, as without biases: " + _BIAS_WHY + " So the spread of the logits *across "
         "images*, not their std, tells whether the input reaches the output.",
    "a": "the activations' std does grow to about 0.1, but " + _BIAS_WHY,
    "c": "the images' part is not erased: tanh is nearly linear this close to 0, so it passes "
         "through, shrunk by the same √χ ≈ 0.58 per layer as without biases. Small, not 0.",
    "d": "each bias is at most 1/√32 ≈ 0.18 and tanh keeps every unit between -1 and 1; the "
         "biases do not pile up into a large signal, and they are the same for every image.",
}


def check_bias_prediction(answer):
    """Prediction: with PyTorch's default biases, how much do the patient's logits differ from
    one image to the next? One of BIAS_OPTIONS, by its letter."""
    return judge_choice(answer, BIAS_OPTIONS, BIAS_HINT, "b", _BIAS_FEEDBACK, BIAS_ALIASES)


SIGMOID_FIX_OPTIONS = {
    "a": "a learning rate 100 times larger",
    "b": "adam",
    "c": "batch norm",
    "d": "none of these: a sigmoid network this deep cannot be trained",
}
SIGMOID_FIX_HINT = ("the update ratios are spread over nine decades, and the images' "
                    'differences fade on the way up. Answer with a letter, e.g. "a".')
SIGMOID_FIX_ALIASES = {"larger learning rate": "a", "learning rate": "a",
                       "batch normalization": "c", "batchnorm": "c", "none": "d"}
_SIGMOID_FIX_FEEDBACK = {
    "c": "batch norm re-standardizes every layer's input, so the differences between images "
         "survive to the top and every layer gets a gradient it can use. A larger learning rate "
         "keeps the spread of the steps; Adam evens out the steps but cannot bring back the "
         "squeezed-out signal.",
    "a": "a learning rate multiplies every layer's update ratio by the same factor, so the "
         "nine decades between layer 1 and layer 16 stay: the last layers would be thrown "
         "around long before the first ones moved.",
    "b": "Adam does give every layer steps of about its learning rate, wherever the gradient "
         "is larger than its ε. But the upper layers see almost the same input for every "
         "image, since the layers below squeezed out the differences between images: "
         "evened-out steps on a signal that is not there.",
    "d": "deep sigmoid networks do train once every layer's input keeps its spread: notebook "
         "04's initialization for sigmoid (4 × LeCun's weights with biases that cancel "
         "sigmoid's mean ½) is one way, and one of the options here is another.",
}


def check_sigmoid_fix_prediction(answer):
    """Prediction: which change makes the 16-layer sigmoid network learn in 300 steps? One of
    SIGMOID_FIX_OPTIONS, by its letter."""
    return judge_choice(answer, SIGMOID_FIX_OPTIONS, SIGMOID_FIX_HINT, "c", _SIGMOID_FIX_FEEDBACK,
                        SIGMOID_FIX_ALIASES)
