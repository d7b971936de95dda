"""The instructor dashboard: one tab per registered figure, built when opened, errors contained."""

import ipywidgets as widgets
import pytest

from helpers.dashboard import CourseDashboard, course_dashboard, tab_title
from helpers.figures import FIGURES, notebook01



def test_one_tab_per_registered_figure_in_order():
    dashboard = course_dashboard()
    assert dashboard.names == list(FIGURES)
    assert list(dashboard.tabs.titles) == [tab_title(name) for name in FIGURES]
    first = dashboard.names[0]
    assert first in dashboard.live and len(dashboard.live) == 1  # only the open tab is built


def test_opening_a_tab_builds_its_figure_once():
    figures = {"01_a": FIGURES["01_activations_through_depth"],
               "01_b": FIGURES["01_activations_through_depth"]}
    dashboard = CourseDashboard(figures)
    dashboard.tabs.selected_index = 1
    live = dashboard.live["01_b"]
    assert live.widget in dashboard.pages[1].children
    dashboard.tabs.selected_index = 0
    dashboard.tabs.selected_index = 1
    assert dashboard.live["01_b"] is live


def test_a_broken_figure_shows_its_error_and_the_rest_work():
    def broken():
        raise ValueError("no data")

    dashboard = CourseDashboard({"09_broken": (broken, []),
                                 "01_fine": (notebook01.activations_through_depth, [])})
    assert "ValueError: no data" in dashboard.errors["09_broken"]
    assert any(isinstance(child, widgets.HTML) and "no data" in child.value
               for child in dashboard.pages[0].children)
    dashboard.tabs.selected_index = 1
    assert "01_fine" in dashboard.live


def test_tab_title_and_empty_registry():
    assert tab_title("07_edge_of_chaos") == "07 · edge of chaos"
    with pytest.raises(ValueError, match="no figures"):
        CourseDashboard({})
