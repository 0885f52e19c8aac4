from django.conf import settings
from django.contrib import admin
from django.urls import include, path
from drf_spectacular.views import SpectacularAPIView

from gongkai.applications import views as staff
from gongkai.letters import views as letters
from gongkai.ops import views as ops
from gongkai.portal import progress, suggest
from gongkai.portal import views as portal
from gongkai.portal.favicon import favicon
from gongkai.remedies import views as remedies

urlpatterns = [
    path("", portal.home, name="portal-home"),
    path("gk/reports/", include("gongkai.reports.public_urls")),
    path("gk/proposals/", include("gongkai.proposals.public_urls")),  # 建议提案办理结果 (public column)
    path("gk/", include("gongkai.publishing.public_urls")),
    path("gk/<slug:code>/", portal.column, name="column"),
    path("gk/<slug:code>/guide/", portal.guide, name="guide"),
    path("apply/", portal.apply, name="apply"),
    path("apply/done/", portal.apply_done, name="apply-done"),
    path("apply/suggest/", suggest.endpoint, name="apply-suggest"),  # ask before you apply (issue 15 item 3)
    path("apply/suggest/open/<int:pk>/", suggest.open_document, name="apply-suggest-open"),
    path("apply/receipt/", portal.receipt, name="apply-receipt"),
    path("query/", portal.query, name="query"),
    path("query/letters/<int:pk>/", letters.public_letter, name="public-letter"),
    path("query/letters/<int:pk>/docx/", letters.public_letter_docx, name="public-letter-docx"),
    path("query/letters/<int:pk>/pdf/", letters.public_letter_pdf, name="public-letter-pdf"),
    # The progress page of a case this session proved, and its online correction (portal/progress.py);
    # the correction has its own body limit (settings.GONGKAI_BODY_LIMITS "/query/correction/").
    path("query/correction/<str:code>/", progress.correction, name="query-correction"),
    path("query/<str:code>/", progress.case_page, name="query-case"),
    path("mailbox/", include("gongkai.mailbox.urls")),  # 领导信箱 / 互动交流 (issue 17 item 3)
    path("verify/", letters.verify, name="letter-verify"),  # 文书核验: letter number + 核验码 (public)
    path("staff/", include("gongkai.accounts.urls")),  # login (throttled), second step, logout, 2FA
    path("staff/", staff.workbench, name="workbench"),
    path("staff/export.xlsx", staff.export_xlsx, name="workbench-export"),
    path("staff/register/", staff.register, name="register"),
    path("staff/supervision/", staff.supervision, name="supervision"),
    path("staff/applications/<int:pk>/", staff.case_detail, name="case"),
    path("staff/applications/<int:pk>/<slug:name>/", staff.case_action, name="case-action"),
    path("staff/letters/<int:pk>/", letters.staff_letter, name="letter"),
    path("staff/letters/<int:pk>/docx/", letters.staff_letter_docx, name="letter-docx"),
    path("staff/letters/<int:pk>/pdf/", letters.staff_letter_pdf, name="letter-pdf"),
    path("staff/attachments/<int:pk>/", staff.attachment, name="attachment"),
    path("staff/remedies/", remedies.remedy_list, name="remedies"),
    path("staff/remedies/new/", remedies.remedy_new, name="remedy-new"),
    path("staff/remedies/", include("gongkai.remedies.urls")),  # a case, its defence bundles (应诉材料)
    path("staff/mailbox/", include("gongkai.mailbox.staff_urls")),
    path("staff/fees/", staff.fee_calculator, name="fee-calculator"),
    path("staff/publishing/", include("gongkai.publishing.urls")),
    path("staff/screening/", include("gongkai.screening.urls")),  # the leak guard's actions (issue 16 item 5)
    path("staff/reports/", include("gongkai.reports.urls")),
    path("staff/proposals/", include("gongkai.proposals.urls")),  # 建议提案办理
    path("staff/audit/", include("gongkai.auditor.staff_urls")),
    path("staff/websites/", include("gongkai.websites.urls")),  # the organs' websites crawled (gongkai/websites)
    path("staff/calendar/", include("gongkai.holidays.urls")),
    path("api/open/", include("gongkai.publishing.api")),
    path("api/", include("gongkai.applications.api")),
    path("api/schema/", SpectacularAPIView.as_view(), name="api-schema"),
    path("admin/", admin.site.urls),
    path("audit/", include("gongkai.auditor.urls")),
    path("favicon.ico", favicon, name="favicon"),  # a redirect to the SVG icon, not a 404
    path("healthz", ops.healthz, name="healthz"),  # load balancer; JSON, no login, no cache, no rate limit
]

if settings.DEBUG:
    # Public media only: private files (gongkai/files) are outside MEDIA_ROOT and have no URL.
    import re

    from django.urls import re_path

    from gongkai.files.views import public_media

    urlpatterns += [re_path(rf"^{re.escape(settings.MEDIA_URL.lstrip('/'))}(?P<path>.*)$", public_media)]

# Error pages in Chinese (templates/400.html … 500.html); 400 and 500 render without the request.
handler400 = "gongkai.portal.errors.bad_request"
handler500 = "gongkai.portal.errors.server_error"

admin.site.site_header = f"{settings.GONGKAI['SITE_NAME']} 政府信息公开平台 · 配置管理"
admin.site.site_title = f"{settings.GONGKAI['SITE_NAME']} 配置管理"
admin.site.index_title = "配置管理（日常办理请使用工作台）"
