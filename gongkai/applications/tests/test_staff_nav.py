"""The staff menu links only the pages the user may open: a handler sees no 督办, the 政务公开办 no
登记申请 (both answered 403 before); every link of the menu opens for each role."""

import re

import pytest
from django.urls import reverse

from gongkai.agencies.models import Membership


def menu(page: str) -> list[str]:
    nav = page[page.index('<nav aria-label="主导航">') :]
    nav = nav[: nav.index("</nav>")]
    return [h.replace("&amp;", "&") for h in re.findall(r'href="([^"]+)"', nav)]


@pytest.mark.django_db
@pytest.mark.parametrize(
    "username, shown, hidden",
    [
        ("a_handler", "register", "supervision"),
        ("a_reviewer", "register", "supervision"),
        ("supervisor", "supervision", "register"),
    ],
)
def test_the_menu_links_only_pages_the_role_may_open(client, staff, username, shown, hidden):
    client.force_login(staff[username])
    links = menu(client.get(reverse("workbench")).content.decode())
    assert reverse(shown) in links and reverse(hidden) not in links
    for href in links:
        assert client.get(href).status_code == 200, href


@pytest.mark.django_db
def test_a_secrecy_reviewer_gets_no_link_to_registration(client, tree, make_user):
    client.force_login(make_user("secret", tree["a"], Membership.SECRECY))
    links = menu(client.get(reverse("doc-list")).content.decode())
    assert reverse("register") not in links and reverse("supervision") not in links
