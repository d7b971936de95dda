"""Accessible names for the controls: a screen reader says "depth L, 50", not "slider, 50".

ipywidgets draws a slider's handle with ``role="slider"`` and its value, but gives it no name,
and its ``<select>`` elements are not tied to their labels either. :class:`ControlNames` is a
widget that draws nothing: in the browser it names every slider handle, number readout and
dropdown in the figure around it after that control's own label (the ``description``), and
names new ones as they appear. A LiveFigure carries one (helpers/live/widgets.py).

It is an `anywidget <https://anywidget.dev>`_ widget: the few lines of JavaScript below travel
with the Python object, so it works in JupyterLab, Voilà and on Binder with no build step and
no network.
"""
import anywidget

# For each control box ipywidgets draws (.widget-slider, .widget-dropdown, ...), read its
# label and set aria-label on the parts a keyboard reaches. Idempotent: it runs again whenever
# the widgets below the figure's box change.
NAME_CONTROLS_JS = r"""
function labelOf(box) {
  const label = box.querySelector(":scope > .widget-label");
  return label ? label.textContent.trim() : "";
}
function nameControls(root) {
  for (const box of root.querySelectorAll(".widget-slider, .widget-hslider")) {
    const name = labelOf(box);
    if (!name) continue;
    const handles = [...box.querySelectorAll(".noUi-handle")];
    handles.forEach((handle, i) => {
      const which = handles.length === 2 ? (i === 0 ? ", from" : ", to") : "";
      if (handle.getAttribute("aria-label") !== name + which)
        handle.setAttribute("aria-label", name + which);
    });
    const readout = box.querySelector(".widget-readout");
    if (readout && readout.getAttribute("aria-label") !== name + ", typed value")
      readout.setAttribute("aria-label", name + ", typed value");
  }
  for (const box of root.querySelectorAll(".widget-dropdown, .widget-select, .widget-text")) {
    const name = labelOf(box);
    const field = box.querySelector("select, input");
    if (name && field && field.getAttribute("aria-label") !== name)
      field.setAttribute("aria-label", name);
  }
}
function render({ el }) {
  el.style.display = "none";
  // the figure's own box (a VBox); in a page without one, the whole document
  const root = el.closest(".widget-vbox") || document.body;
  let queued = false;
  const run = () => { queued = false; nameControls(root); };
  const observer = new MutationObserver(() => {
    if (!queued) { queued = true; requestAnimationFrame(run); }
  });
  observer.observe(root, { childList: true, subtree: true });
  run();
  return () => observer.disconnect();
}
export default { render };
"""


class ControlNames(anywidget.AnyWidget):
    """Names the sliders and dropdowns of the box it is put in (see the module docstring)."""

    _esm = NAME_CONTROLS_JS
