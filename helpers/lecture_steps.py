"""The lecture's script: the course's argument, notebook 01 to 08, as timed steps.

Each :class:`Step` is one idea: a headline, what to notice (at most 60 words), its minutes,
and what to show — a live figure from :data:`helpers.figures.FIGURES`, opened by its builder
with no arguments (so at the setting its notebook teaches with: the builders' defaults are
the notebooks' settings), or a stored picture of a multi-seed training result, made from the
notebook's own cell by ``tools/lecture_pictures.py``. A step may ask the room a
:class:`Question`: predict, then move the slider. Questions with a checker use the course's
own exercise checkers, so the lecture's answer and the wrong answers it warns about are the
checkers' (tests/test_lecture_steps.py runs every one).

Change the lecture here: reorder, retime, reword; ``instructor/GUIDE.md`` says how.
"""
import json
import re
from dataclasses import dataclass, field
from pathlib import Path
from typing import Callable

from .exercises import (notebook01, notebook02, notebook03, notebook04, notebook05, notebook06,
                        notebook07)

NOTEBOOKS_DIR = Path(__file__).resolve().parent.parent / "notebooks"
PICTURES_DIR = Path(__file__).resolve().parent.parent / "instructor" / "pictures"
MAX_NOTICE_WORDS = 60
LECTURE_MINUTES = (80, 100)  # the whole lecture, from first step to last

# One complete sentence per notebook: what it shows (the static edition's index uses these too)
SUMMARIES = {
    "01": "A deep linear network is a product of matrices, so a weight scale a little above or "
          "below one makes its signal grow or shrink exponentially with depth, until float64 "
          "runs out of numbers.",
    "02": "Backpropagation multiplies by the same matrices, so per-layer gradients explode or "
          "vanish geometrically, training stalls or diverges to NaN, and clipping tames only "
          "the exploding side.",
    "03": "Every layer also multiplies the gradient by the activation's slope — at most 0.25 "
          "for sigmoid, near 0 for saturated tanh, 0 for dead ReLUs — and one number per layer, "
          "χ, says whether gradients shrink or grow.",
    "04": "Initialization picks the weights' variance so that χ = 1 (LeCun's 1/n, Glorot's "
          "2/(n_in + n_out), He's 2/n for ReLU), which keeps signals and gradients steady "
          "through fifty layers and lets a deep network train.",
    "05": "A recurrent network is a deep network with one shared matrix, so its gradient fades "
          "or explodes over time steps, while the LSTM's additive cell state carries it across "
          "a hundred steps.",
    "06": "A residual connection adds its input back, giving the gradient a path with nothing "
          "multiplied on it, so a 150-layer network keeps its gradients, as long as each "
          "branch is scaled small.",
    "07": "The input–output Jacobian's singular values, the edge of chaos with its depth scale "
          "ξ, and normalization layers explain why some starting points train at any depth, "
          "and a map sums up every fix.",
    "08": "On real digits, the loss at step 0, per-layer histograms and update-to-data ratios "
          "diagnose a network that will not learn, and fixes tried one at a time show what "
          "cures it.",
}


def notebook_path(number):
    """notebooks/NN_*.ipynb for the notebook number "NN"."""
    matches = sorted(NOTEBOOKS_DIR.glob(f"{number}_*.ipynb"))
    if not matches:
        raise ValueError(f"no notebook {number}_*.ipynb in {NOTEBOOKS_DIR}")
    return matches[0]


def notebook_title(number):
    """The notebook's own title, from its first heading ("# 01 — A product of matrices" gives
    "A product of matrices"); "" when the notebooks are not beside the package."""
    try:
        cells = json.loads(notebook_path(number).read_text(encoding="utf-8"))["cells"]
    except (ValueError, OSError, KeyError):
        return ""
    first = "".join(cells[0]["source"]).splitlines()[0] if cells else ""
    return re.sub(r"^#+\s*(\d\d\s*[—–-]\s*)?", "", first).strip()


@dataclass(frozen=True)
class Question:
    """Ask the room, then reveal. With a ``checker`` (one of helpers.exercises), ``answer`` must
    pass it and every one of ``typical_wrong`` must be rejected: the reveal shows the
    checker's own words for each."""
    prompt: str
    answer: object = None
    checker: Callable | None = None
    typical_wrong: tuple = ()
    reveal: str = ""  # for questions without a checker: what to say

    def revealed(self):
        """(the right answer's explanation, [(wrong answer, why it is wrong), ...])."""
        if self.checker is None:
            return self.reveal, []
        return (self.checker(self.answer).message,
                [(wrong, self.checker(wrong).message) for wrong in self.typical_wrong])


@dataclass(frozen=True)
class Step:
    notebook: str  # "01" ... "08"
    headline: str  # the one idea
    notice: str  # what to notice, at most MAX_NOTICE_WORDS words
    minutes: int
    figure: str = ""  # a name in helpers.figures.FIGURES, opened with its builder's defaults
    then: tuple = ()  # methods the notebook calls on the figure after building it ("train",)
    picture: str = ""  # or: a stored picture in instructor/pictures/ (tools/lecture_pictures.py)
    description: str = ""  # the picture's written description (its alt text)
    question: Question | None = None
    tags: tuple = field(default=())

    def __post_init__(self):
        if bool(self.figure) == bool(self.picture):
            raise ValueError(f"step {self.headline!r}: give a figure or a picture (one of them)")
        if self.picture and not self.description:
            raise ValueError(f"step {self.headline!r}: a picture needs a written description")
        words = len(self.notice.split())
        if words > MAX_NOTICE_WORDS:
            raise ValueError(f"step {self.headline!r}: 'notice' has {words} words; at most "
                             f"{MAX_NOTICE_WORDS}")
        if not 1 <= self.minutes <= 20:
            raise ValueError(f"step {self.headline!r}: {self.minutes} minutes (1 to 20 expected)")


STEPS = (
    Step("01", "A deep linear network is a product of matrices",
         "ŷ = W^[L]···W^[1]x. With W = 1.5·I every layer multiplies the signal by 1.5: after "
         "50 layers it is 1.5^50 ≈ 6.4e8 (the note in the figure). The axis counts decades, so "
         "steady growth is a straight line. Try 0.9: only 10% below one, and it fades just as "
         "steadily.",
         6, figure="01_activations_through_depth",
         question=Question("Weight scale 0.9: after how many layers is the signal below 1/1000 "
                           "of its size? Predict, then move the sliders.",
                           answer=66, checker=notebook01.check_layers_to_shrink,
                           typical_wrong=(65,))),
    Step("01", "A computer runs out of numbers",
         "Drag the depth towards 2000 at weight scale 1.5: float64 overflows to inf at layer "
         "1751 (the dashed vermillion line). Below one, 0.5^L underflows to exactly 0 at L = 1075. "
         "Frameworks train in float32, which gives up already at 1.5^219.",
         5, figure="01_activations_through_depth",
         question=Question("Weight scale 1.9: at which layer does float64 overflow to inf?",
                           answer=1106, checker=notebook01.check_overflow_layer,
                           typical_wrong=(139, 1751, 1024))),
    Step("02", "Gradients follow the same product",
         "Backpropagation multiplies by Wᵀ and by the activation's slope, layer after layer. "
         "With sigmoid the gradient reaching the input layer is many decades smaller than the "
         "last layer's (the note says how many): the first layers barely learn.",
         7, figure="02_gradients_through_depth",
         question=Question("ReLU, He init, depth 100: multiply every weight by 1.5. By how many "
                           "decades does ‖∂L/∂W^[1]‖ grow?",
                           answer=17.43, checker=notebook02.check_weight_gradient_decades,
                           typical_wrong=(17.61, 40.14, 34.86))),
    Step("02", "Vanishing stalls training; exploding ends in NaN",
         "Five seeds at each weight scale, 20 ReLU layers. At 0.5 the loss stays flat: "
         "gradient descent takes tiny steps. At 1.0 it trains. At 1.5 every run is NaN by step "
         "2. Clipping, g ← min(1, θ/‖g‖)·g, tames the exploding side only.",
         5, picture="02_training_by_weight_scale.png",
         description="Three panels of training loss against step, five seeds each. Weight "
                     "scale 0.5: flat lines, vanishing. Scale 1.0: the loss falls by about two "
                     "decades. Scale 1.5: every run's loss is off the chart at step 1 and NaN "
                     "at step 2.",
         question=Question("Would clipping the gradient rescue the flat runs at scale 0.5?",
                           reveal="No. Clipping only ever shrinks a gradient; the vanishing "
                                  "runs need larger gradients, which clipping cannot give.")),
    Step("03", "The activation's slope multiplies too",
         "Sigmoid's slope is at most 0.25 (0.25^10 ≈ 1e-6); saturated tanh units pass almost "
         "nothing back; a ReLU passes all or nothing, and a dead one never learns. The old "
         "U[−1/√n, 1/√n] start shrinks tanh's activations layer after layer: watch the "
         "histograms narrow.",
         7, figure="03_activation_histograms",
         question=Question("Pre-activations z ~ N(0, 1.5²): what % of tanh units are saturated "
                           "(|tanh z| > 0.97)?",
                           answer=16.3, checker=notebook03.check_saturated_percent,
                           typical_wrong=(3.64, 8.15))),
    Step("04", "Initialization: choose the variance so the factor is one",
         "Var(z) = n·Var(W)·Var(a): LeCun's 1/n keeps it for tanh near 0, He's 2/n for ReLU, "
         "which zeroes half the signal. The figure opens on LeCun with ReLU: the std halves "
         "every two layers. Switch the scheme to He and the line goes flat.",
         8, figure="04_initialization_through_depth",
         question=Question("Gaussian weights for a tanh layer with 400 inputs: which standard "
                           "deviation keeps a deep network's signal steady?",
                           answer=0.0833, checker=notebook04.check_tanh_std,
                           typical_wrong=(0.118, 0.05))),
    Step("04", "He trains; LeCun waits; too large diverges",
         "The same 20-layer ReLU network, five seeds per recipe. He's runs leave the plateau "
         "within 40 steps, all five. LeCun's wait on the plateau: two of five leave it near "
         "step 190. The too-large start diverges at step 1 in all five. Only the variance differs.",
         5, picture="04_training_by_initialization.png",
         description="Training loss against step for LeCun and He initialization, median of "
                     "five seeds with a band from the lowest to the highest run: He falls "
                     "within about 40 steps; LeCun stays on a plateau for most of the run."),
    Step("05", "An RNN is a deep network with one shared matrix",
         "Unrolled over T steps, a vanilla RNN multiplies by the same W_h at every step, so "
         "‖∂L/∂h_t‖ fades (or explodes) with the distance from the loss. Switch the cell to "
         "LSTM: its additive cell state, with forget gates near 1, carries the gradient across "
         "all 100 steps.",
         8, figure="05_gradients_through_time",
         question=Question("Which forget-gate bias b_f keeps 1% of the gradient along the cell "
                           "state over 100 steps (two decimals)?",
                           answer=3.05, checker=notebook05.check_forget_bias,
                           typical_wrong=(-3.05, 0.95))),
    Step("06", "Add, don't multiply: residual connections",
         "x_{l+1} = x_l + F(x_l) has the Jacobian I + ∂F/∂x: the gradient gets a path on which "
         "nothing is multiplied. At 100 sigmoid layers the plain network's first-layer "
         "gradient is 63 decades below its last layer's; the residual network's is about two.",
         7, figure="06_plain_vs_residual",
         question=Question("Each He-initialized ReLU block multiplies the mean squared "
                           "gradient by 1 + s². Which branch scale s makes 100 blocks multiply "
                           "it by 2 in all?",
                           answer=0.0834, checker=notebook06.check_branch_scale,
                           typical_wrong=(0.1, 0.00696))),
    Step("06", "Residual networks train where plain ones cannot",
         "50 ReLU layers on the two circles, five seeds each. The plain network's loss stays "
         "at 1.0. Unscaled residual branches (s = 1) diverge in every run: each block doubles "
         "the signal. Branches scaled by s = 1/√L train in all five runs.",
         4, picture="06_training_plain_vs_residual.png",
         description="Training loss against step, median of five seeds with a band from the "
                     "lowest to the highest run: a plain 50-layer ReLU network stays flat near "
                     "1.0, a residual one with branches scaled by 1/√L falls to about 0.1; "
                     "the unscaled residual runs all diverged and are not drawn."),
    Step("07", "Not one factor: the Jacobian's singular values",
         "A deep network stretches some directions and squashes others. With Gaussian weights "
         "the singular values of the input–output Jacobian spread over decades as depth grows "
         "(the variance of s² grows with L); orthogonal weights keep every one at 1.",
         6, figure="07_jacobian_spectrum",
         question=Question("Gaussian weights with σ_w² = 1 keep the mean of s² at 1. At "
                           "depth 40, are the singular values near 1 too? Predict, then move "
                           "the depth slider.",
                           reveal="No: they spread over decades. The mean of s² stays near 1 "
                                  "but its variance grows with depth (the status line prints "
                                  "both); orthogonal weights keep every s at exactly 1.")),
    Step("07", "The edge of chaos",
         "For deep tanh networks, (σ_w², σ_b²) splits into an ordered side, where gradients "
         "fade, and a chaotic side, where they explode. On the line between, χ₁ = 1. The depth "
         "scale ξ = −1/ln χ₁ says how many layers a gradient survives: at σ_w² = 1.5, "
         "σ_b² = 0.05, about 16.",
         8, figure="07_edge_of_chaos",
         question=Question("At σ_b² = 0.2, which σ_w² puts a deep tanh network on the edge of "
                           "chaos? Predict, then find it with the sliders.",
                           answer=2.29, checker=notebook07.check_critical_sigma_w2,
                           typical_wrong=(1.0, 1.76))),
    Step("08", "Diagnose it while it trains",
         "The patient: 16 tanh layers with PyTorch's default start, trained on real digits. "
         "Its loss sits at ln 10 ≈ 2.30, the loss of a guess among ten classes, and the first "
         "layers' update-to-data ratio ‖ΔW‖/‖W‖ is near 1e-5, far below the healthy 1e-3.",
         8, figure="08_training_dashboard", then=("train",),
         question=Question("The loss stays at 2.30 and the first layers' update ratios are "
                           "near 1e-5. "
                           "Would a larger learning rate or Adam cure it?",
                           reveal="Not the cause: the layers' steps are small by different "
                                  "factors, decades apart, so one learning rate cannot fix "
                                  "them all. Fix the start (gain for χ = 1), add batch norm, or "
                                  "add residual connections.")),
    Step("08", "Fixes, one at a time",
         "Five seeds per fix. The gain that makes χ = 1, batch norm and residual connections "
         "each bring the loss far below ln 10 and lift the first layers' update ratios by "
         "three decades or more (right panel). The patient stays at 2.3.",
         5, picture="08_fixes_one_at_a_time.png",
         description="Left: training loss against step for the patient and three fixes (gain "
                     "√3, batch norm, residual), median of five seeds with bands; the patient "
                     "stays at ln 10. Right: median update-to-data ratio per layer, decades "
                     "near 1e-5 in the first layers of the patient, near 1e-2 for the fixes."),
)


def total_minutes(steps=STEPS):
    return sum(step.minutes for step in steps)
