"""Wide tables scroll inside their own box on a phone, never the page: the screen-reader text of a
button in a table row (``visually-hidden``, absolutely positioned) escaped the scrolling box and
made the organ administrator's 公开目录 page scroll sideways at 375 px (found by looking, issue 17)."""

import pytest
from django.core.cache import cache

from gongkai.agencies.models import Membership
from gongkai.publishing.models import CatalogueNode
from tests.e2e.browser import CHROMIUM, browser_context

pytestmark = [pytest.mark.browser,
              pytest.mark.skipif(CHROMIUM is None, reason="Debian chromium 未安装（apt-get install chromium）")]


@pytest.mark.django_db(transaction=True)
def test_the_catalogue_page_does_not_scroll_sideways_on_a_phone(live_server, tree, make_user):
    cache.clear()
    a = tree["a"]
    admin = make_user("organ_admin", a, Membership.ADMIN)
    admin.set_password("pw-123456")
    admin.save()
    root = CatalogueNode.objects.create(agency=a, title="法定主动公开内容", item_code="第二十条",
                                        section=CatalogueNode.STATUTORY)
    CatalogueNode.objects.create(agency=a, parent=root, section=CatalogueNode.STATUTORY,
                                 title="国民经济和社会发展规划、专项规划、区域规划及相关政策")
    with browser_context(viewport={"width": 375, "height": 800}) as ctx:
        page = ctx.new_page()
        page.goto(f"{live_server.url}/staff/login/")
        page.get_by_label("用户名").fill("organ_admin")
        page.get_by_label("密码").fill("pw-123456")
        page.get_by_role("button", name="登录").click()
        page.wait_for_load_state()
        page.goto(f"{live_server.url}/staff/publishing/catalogue/")
        assert page.get_by_role("button", name="保存").count() >= 2  # the rows' buttons are there
        assert page.evaluate("document.documentElement.scrollWidth") <= 375
