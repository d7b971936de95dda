"""Every control of every registered slider figure does something, or says why it does not.

From each figure's default setting, every enabled control is moved to other values (each other
option of a dropdown, both ends of a slider, a narrower range) and the picture must change for
at least one of them; a control that would change nothing must be disabled, with the reason as
its tooltip. And every
figure, displayed, carries its picture and a caption for readers without a kernel.
"""
import base64

import ipywidgets as widgets
import pytest

from helpers.figures import FIGURES
from helpers.live.png import PNG_SIGNATURE


def other_values(control):
    """Values to move ``control`` to, each different from its current value."""
    if isinstance(control, widgets.IntRangeSlider):
        low, high = control.value
        return [(low + 1, high)] if low < high else [(control.min, control.max)]
    if hasattr(control, "options"):  # a dropdown: every other option
        values = [option[1] if isinstance(option, tuple) else option
                  for option in control.options]
        return [value for value in values if value != control.value]
    return [value for value in (control.min, control.max) if value != control.value]


@pytest.fixture(scope="module", params=list(FIGURES))
def figure(request):
    builder, _ = FIGURES[request.param]
    return request.param, builder()


def test_every_enabled_control_changes_the_picture(figure):
    name, live = figure
    start = live.values()
    for control_name, control in live.controls.items():
        live.set(**start)
        if control.disabled:
            assert control.tooltip, f"{name}: {control_name} is disabled without a reason"
            continue
        before, changed = live.image.value, []
        for value in other_values(control):
            live.set(**{control_name: value})
            changed.append(live.image.value != before)
            live.set(**start)
        # a dropdown may hold two options that draw alike here (relu and linear on positive
        # signals), but a control that nothing changes must be disabled
        assert any(changed), (f"{name}: moving {control_name} away from {start[control_name]!r} "
                              f"changed nothing in the picture; disable it here and say why")
    live.set(**start)


def test_a_disabled_control_says_why_in_the_status_line(figure):
    name, live = figure
    for control_name, control in live.controls.items():
        if control.disabled:
            assert control.tooltip in live.status.value.replace("&#x27;", "'"), name


def test_the_displayed_output_carries_a_picture_and_a_caption(figure):
    name, live = figure
    bundle = live._repr_mimebundle_()
    assert "application/vnd.jupyter.widget-view+json" in bundle  # the live widget, as before
    assert base64.b64decode(bundle["image/png"]).startswith(PNG_SIGNATURE)
    caption = bundle["text/plain"]
    assert not caption.startswith("VBox(") and "0x" not in caption
    for control in live.controls.values():
        assert control.description in caption, f"{name}: the caption omits {control.description}"
    assert "Run the notebook" in caption
