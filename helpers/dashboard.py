"""The instructor view: every slider figure of the course on one code-free page (Voilà).

``instructor/dashboard.ipynb`` calls :func:`course_dashboard`, and ``make present`` serves
that notebook with Voilà, which shows the widgets and hides the code. There is one tab per
entry of :data:`helpers.figures.FIGURES`, so a figure registered there appears here with no
further step. A tab's figure is built the first time the tab is opened (building all of them
up front would keep the page blank for several seconds); a figure that fails to build shows
its error in its own tab and leaves the others working.
"""
import html

import ipywidgets as widgets

from .figures import FIGURES
from .lecture_steps import NOTEBOOKS_DIR, notebook_title

# "01" -> "A product of matrices": read from each notebook's first heading, as the static
# edition does, so a renamed notebook needs no change here
NOTEBOOK_TITLES = {path.name[:2]: notebook_title(path.name[:2])
                   for path in sorted(NOTEBOOKS_DIR.glob("[0-9][0-9]_*.ipynb"))}


# ipywidgets cuts tab titles at a fixed width: let each tab be as wide as its title, and let
# the row of tabs wrap onto a second line instead of running off the page
_TAB_BAR = ".jupyter-widgets.jupyter-widget-tab > .lm-TabBar"
TAB_STYLE = ("<style>"
             f"{_TAB_BAR} {{height: auto !important; max-height: none !important;}}"
             f"{_TAB_BAR} .lm-TabBar-content {{flex-wrap: wrap !important;}}"
             f"{_TAB_BAR} .lm-TabBar-tab {{flex: 0 0 auto !important; max-width: none !important;}}"
             "</style>")


def tab_title(name):
    """'07_edge_of_chaos' -> '07 · edge of chaos'."""
    number, _, rest = name.partition("_")
    return f"{number} · {rest.replace('_', ' ')}" if rest else name


def _heading(name):
    number = name.partition("_")[0]
    notebook = NOTEBOOK_TITLES.get(number, "")
    subtitle = f"Notebook {number} — {notebook}" if notebook else f"Notebook {number}"
    return widgets.HTML(f"<h3 style='margin:4px 0'>{html.escape(subtitle)}: "
                        f"{html.escape(name.partition('_')[2].replace('_', ' '))}</h3>")


class CourseDashboard:
    """A ``Tab`` with one page per registered figure, built lazily. Display ``.widget``."""

    def __init__(self, figures=None):
        self.figures = dict(FIGURES if figures is None else figures)
        if not self.figures:
            raise ValueError("there are no figures to show: helpers.figures.FIGURES is empty")
        self.names = list(self.figures)
        self.pages = [widgets.VBox([_heading(name), widgets.HTML("<i>building the figure…</i>")])
                      for name in self.names]
        self.live = {}  # name -> the built LiveFigure
        self.errors = {}  # name -> the error message, for figures that failed to build
        self.tabs = widgets.Tab(children=self.pages, titles=[tab_title(n) for n in self.names])
        self.tabs.observe(self._on_select, names="selected_index")
        self.widget = widgets.VBox([
            widgets.HTML(TAB_STYLE + "<h2 style='margin:4px 0'>Vanishing and exploding "
                         "gradients — the course's live figures</h2>"),
            self.tabs,
        ])
        self.show(0)

    def show(self, index):
        """Build the figure of tab ``index`` (once) and put it in its page."""
        name = self.names[index]
        if name in self.live or name in self.errors:
            return
        builder, _ = self.figures[name]
        try:
            live = builder()
        except Exception as error:  # one broken figure must not take the page down
            self.errors[name] = f"{type(error).__name__}: {error}"
            self.pages[index].children = (
                _heading(name),
                widgets.HTML(f"<pre>this figure could not be built: "
                             f"{html.escape(self.errors[name])}</pre>"))
            return
        self.live[name] = live
        self.pages[index].children = (_heading(name), live.widget)

    def _on_select(self, change):
        if change["new"] is not None:
            self.show(change["new"])

    def _repr_mimebundle_(self, **kwargs):
        return self.widget._repr_mimebundle_(**kwargs)


def course_dashboard(figures=None):
    """The instructor page: tabs with every course figure (see :class:`CourseDashboard`)."""
    return CourseDashboard(figures)
