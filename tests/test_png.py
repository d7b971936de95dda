"""helpers.live.png writes PNGs that decode to exactly the pixels given."""
import io

import numpy as np
import PIL.Image
import pytest

from helpers.live.png import encode_png
from helpers.live.widgets import new_figure


def decode(png):
    return np.asarray(PIL.Image.open(io.BytesIO(png)))


def test_opaque_figure_round_trips_as_rgb():
    fig, ax = new_figure(3.0, 2.0)
    ax.plot([0, 1, 2], [1, 0, 2])
    fig.canvas.draw()
    rgba = np.asarray(fig.canvas.buffer_rgba())
    image = decode(encode_png(rgba))
    assert image.shape == rgba.shape[:2] + (3,)
    assert np.array_equal(image, rgba[..., :3])


def test_transparent_pixels_keep_their_alpha():
    rng = np.random.default_rng(0)
    rgba = rng.integers(0, 256, size=(7, 5, 4), dtype=np.uint8)
    rgba[0, 0, 3] = 0
    assert np.array_equal(decode(encode_png(rgba)), rgba)


@pytest.mark.parametrize("bad", [np.zeros((4, 4, 3), np.uint8), np.zeros((4, 4, 4)),
                                 np.zeros((4, 4), np.uint8)])
def test_wrong_shape_or_type_is_refused(bad):
    with pytest.raises(ValueError, match=r"\(H, W, 4\) uint8"):
        encode_png(bad)
