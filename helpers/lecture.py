"""The lecture: the course's argument as a sequence of steps on one code-free page.

``instructor/dashboard.ipynb`` calls :func:`lecture` and ``make present`` serves it with Voilà.
The steps — headline, what to notice, minutes, the live figure or stored picture, a question
for the room — are in :mod:`helpers.lecture_steps`; this module only shows them:

- **Next and previous** by keyboard (PageDown/PageUp and the arrow keys, which is what a
  presentation clicker sends) and by the buttons; the step number, the planned time and the
  elapsed lecture time are on top. The "All figures" button swaps in every figure on tabs
  (:mod:`helpers.dashboard`).
- **Projector scale**: the page tells the kernel how wide the lecture is and the screen's
  pixel ratio, and each live figure is drawn at that size (``LiveFigure.present``), with
  every text at least 19 CSS pixels tall.

:class:`LectureKeys` is the page's piece of browser code (an anywidget): the keys, the clock,
the width, and the stored alt text and text size on the step's picture.
"""
import html
import json

import anywidget
import ipywidgets as widgets
import traitlets

from .dashboard import CourseDashboard
from .figures import FIGURES
from .lecture_steps import PICTURES_DIR, STEPS, notebook_title, total_minutes
from .live.names import ControlNames

HEADLINE_PX, BODY_PX = 40, 26  # a projector's back row: headlines >= 32 px, body >= 24 px
PICTURE_MANIFEST = "pictures.json"  # written by tools/lecture_pictures.py beside the pictures

LECTURE_KEYS_JS = r"""
const NEXT = new Set(["PageDown", "ArrowRight", "ArrowDown"]);
const PREVIOUS = new Set(["PageUp", "ArrowLeft", "ArrowUp"]);
// where an arrow key belongs to the control that has the focus (a clicker's PageUp/PageDown
// always turns the page)
function inControl(target) {
  return !!(target && target.closest &&
            target.closest(".noUi-handle, .widget-readout, select, input, textarea, " +
                           "[contenteditable='true'], .lm-TabBar"));
}
function render({ model, el }) {
  el.classList.add("lecture-keys");
  const clock = document.createElement("button");
  clock.className = "lecture-clock";
  clock.title = "elapsed lecture time (click to start again from 0:00)";
  clock.style.cssText = "font-size: 24px; font-variant-numeric: tabular-nums; " +
                        "border: 1px solid #595959; background: white; padding: 2px 10px;";
  el.appendChild(clock);
  let started = Date.now();
  const tick = () => {
    const seconds = Math.floor((Date.now() - started) / 1000);
    const m = Math.floor(seconds / 60), s = String(seconds % 60).padStart(2, "0");
    clock.textContent = `elapsed ${m}:${s}`;
    clock.setAttribute("aria-label", `elapsed lecture time ${m} minutes ${s} seconds`);
  };
  clock.addEventListener("click", () => { started = Date.now(); tick(); });
  tick();
  const timer = setInterval(tick, 1000);

  const onKey = (event) => {
    if (!model.get("active") || event.altKey || event.ctrlKey || event.metaKey) return;
    const page = event.key === "PageDown" || event.key === "PageUp";
    if (!page && inControl(event.target)) return;
    const delta = NEXT.has(event.key) ? 1 : PREVIOUS.has(event.key) ? -1 : 0;
    if (!delta) return;
    event.preventDefault();
    event.stopPropagation();
    model.send({ go: delta });
  };
  window.addEventListener("keydown", onKey, true);  // capture: before a focused slider

  // the lecture's width and the screen's pixel ratio, for the figures' presenter scale
  const root = el.closest(".lecture-root") || document.body;
  const area = () => root.querySelector(".lecture-page") || root;
  let reported = "";
  const report = () => {
    const style = getComputedStyle(area());
    const width = area().clientWidth - parseFloat(style.paddingLeft) -
                  parseFloat(style.paddingRight);
    const ratio = window.devicePixelRatio || 1;
    const key = `${Math.round(width)}@${ratio}`;
    if (key !== reported && width > 0) {
      reported = key;
      model.set("view_width", Math.round(width));
      model.set("pixel_ratio", ratio);
      model.save_changes();
    }
  };
  let pending = null;
  const resized = new ResizeObserver(() => { clearTimeout(pending); pending = setTimeout(report, 150); });
  resized.observe(area());
  report();

  // the step's picture: its alt text and the size of its smallest text (in its own pixels)
  const label = () => {
    const info = model.get("picture_info") || {};
    for (const img of root.querySelectorAll("img.lecture-image")) {
      if (info.alt && img.alt !== info.alt) img.alt = info.alt;
      if (info.text_px) img.dataset.textPx = String(info.text_px);
    }
  };
  model.on("change:picture_info", label);
  const observer = new MutationObserver(label);
  // (a widget's classes may arrive after its element: watch them too)
  observer.observe(root, { childList: true, subtree: true, attributes: true,
                           attributeFilter: ["class"] });
  label();
  return () => {
    clearInterval(timer);
    window.removeEventListener("keydown", onKey, true);
    resized.disconnect();
    observer.disconnect();
  };
}
export default { render };
"""


class LectureKeys(anywidget.AnyWidget):
    """The lecture's browser side: keys to the kernel, the clock, the width to the kernel."""

    _esm = LECTURE_KEYS_JS
    active = traitlets.Bool(True).tag(sync=True)  # off while the "all figures" page shows
    view_width = traitlets.Int(0).tag(sync=True)  # CSS pixels available to a figure
    pixel_ratio = traitlets.Float(1.0).tag(sync=True)  # the browser's devicePixelRatio
    picture_info = traitlets.Dict().tag(sync=True)  # {"alt": ..., "text_px": ...} of the step


def load_picture(name):
    """The stored picture's PNG bytes and its manifest entry (its smallest text, in pixels)."""
    path = PICTURES_DIR / name
    manifest_path = PICTURES_DIR / PICTURE_MANIFEST
    if not path.exists():
        raise FileNotFoundError(f"{path} is missing: run `python tools/lecture_pictures.py`")
    manifest = json.loads(manifest_path.read_text()) if manifest_path.exists() else {}
    return path.read_bytes(), manifest.get(name, {})


def _notes_html(text, px=BODY_PX):
    return (f"<div style='font-size:{px}px; line-height:1.4; max-width:100%; margin:6px 0'>"
            f"{text}</div>")


class Lecture:
    """The lecture page. Display ``.widget`` (or the object). ``go(+1)``/``go(-1)``/``show(i)``
    move from code, as the keys and buttons do."""

    def __init__(self, steps=STEPS, figures=None):
        self.steps = tuple(steps)
        if not self.steps:
            raise ValueError("a lecture needs at least one step")
        self.figures = dict(FIGURES if figures is None else figures)
        for step in self.steps:
            if step.figure and step.figure not in self.figures:
                raise ValueError(f"step {step.headline!r} shows {step.figure!r}, which is not "
                                 f"a registered figure: {', '.join(self.figures)}")
        self.index = 0
        self.live = {}  # figure name -> the LiveFigure, built when its first step shows
        self.errors = {}
        self.keys = LectureKeys()
        self.keys.on_msg(self._on_key_message)
        self.keys.observe(self._on_resize, names=["view_width", "pixel_ratio"])
        self.previous_button = widgets.Button(description="◀ Previous",
                                              tooltip="previous step (PageUp, ←)")
        self.next_button = widgets.Button(description="Next ▶", tooltip="next step (PageDown, →)")
        self.figures_button = widgets.ToggleButton(description="All figures", value=False,
                                                   tooltip="every live figure of the course, "
                                                           "one tab each")
        self.previous_button.on_click(lambda _: self.go(-1))
        self.next_button.on_click(lambda _: self.go(1))
        self.figures_button.observe(self._on_all_figures, names="value")
        self.position = widgets.HTML()
        bar = widgets.HBox([self.position, self.keys, self.previous_button, self.next_button,
                            self.figures_button],
                           layout=widgets.Layout(align_items="center", flex_flow="row wrap"))
        self.page = widgets.VBox()
        self.page.add_class("lecture-page")  # the browser measures its width
        self.all_figures = None  # the tabs, built when first asked for
        self.widget = widgets.VBox([widgets.HTML(_PAGE_STYLE), bar, self.page, ControlNames()])
        self.widget.add_class("lecture-root")
        self.show(0)

    # ----- moving through the steps -----------------------------------------------------------

    def go(self, delta):
        self.show(min(max(self.index + delta, 0), len(self.steps) - 1))

    def show(self, index):
        if not 0 <= index < len(self.steps):
            raise ValueError(f"step {index} does not exist: the lecture has steps 0 to "
                             f"{len(self.steps) - 1}")
        self.index = index
        step = self.steps[index]
        self.previous_button.disabled = index == 0
        self.next_button.disabled = index == len(self.steps) - 1
        before = sum(s.minutes for s in self.steps[:index])
        title = notebook_title(step.notebook)
        self.position.value = (
            f"<span style='font-size:{BODY_PX}px'><b>Step {index + 1} of {len(self.steps)}</b>"
            f" · notebook {step.notebook}{' — ' + html.escape(title) if title else ''}"
            f" · {step.minutes} min (planned from {before} to {before + step.minutes} of "
            f"{total_minutes(self.steps)})</span>")
        parts = [widgets.HTML(f"<h1 class='lecture-headline' style='font-size:{HEADLINE_PX}px;"
                              f" line-height:1.2; margin:8px 0'>{html.escape(step.headline)}"
                              "</h1>"),
                 widgets.HTML(_notes_html(html.escape(step.notice)))]
        parts.append(self._figure_of(step))
        if step.question is not None:
            parts.append(self._question_box(step.question))
        self.page.children = parts
        self._present()

    def _on_key_message(self, _widget, content, _buffers):
        if isinstance(content, dict) and content.get("go") in (-1, 1):
            self.go(content["go"])

    # ----- what a step shows ---------------------------------------------------------------

    def _figure_of(self, step):
        if step.picture:
            return self._picture(step)
        name = step.figure
        if name not in self.live and name not in self.errors:
            builder, _ = self.figures[name]
            try:
                live = builder()  # the builder's defaults: the notebook's teaching setting
                for method in step.then:
                    getattr(live, method)()
            except Exception as error:  # one broken figure must not take the lecture down
                self.errors[name] = f"{type(error).__name__}: {error}"
            else:
                live.image.add_class("lecture-image")
                self.live[name] = live
        if name in self.errors:
            return widgets.HTML(f"<pre>this figure could not be built: "
                                f"{html.escape(self.errors[name])}</pre>")
        live = self.live[name]
        self.keys.picture_info = {"alt": f"Live figure: {step.headline}. {live.caption()}",
                                  "text_px": round(live.smallest_text_px(), 2)}
        return live.widget

    def _picture(self, step):
        try:
            data, info = load_picture(step.picture)
        except FileNotFoundError as error:
            return widgets.HTML(f"<pre>{html.escape(str(error))}</pre>")
        image = widgets.Image(value=data, format="png")
        image.add_class("lecture-image")
        self._picture_widget = image
        self.keys.picture_info = {"alt": step.description, "text_px": info.get("text_px", 0)}
        return image

    def _question_box(self, question):
        answer = widgets.HTML()
        reveal = widgets.ToggleButton(description="Reveal the answer", value=False,
                                      tooltip="show the answer and the typical wrong ones")

        def toggle(change):
            if not change["new"]:
                answer.value = ""
                return
            right, wrongs = question.revealed()
            text = f"<b>Answer{f': {question.answer}' if question.checker else ''}.</b> " + \
                html.escape(right)
            if wrongs:
                text += "<br><b>Typical wrong answers:</b><ul style='margin:4px 0'>" + "".join(
                    f"<li><b>{wrong}</b>: {html.escape(why)}</li>" for wrong, why in wrongs) + \
                    "</ul>"
            answer.value = _notes_html(text)

        reveal.observe(toggle, names="value")
        prompt = widgets.HTML(_notes_html(
            f"<b>Ask the room</b> (predict first, then move the slider): "
            f"{html.escape(question.prompt)}"))
        return widgets.VBox([prompt, reveal, answer], layout=widgets.Layout(
            border="2px solid #0072B2", padding="4px 12px", margin="8px 0"))

    # ----- projector scale ------------------------------------------------------------------

    def _figure_width(self):
        """CSS pixels for the step's figure: the lecture's width, less the widgets' margins
        (2 px on each side of each of the two boxes around the picture)."""
        return max(self.keys.view_width - 8, 0)

    def _present(self):
        width = self._figure_width()
        step = self.steps[self.index]
        if width < 100:
            return  # the page has not said how wide it is yet
        if step.picture:
            if getattr(self, "_picture_widget", None) is not None:
                self._picture_widget.layout.width = f"{width}px"
            return
        live = self.live.get(step.figure)
        if live is not None and getattr(live, "_presented_at", None) != (width, self.keys.pixel_ratio):
            live.present(width, self.keys.pixel_ratio, redraw=False)
            live._presented_at = (width, self.keys.pixel_ratio)
            # the picture's text size reaches the page before the picture itself
            self.keys.picture_info = {**self.keys.picture_info,
                                      "text_px": round(live.smallest_text_px(), 2)}
            live.redraw()

    def _on_resize(self, _change):
        self._present()

    def _on_all_figures(self, change):
        self.keys.active = not change["new"]
        if change["new"]:
            if self.all_figures is None:
                self.all_figures = CourseDashboard(self.figures)
            self.page.children = [self.all_figures.widget]
        else:
            self.show(self.index)

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


# bigger controls for the room; the figures' own text is sized by LiveFigure.present
_PAGE_STYLE = """<style>
.lecture-root .widget-label, .lecture-root .widget-readout, .lecture-root select,
.lecture-root .widget-button, .lecture-root .widget-toggle-button { font-size: 20px; }
.lecture-root .widget-button, .lecture-root .widget-toggle-button { height: auto; padding: 4px 14px; }
.lecture-root .widget-html-content { font-size: 20px; line-height: 1.35; }
.lecture-root .widget-label { min-width: max-content; }
</style>"""


def lecture(steps=STEPS):
    """The lecture page (see :class:`Lecture`)."""
    return Lecture(steps)
