"""Issue 17 point 7: a chart's labels and numbers are page text, and its numbers follow in a table."""

import re

import pytest

from legislink.extensions import db
from legislink.models import Identity, Role
from legislink.web import charts

from ..builders import article, make_comment, make_consultation, make_station, make_user
from ..conftest import sign_in


def test_a_bar_chart_is_followed_by_a_table_of_its_numbers():
    html = str(charts.bar_chart([("Community or village official", 7), ("Lawyer", 3)], "By identity",
                                ("Identity", "Comments")))
    chart, table = html.split("<table>")
    assert chart.index("bar-chart") >= 0
    rows = re.findall(r'<th scope="row">([^<]+)</th><td class="num">(\d+)</td>', table)
    assert rows == [("Community or village official", "7"), ("Lawyer", "3")]
    # The label is text of the page, not drawn inside a scaled SVG where it would shrink and be cut.
    assert '<span class="bar-label">Community or village official</span>' in chart
    assert "<text" not in html


def test_a_day_chart_names_its_first_and_last_day_and_lists_every_day():
    html = str(charts.column_chart([("12-01", 1), ("12-02", 4), ("12-03", 2)], "Per day", ("Day", "Comments")))
    assert "<span>12-01</span>" in html
    assert "<span>12-03</span>" in html
    assert len(re.findall(r'<th scope="row">', html)) == 3


@pytest.fixture
def consultation(ctx):
    consultation = make_consultation()
    make_user(Role.STAFF, username="wang")
    make_comment(consultation, identity=Identity.CADRE, station=make_station(),
                 provision_id=article(consultation.version, 2).id)
    db.session.commit()
    return consultation


def test_every_dashboard_chart_has_its_table(client, consultation):
    sign_in(client)
    html = client.get(f"/staff/consultations/{consultation.id}/").get_data(as_text=True)
    charts_drawn = len(re.findall(r'class="(?:bar|column)-chart"', html))
    assert charts_drawn == 5
    assert html.count('class="table-wrap chart-table"') == charts_drawn
    assert '<th scope="row">基层干部</th><td class="num">1</td>' in html
